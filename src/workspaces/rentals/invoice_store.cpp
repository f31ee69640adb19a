// The rentals store: invoice settings, invoices and their gap-free numbers, payments.
#include "db/rows.hpp"
#include "workspaces/rentals/store.hpp"

namespace sohosolo::workspaces {

namespace {

constexpr const char* kInvoiceColumns =
    "id, kind, year, sequence, number, contract_id, account_id, month, corrects_id, issue_day, "
    "due_day, seller_name, "
    "seller_address, seller_siret, seller_vat_number, late_penalty_rate, buyer_name, "
    "buyer_address, line_description, "
    "line_days, line_month_days, monthly_price_cents, total_excl_cents, vat_rate_bp, vat_cents, "
    "total_incl_cents, "
    "reason, is_demo, created_at";

/// Row buffers bound once to a statement, copied out per fetched row.
struct InvoiceRow {
  Invoice i;
  long long contract_id = 0, account_id = 0, corrects_id = 0;
  soci::indicator contract_ind = soci::i_null, account_ind = soci::i_null,
                  corrects_ind = soci::i_null;
  int is_demo = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(i.id));
    st.exchange(soci::into(i.kind));
    st.exchange(soci::into(i.year));
    st.exchange(soci::into(i.sequence));
    st.exchange(soci::into(i.number));
    st.exchange(soci::into(contract_id, contract_ind));
    st.exchange(soci::into(account_id, account_ind));
    st.exchange(soci::into(i.month));
    st.exchange(soci::into(corrects_id, corrects_ind));
    st.exchange(soci::into(i.issue_day));
    st.exchange(soci::into(i.due_day));
    st.exchange(soci::into(i.seller.seller_name));
    st.exchange(soci::into(i.seller.seller_address));
    st.exchange(soci::into(i.seller.siret));
    st.exchange(soci::into(i.seller.vat_number));
    st.exchange(soci::into(i.seller.late_penalty_rate));
    st.exchange(soci::into(i.buyer_name));
    st.exchange(soci::into(i.buyer_address));
    st.exchange(soci::into(i.line_description));
    st.exchange(soci::into(i.line_days));
    st.exchange(soci::into(i.line_month_days));
    st.exchange(soci::into(i.monthly_price_cents));
    st.exchange(soci::into(i.total_excl_cents));
    st.exchange(soci::into(i.vat_rate_bp));
    st.exchange(soci::into(i.vat_cents));
    st.exchange(soci::into(i.total_incl_cents));
    st.exchange(soci::into(i.reason));
    st.exchange(soci::into(is_demo));
    st.exchange(soci::into(i.created_at));
  }
  Invoice Get() const {
    Invoice out = i;
    out.contract_id = db::Optional(contract_id, contract_ind);
    out.account_id = db::Optional(account_id, account_ind);
    out.corrects_id = db::Optional(corrects_id, corrects_ind);
    out.is_demo = is_demo != 0;
    return out;
  }
};

struct PaymentRow {
  Payment p;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(p.id));
    st.exchange(soci::into(p.invoice_id));
    st.exchange(soci::into(p.paid_day));
    st.exchange(soci::into(p.method));
    st.exchange(soci::into(p.amount_cents));
    st.exchange(soci::into(p.created_at));
  }
  Payment Get() const { return p; }
};

}  // namespace

void RentalStore::LockInvoice(long long invoice_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  const int key = static_cast<int>(invoice_id % 2147483647);
  db::ExecOnce(lease_.sql(), "SELECT pg_advisory_xact_lock(8009, :k)", soci::use(key));
}

std::optional<InvoiceSettings> RentalStore::Settings() {
  InvoiceSettings s;
  int is_demo = 0;
  soci::indicator ind = soci::i_null;
  auto st = db::ExecOnce(lease_.sql(),
                         "SELECT seller_name, seller_address, siret, vat_number, "
                         "payment_terms_days, late_penalty_rate, is_demo FROM invoice_settings "
                         "WHERE programme_id = :p",
                         soci::use(programme_.value), soci::into(s.seller_name, ind),
                         soci::into(s.seller_address), soci::into(s.siret),
                         soci::into(s.vat_number), soci::into(s.payment_terms_days),
                         soci::into(s.late_penalty_rate), soci::into(is_demo));
  if (ind != soci::i_ok) return std::nullopt;
  s.is_demo = is_demo != 0;
  return s;
}

