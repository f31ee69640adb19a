#include "workspaces/rentals/store.hpp"

namespace sohosolo::workspaces {

namespace {

/// Who did something: NULL for the command line (no account).
struct By {
  long long id;
  soci::indicator ind;
  explicit By(long long account) : id(account), ind(account > 0 ? soci::i_ok : soci::i_null) {}
};

constexpr const char* kContractSelect =
    "SELECT c.id, c.account_id, c.resource_id, c.start_day, c.end_day, c.notice_value, "
    "c.notice_unit, "
    "c.monthly_price_cents, c.vat_rate_bp, c.status, c.buyer_name, c.buyer_address, c.is_demo, "
    "c.created_at, "
    "c.terminated_at, a.display_name, r.name, s.name, s.id FROM rental_contracts c JOIN accounts a "
    "ON a.id = "
    "c.account_id JOIN resources r ON r.id = c.resource_id JOIN sites s ON s.id = r.site_id WHERE "
    "c.programme_id = :p";

constexpr const char* kInvoiceColumns =
    "id, kind, year, sequence, number, contract_id, account_id, month, corrects_id, issue_day, "
    "due_day, seller_name, "
    "seller_address, seller_siret, seller_vat_number, late_penalty_rate, buyer_name, "
    "buyer_address, line_description, "
    "line_days, line_month_days, monthly_price_cents, total_excl_cents, vat_rate_bp, vat_cents, "
    "total_incl_cents, "
    "reason, is_demo, created_at";

/// Row buffers bound once to a statement, copied out per fetched row.
struct ContractRow {
  RentalContract c;
  long long end_day = 0, terminated_at = 0;
  soci::indicator end_ind = soci::i_null, terminated_ind = soci::i_null;
  int is_demo = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.account_id));
    st.exchange(soci::into(c.resource_id));
    st.exchange(soci::into(c.start_day));
    st.exchange(soci::into(end_day, end_ind));
    st.exchange(soci::into(c.notice.value));
    st.exchange(soci::into(c.notice.unit));
    st.exchange(soci::into(c.monthly_price_cents));
    st.exchange(soci::into(c.vat_rate_bp));
    st.exchange(soci::into(c.status));
    st.exchange(soci::into(c.buyer_name));
    st.exchange(soci::into(c.buyer_address));
    st.exchange(soci::into(is_demo));
    st.exchange(soci::into(c.created_at));
    st.exchange(soci::into(terminated_at, terminated_ind));
    st.exchange(soci::into(c.holder_name));
    st.exchange(soci::into(c.resource_name));
    st.exchange(soci::into(c.site_name));
    st.exchange(soci::into(c.site_id));
  }
  RentalContract Get() const {
    RentalContract out = c;
    out.end_day = end_ind == soci::i_ok ? std::optional(end_day) : std::nullopt;
    out.terminated_at = terminated_ind == soci::i_ok ? std::optional(terminated_at) : std::nullopt;
    out.is_demo = is_demo != 0;
    return out;
  }
};

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
    out.contract_id = contract_ind == soci::i_ok ? std::optional(contract_id) : std::nullopt;
    out.account_id = account_ind == soci::i_ok ? std::optional(account_id) : std::nullopt;
    out.corrects_id = corrects_ind == soci::i_ok ? std::optional(corrects_id) : std::nullopt;
    out.is_demo = is_demo != 0;
    return out;
  }
};

struct BookingRow {
  Booking b;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(b.id));
    st.exchange(soci::into(b.resource_id));
    st.exchange(soci::into(b.account_id));
    st.exchange(soci::into(b.period.start));
    st.exchange(soci::into(b.period.end));
  }
  Booking Get() const { return b; }
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

template <typename Row, typename... Uses>
auto Query(soci::session& sql, const std::string& text, Uses&&... uses) {
  Row row;
  soci::statement st(sql);
  (st.exchange(std::forward<Uses>(uses)), ...);
  row.Bind(st);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute();
  std::vector<decltype(row.Get())> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
}

template <typename T>
std::optional<T> First(std::vector<T> found) {
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace

std::optional<std::string> RentalStore::MemberName(long long account_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare << "SELECT a.display_name FROM accounts a WHERE a.id = :a AND EXISTS "
                               "(SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND "
                               "r.programme_id = :p)",
       soci::use(account_id), soci::use(programme_.value), soci::into(name, ind));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return name;
}

std::optional<RentalStore::ResourceInfo> RentalStore::FindResourceInfo(long long resource_id) {
  ResourceInfo info;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT r.kind, r.capacity, s.time_zone FROM resources r JOIN sites s "
              "ON s.id = r.site_id WHERE r.programme_id = :p AND r.id = :r",
       soci::use(programme_.value), soci::use(resource_id), soci::into(info.kind, ind),
       soci::into(info.capacity), soci::into(info.time_zone));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return info;
}

