-- Long-term desk rentals in coworking spaces and their monthly invoices.
-- Days (start_day, end_day, issue_day...) are local calendar days of the site's zone, counted
-- from 1970-01-01; amounts are integer euro cents; rates are basis points (2000 = 20 %).

CREATE TABLE rental_contracts (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  start_day BIGINT NOT NULL,
  -- Last day included; NULL while the contract runs with no end agreed.
  end_day BIGINT,
  notice_value INTEGER NOT NULL CHECK (notice_value >= 0),
  notice_unit TEXT NOT NULL CHECK (notice_unit IN ('days', 'months')),
  monthly_price_cents BIGINT NOT NULL CHECK (monthly_price_cents > 0),
  vat_rate_bp INTEGER NOT NULL DEFAULT 2000 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'terminated')),
  buyer_name TEXT NOT NULL,
  buyer_address TEXT NOT NULL DEFAULT '',
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  terminated_at BIGINT,
  terminated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  CHECK (end_day IS NULL OR end_day >= start_day)
);
CREATE INDEX rental_contracts_resource ON rental_contracts (programme_id, resource_id, start_day);
CREATE INDEX rental_contracts_account ON rental_contracts (programme_id, account_id);

-- The seller's identity printed on invoices (legal mentions), one row per programme.
CREATE TABLE invoice_settings (
  programme_id BIGINT PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
  seller_name TEXT NOT NULL,
  seller_address TEXT NOT NULL,
  siret TEXT NOT NULL,
  vat_number TEXT NOT NULL,
  payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 60),
  late_penalty_rate TEXT NOT NULL DEFAULT '',
  is_demo INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL
);

-- The last number given per programme and year: incremented in the transaction that inserts the
-- invoice, so a rolled-back invoice gives its number back and numbers have no gap.
CREATE TABLE invoice_counters (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  last_number INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (programme_id, year)
);

-- Invoices and credit notes share one numbering sequence. Issued documents are never updated:
-- seller and buyer are copied in at issue, corrections are credit notes.
CREATE TABLE invoices (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  number TEXT NOT NULL,
  contract_id BIGINT REFERENCES rental_contracts(id) ON DELETE SET NULL,
  account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  -- The month billed, YYYY-MM (an invoice), or that of the corrected invoice (a credit note).
  month TEXT NOT NULL,
  corrects_id BIGINT REFERENCES invoices(id),
  issue_day BIGINT NOT NULL,
  due_day BIGINT NOT NULL,
  seller_name TEXT NOT NULL,
  seller_address TEXT NOT NULL,
  seller_siret TEXT NOT NULL,
  seller_vat_number TEXT NOT NULL,
  late_penalty_rate TEXT NOT NULL DEFAULT '',
  buyer_name TEXT NOT NULL,
  buyer_address TEXT NOT NULL,
  line_description TEXT NOT NULL,
  line_days INTEGER NOT NULL DEFAULT 0,
  line_month_days INTEGER NOT NULL DEFAULT 0,
  monthly_price_cents BIGINT NOT NULL DEFAULT 0,
  total_excl_cents BIGINT NOT NULL,
  vat_rate_bp INTEGER NOT NULL,
  vat_cents BIGINT NOT NULL,
  total_incl_cents BIGINT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  UNIQUE (programme_id, year, sequence),
  UNIQUE (programme_id, number)
);
-- One invoice per contract and month, whoever generates it and however often.
CREATE UNIQUE INDEX invoices_contract_month ON invoices (contract_id, month) WHERE kind = 'invoice';
CREATE INDEX invoices_account ON invoices (programme_id, account_id);
CREATE INDEX invoices_corrects ON invoices (corrects_id);

CREATE TABLE invoice_payments (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  invoice_id BIGINT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  paid_day BIGINT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('transfer', 'direct_debit', 'card', 'cheque', 'cash')),
  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL
);
CREATE INDEX invoice_payments_invoice ON invoice_payments (invoice_id);