void RentalStore::SaveSettings(const InvoiceSettings& s, core::UnixSeconds now,
                               long long by_account) {
  db::NullableId by(by_account);
  int is_demo = s.is_demo ? 1 : 0;
  auto del = db::ExecOnce(lease_.sql(), "DELETE FROM invoice_settings WHERE programme_id = :p",
                          soci::use(programme_.value));
  auto ins = db::ExecOnce(lease_.sql(),
                          "INSERT INTO invoice_settings (programme_id, seller_name, "
                          "seller_address, siret, vat_number, payment_terms_days, "
                          "late_penalty_rate, is_demo, updated_at, updated_by) VALUES (:p, :n, "
                          ":a, :s, :v, :d, :l, :demo, :t, :b)",
                          soci::use(programme_.value), soci::use(s.seller_name),
                          soci::use(s.seller_address), soci::use(s.siret), soci::use(s.vat_number),
                          soci::use(s.payment_terms_days), soci::use(s.late_penalty_rate),
                          soci::use(is_demo), soci::use(now), soci::use(by.id, by.ind));
}

int RentalStore::NextSequence(int year) {
  auto ensure = db::ExecOnce(lease_.sql(),
                             "INSERT INTO invoice_counters (programme_id, year, last_number) "
                             "VALUES (:p, :y, 0) ON CONFLICT DO NOTHING",
                             soci::use(programme_.value), soci::use(year));
  int next = 0;
  auto bump = db::ExecOnce(lease_.sql(),
                           "UPDATE invoice_counters SET last_number = last_number + 1 WHERE "
                           "programme_id = :p AND year = :y RETURNING last_number",
                           soci::use(programme_.value), soci::use(year), soci::into(next));
  return next;
}

std::optional<long long> RentalStore::InsertInvoice(const Invoice& i, long long created_by) {
  long long id = 0;
  long long contract_id = i.contract_id.value_or(0), account_id = i.account_id.value_or(0),
            corrects_id = i.corrects_id.value_or(0);
  soci::indicator contract_ind = i.contract_id ? soci::i_ok : soci::i_null;
  soci::indicator account_ind = i.account_id ? soci::i_ok : soci::i_null;
  soci::indicator corrects_ind = i.corrects_id ? soci::i_ok : soci::i_null;
  int is_demo = i.is_demo ? 1 : 0;
  const long long now = core::Now();
  db::NullableId by(created_by);
  // The unique index on (contract, month) refuses a month invoiced by a concurrent run.
  const bool inserted = db::TryWrite(lease_, "invoice", db::IsUniqueViolation, [&] {
    auto st = db::ExecOnce(
        lease_.sql(),
        "INSERT INTO invoices (programme_id, kind, year, sequence, number, contract_id, "
        "account_id, month, corrects_id, issue_day, due_day, seller_name, seller_address, "
        "seller_siret, seller_vat_number, late_penalty_rate, buyer_name, buyer_address, "
        "line_description, line_days, line_month_days, monthly_price_cents, "
        "total_excl_cents, "
        "vat_rate_bp, vat_cents, total_incl_cents, reason, is_demo, created_at, "
        "created_by) "
        "VALUES (:p, :k, :y, :s, :n, :c, :a, :m, :co, :id, :dd, :sn, :sa, :ss, :sv, :lp, "
        ":bn, "
        ":ba, :ld, :ldays, :lmd, :mp, :te, :vr, :vc, :ti, :r, :demo, :t, :b) RETURNING id",
        soci::use(programme_.value), soci::use(i.kind), soci::use(i.year), soci::use(i.sequence),
        soci::use(i.number), soci::use(contract_id, contract_ind),
        soci::use(account_id, account_ind), soci::use(i.month),
        soci::use(corrects_id, corrects_ind), soci::use(i.issue_day), soci::use(i.due_day),
        soci::use(i.seller.seller_name), soci::use(i.seller.seller_address),
        soci::use(i.seller.siret), soci::use(i.seller.vat_number),
        soci::use(i.seller.late_penalty_rate), soci::use(i.buyer_name), soci::use(i.buyer_address),
        soci::use(i.line_description), soci::use(i.line_days), soci::use(i.line_month_days),
        soci::use(i.monthly_price_cents), soci::use(i.total_excl_cents), soci::use(i.vat_rate_bp),
        soci::use(i.vat_cents), soci::use(i.total_incl_cents), soci::use(i.reason),
        soci::use(is_demo), soci::use(now), soci::use(by.id, by.ind), soci::into(id));
  });
  if (!inserted) return std::nullopt;
  return id;
}