std::vector<RentalStore::Choice> RentalStore::Members() {
  std::vector<Choice> out;
  Choice c;
  soci::statement st =
      (lease_.sql().prepare << "SELECT DISTINCT a.id, a.display_name FROM accounts a JOIN "
                               "account_roles r ON r.account_id = a.id WHERE r.programme_id = :p "
                               "ORDER BY a.display_name, a.id",
       soci::use(programme_.value), soci::into(c.id), soci::into(c.label));
  st.execute();
  while (st.fetch()) out.push_back(c);
  return out;
}

std::vector<RentalStore::Choice> RentalStore::Desks() {
  std::vector<Choice> out;
  Choice c;
  std::string site;
  int capacity = 1;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT r.id, r.name, s.name, r.capacity FROM resources r JOIN sites s "
              "ON s.id = r.site_id WHERE r.programme_id = :p AND r.kind = 'desk' "
              "ORDER BY s.name, r.name",
       soci::use(programme_.value), soci::into(c.id), soci::into(c.label), soci::into(site),
       soci::into(capacity));
  st.execute();
  while (st.fetch()) {
    out.push_back({c.id, c.label + " — " + site +
                             (capacity > 1 ? " (" + std::to_string(capacity) + ")" : "")});
  }
  return out;
}

long long RentalStore::InsertContract(const RentalContract& c, long long created_by) {
  long long id = 0;
  long long end_day = c.end_day.value_or(0);
  soci::indicator end_ind = c.end_day ? soci::i_ok : soci::i_null;
  int is_demo = c.is_demo ? 1 : 0;
  const long long now = core::Now();
  By by(created_by);
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO rental_contracts (programme_id, account_id, resource_id, "
              "start_day, end_day, notice_value, notice_unit, monthly_price_cents, "
              "vat_rate_bp, status, buyer_name, buyer_address, is_demo, created_at, "
              "created_by) VALUES (:p, :a, :r, :s, :e, :nv, :nu, :m, :v, 'active', "
              ":bn, :ba, :d, :t, :b) RETURNING id",
       soci::use(programme_.value), soci::use(c.account_id), soci::use(c.resource_id),
       soci::use(c.start_day), soci::use(end_day, end_ind), soci::use(c.notice.value),
       soci::use(c.notice.unit), soci::use(c.monthly_price_cents), soci::use(c.vat_rate_bp),
       soci::use(c.buyer_name), soci::use(c.buyer_address), soci::use(is_demo), soci::use(now),
       soci::use(by.id, by.ind), soci::into(id));
  st.execute(true);
  return id;
}

std::optional<RentalContract> RentalStore::FindContract(long long id) {
  return First(Query<ContractRow>(lease_.sql(), std::string(kContractSelect) + " AND c.id = :i",
                                  soci::use(programme_.value), soci::use(id)));
}

std::vector<RentalContract> RentalStore::Contracts(std::optional<long long> account_id) {
  if (!account_id) {
    return Query<ContractRow>(
        lease_.sql(), std::string(kContractSelect) + " ORDER BY c.start_day DESC, c.id DESC",
        soci::use(programme_.value));
  }
  return Query<ContractRow>(
      lease_.sql(),
      std::string(kContractSelect) + " AND c.account_id = :a ORDER BY c.start_day DESC, c.id DESC",
      soci::use(programme_.value), soci::use(*account_id));
}

std::vector<RentalContract> RentalStore::ContractsOverlapping(long long resource_id, Day first,
                                                              std::optional<Day> last) {
  // An open range is compared with a day far beyond any contract.
  const Day upto = last.value_or(4'000'000);
  return Query<ContractRow>(
      lease_.sql(),
      std::string(kContractSelect) +
          " AND c.resource_id = :r AND c.start_day <= :l AND (c.end_day IS NULL OR c.end_day >= "
          ":f) ORDER BY c.start_day",
      soci::use(programme_.value), soci::use(resource_id), soci::use(upto), soci::use(first));
}

std::vector<RentalContract> RentalStore::ContractsBetween(Day first, Day last) {
  return Query<ContractRow>(
      lease_.sql(),
      std::string(kContractSelect) +
          " AND c.start_day <= :l AND (c.end_day IS NULL OR c.end_day >= :f) ORDER BY c.id",
      soci::use(programme_.value), soci::use(last), soci::use(first));
}

bool RentalStore::Terminate(long long id, Day end_day, core::UnixSeconds now,
                            long long by_account) {
  By by(by_account);
  soci::statement st =
      (lease_.sql().prepare << "UPDATE rental_contracts SET status = 'terminated', end_day = :e, "
                               "terminated_at = :t, terminated_by = :b WHERE programme_id = :p AND "
                               "id = :i AND status = 'active'",
       soci::use(end_day), soci::use(now), soci::use(by.id, by.ind), soci::use(programme_.value),
       soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<Booking> RentalStore::BookingsBetween(long long resource_id, core::UnixSeconds from,
                                                  core::UnixSeconds to) {
  return Query<BookingRow>(
      lease_.sql(),
      "SELECT id, resource_id, account_id, start_at, end_at FROM bookings WHERE programme_id = :p "
      "AND resource_id = :r AND status = 'confirmed' AND end_at > :f AND start_at < :t ORDER BY "
      "start_at",
      soci::use(programme_.value), soci::use(resource_id), soci::use(from), soci::use(to));
}

void RentalStore::LockResource(long long resource_id, bool exclusive) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  // The two-key form keeps these locks apart from the one-key account locks of bookings.
  const int key = static_cast<int>(resource_id % 2147483647);
  const std::string fn = exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
  soci::statement st = (lease_.sql().prepare << "SELECT " + fn + "(8008, :k)", soci::use(key));
  st.execute(true);
}

void RentalStore::LockInvoice(long long invoice_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  const int key = static_cast<int>(invoice_id % 2147483647);
  soci::statement st =
      (lease_.sql().prepare << "SELECT pg_advisory_xact_lock(8009, :k)", soci::use(key));
  st.execute(true);
}

std::optional<InvoiceSettings> RentalStore::Settings() {
  InvoiceSettings s;
  int is_demo = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT seller_name, seller_address, siret, vat_number, "
              "payment_terms_days, late_penalty_rate, is_demo FROM invoice_settings "
              "WHERE programme_id = :p",
       soci::use(programme_.value), soci::into(s.seller_name, ind), soci::into(s.seller_address),
       soci::into(s.siret), soci::into(s.vat_number), soci::into(s.payment_terms_days),
       soci::into(s.late_penalty_rate), soci::into(is_demo));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  s.is_demo = is_demo != 0;
  return s;
}

void RentalStore::SaveSettings(const InvoiceSettings& s, core::UnixSeconds now,
                               long long by_account) {
  By by(by_account);
  int is_demo = s.is_demo ? 1 : 0;
  soci::statement del =
      (lease_.sql().prepare << "DELETE FROM invoice_settings WHERE programme_id = :p",
       soci::use(programme_.value));
  del.execute(true);
  soci::statement ins =
      (lease_.sql().prepare
           << "INSERT INTO invoice_settings (programme_id, seller_name, "
              "seller_address, siret, vat_number, payment_terms_days, "
              "late_penalty_rate, is_demo, updated_at, updated_by) VALUES (:p, :n, "
              ":a, :s, :v, :d, :l, :demo, :t, :b)",
       soci::use(programme_.value), soci::use(s.seller_name), soci::use(s.seller_address),
       soci::use(s.siret), soci::use(s.vat_number), soci::use(s.payment_terms_days),
       soci::use(s.late_penalty_rate), soci::use(is_demo), soci::use(now),
       soci::use(by.id, by.ind));
  ins.execute(true);
}

int RentalStore::NextSequence(int year) {
  soci::statement ensure =
      (lease_.sql().prepare << "INSERT INTO invoice_counters (programme_id, year, last_number) "
                               "VALUES (:p, :y, 0) ON CONFLICT DO NOTHING",
       soci::use(programme_.value), soci::use(year));
  ensure.execute(true);
  int next = 0;
  soci::statement bump =
      (lease_.sql().prepare << "UPDATE invoice_counters SET last_number = last_number + 1 WHERE "
                               "programme_id = :p AND year = :y RETURNING last_number",
       soci::use(programme_.value), soci::use(year), soci::into(next));
  bump.execute(true);
  return next;
}