std::optional<Invoice> RentalStore::FindInvoice(long long id) {
  return db::First(db::Fetch<InvoiceRow>(lease_.sql(),
                                         std::string("SELECT ") + kInvoiceColumns +
                                             " FROM invoices WHERE programme_id = :p AND id = :i",
                                         soci::use(programme_.value), soci::use(id)));
}

bool RentalStore::InvoiceExists(long long contract_id, const std::string& month) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  auto st = db::ExecOnce(lease_.sql(),
                         "SELECT id FROM invoices WHERE programme_id = :p AND kind = 'invoice' "
                         "AND contract_id = :c AND month = :m",
                         soci::use(programme_.value), soci::use(contract_id), soci::use(month),
                         soci::into(id, ind));
  return ind == soci::i_ok;
}

std::vector<Invoice> RentalStore::Invoices(std::optional<long long> account_id) {
  const std::string base =
      std::string("SELECT ") + kInvoiceColumns + " FROM invoices WHERE programme_id = :p";
  if (!account_id) {
    return db::Fetch<InvoiceRow>(lease_.sql(), base + " ORDER BY year DESC, sequence DESC",
                                 soci::use(programme_.value));
  }
  return db::Fetch<InvoiceRow>(lease_.sql(),
                               base + " AND account_id = :a ORDER BY year DESC, sequence DESC",
                               soci::use(programme_.value), soci::use(*account_id));
}

std::vector<Invoice> RentalStore::CreditNotesOf(long long invoice_id) {
  return db::Fetch<InvoiceRow>(
      lease_.sql(),
      std::string("SELECT ") + kInvoiceColumns +
          " FROM invoices WHERE programme_id = :p AND corrects_id = :i ORDER BY year, sequence",
      soci::use(programme_.value), soci::use(invoice_id));
}

long long RentalStore::InsertPayment(const Payment& p, long long created_by) {
  long long id = 0;
  const long long now = core::Now();
  db::NullableId by(created_by);
  auto st = db::ExecOnce(lease_.sql(),
                         "INSERT INTO invoice_payments (programme_id, invoice_id, paid_day, "
                         "method, amount_cents, created_at, created_by) VALUES (:p, :i, :d, :m, "
                         ":a, :t, :b) RETURNING id",
                         soci::use(programme_.value), soci::use(p.invoice_id),
                         soci::use(p.paid_day), soci::use(p.method), soci::use(p.amount_cents),
                         soci::use(now), soci::use(by.id, by.ind), soci::into(id));
  return id;
}

std::vector<Payment> RentalStore::PaymentsOf(long long invoice_id) {
  return db::Fetch<PaymentRow>(
      lease_.sql(),
      "SELECT id, invoice_id, paid_day, method, amount_cents, created_at FROM invoice_payments "
      "WHERE programme_id = :p AND invoice_id = :i ORDER BY paid_day, id",
      soci::use(programme_.value), soci::use(invoice_id));
}

std::vector<Payment> RentalStore::Payments(std::optional<long long> account_id) {
  const std::string base =
      "SELECT p.id, p.invoice_id, p.paid_day, p.method, p.amount_cents, p.created_at FROM "
      "invoice_payments p JOIN "
      "invoices i ON i.id = p.invoice_id WHERE p.programme_id = :p";
  if (!account_id)
    return db::Fetch<PaymentRow>(lease_.sql(), base + " ORDER BY p.paid_day, p.id",
                                 soci::use(programme_.value));
  return db::Fetch<PaymentRow>(lease_.sql(),
                               base + " AND i.account_id = :a ORDER BY p.paid_day, p.id",
                               soci::use(programme_.value), soci::use(*account_id));
}

}  // namespace sohosolo::workspaces