long long RentalStore::InsertInvoice(const Invoice& i, long long created_by) {
  long long id = 0;
  long long contract_id = i.contract_id.value_or(0), account_id = i.account_id.value_or(0),
            corrects_id = i.corrects_id.value_or(0);
  soci::indicator contract_ind = i.contract_id ? soci::i_ok : soci::i_null;
  soci::indicator account_ind = i.account_id ? soci::i_ok : soci::i_null;
  soci::indicator corrects_ind = i.corrects_id ? soci::i_ok : soci::i_null;
  int is_demo = i.is_demo ? 1 : 0;
  const long long now = core::Now();
  By by(created_by);
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO invoices (programme_id, kind, year, sequence, number, contract_id, "
              "account_id, month, corrects_id, issue_day, due_day, seller_name, seller_address, "
              "seller_siret, seller_vat_number, late_penalty_rate, buyer_name, buyer_address, "
              "line_description, line_days, line_month_days, monthly_price_cents, "
              "total_excl_cents, "
              "vat_rate_bp, vat_cents, total_incl_cents, reason, is_demo, created_at, created_by) "
              "VALUES (:p, :k, :y, :s, :n, :c, :a, :m, :co, :id, :dd, :sn, :sa, :ss, :sv, :lp, "
              ":bn, "
              ":ba, :ld, :ldays, :lmd, :mp, :te, :vr, :vc, :ti, :r, :demo, :t, :b) RETURNING id",
       soci::use(programme_.value), soci::use(i.kind), soci::use(i.year), soci::use(i.sequence),
       soci::use(i.number), soci::use(contract_id, contract_ind),
       soci::use(account_id, account_ind), soci::use(i.month), soci::use(corrects_id, corrects_ind),
       soci::use(i.issue_day), soci::use(i.due_day), soci::use(i.seller.seller_name),
       soci::use(i.seller.seller_address), soci::use(i.seller.siret),
       soci::use(i.seller.vat_number), soci::use(i.seller.late_penalty_rate),
       soci::use(i.buyer_name), soci::use(i.buyer_address), soci::use(i.line_description),
       soci::use(i.line_days), soci::use(i.line_month_days), soci::use(i.monthly_price_cents),
       soci::use(i.total_excl_cents), soci::use(i.vat_rate_bp), soci::use(i.vat_cents),
       soci::use(i.total_incl_cents), soci::use(i.reason), soci::use(is_demo), soci::use(now),
       soci::use(by.id, by.ind), soci::into(id));
  st.execute(true);
  return id;
}

std::optional<Invoice> RentalStore::FindInvoice(long long id) {
  return First(Query<InvoiceRow>(lease_.sql(),
                                 std::string("SELECT ") + kInvoiceColumns +
                                     " FROM invoices WHERE programme_id = :p AND id = :i",
                                 soci::use(programme_.value), soci::use(id)));
}

bool RentalStore::InvoiceExists(long long contract_id, const std::string& month) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT id FROM invoices WHERE programme_id = :p AND kind = 'invoice' "
              "AND contract_id = :c AND month = :m",
       soci::use(programme_.value), soci::use(contract_id), soci::use(month), soci::into(id, ind));
  st.execute(true);
  return ind == soci::i_ok;
}

std::vector<Invoice> RentalStore::Invoices(std::optional<long long> account_id) {
  const std::string base =
      std::string("SELECT ") + kInvoiceColumns + " FROM invoices WHERE programme_id = :p";
  if (!account_id) {
    return Query<InvoiceRow>(lease_.sql(), base + " ORDER BY year DESC, sequence DESC",
                             soci::use(programme_.value));
  }
  return Query<InvoiceRow>(lease_.sql(),
                           base + " AND account_id = :a ORDER BY year DESC, sequence DESC",
                           soci::use(programme_.value), soci::use(*account_id));
}

std::vector<Invoice> RentalStore::CreditNotesOf(long long invoice_id) {
  return Query<InvoiceRow>(
      lease_.sql(),
      std::string("SELECT ") + kInvoiceColumns +
          " FROM invoices WHERE programme_id = :p AND corrects_id = :i ORDER BY year, sequence",
      soci::use(programme_.value), soci::use(invoice_id));
}

long long RentalStore::InsertPayment(const Payment& p, long long created_by) {
  long long id = 0;
  const long long now = core::Now();
  By by(created_by);
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO invoice_payments (programme_id, invoice_id, paid_day, "
              "method, amount_cents, created_at, created_by) VALUES (:p, :i, :d, :m, "
              ":a, :t, :b) RETURNING id",
       soci::use(programme_.value), soci::use(p.invoice_id), soci::use(p.paid_day),
       soci::use(p.method), soci::use(p.amount_cents), soci::use(now), soci::use(by.id, by.ind),
       soci::into(id));
  st.execute(true);
  return id;
}

std::vector<Payment> RentalStore::PaymentsOf(long long invoice_id) {
  return Query<PaymentRow>(
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
    return Query<PaymentRow>(lease_.sql(), base + " ORDER BY p.paid_day, p.id",
                             soci::use(programme_.value));
  return Query<PaymentRow>(lease_.sql(), base + " AND i.account_id = :a ORDER BY p.paid_day, p.id",
                           soci::use(programme_.value), soci::use(*account_id));
}

}  // namespace sohosolo::workspaces
