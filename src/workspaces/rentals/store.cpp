#include "workspaces/rentals/store.hpp"

#include "db/kept.hpp"
#include "db/rows.hpp"

namespace sohosolo::workspaces {

namespace {

constexpr const char* kContractSelect =
    "SELECT c.id, c.account_id, c.resource_id, c.start_day, c.end_day, c.notice_value, "
    "c.notice_unit, "
    "c.monthly_price_cents, c.vat_rate_bp, c.status, c.buyer_name, c.buyer_address, c.is_demo, "
    "c.created_at, "
    "c.terminated_at, a.display_name, r.name, s.name, s.id FROM rental_contracts c JOIN accounts a "
    "ON a.id = "
    "c.account_id JOIN resources r ON r.id = c.resource_id JOIN sites s ON s.id = r.site_id WHERE "
    "c.programme_id = :p";

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
    out.end_day = db::Optional(end_day, end_ind);
    out.terminated_at = db::Optional(terminated_at, terminated_ind);
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

}  // namespace
std::optional<std::string> RentalStore::MemberName(long long account_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  auto st = db::ExecOnce(lease_.sql(),
                         "SELECT a.display_name FROM accounts a WHERE a.id = :a AND EXISTS "
                         "(SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND "
                         "r.programme_id = :p)",
                         soci::use(account_id), soci::use(programme_.value), soci::into(name, ind));
  if (ind != soci::i_ok) return std::nullopt;
  return name;
}

std::optional<RentalStore::ResourceInfo> RentalStore::FindResourceInfo(long long resource_id) {
  ResourceInfo info;
  soci::indicator ind = soci::i_null;
  auto st =
      db::ExecOnce(lease_.sql(),
                   "SELECT r.kind, r.capacity, s.time_zone FROM resources r JOIN sites s "
                   "ON s.id = r.site_id WHERE r.programme_id = :p AND r.id = :r",
                   soci::use(programme_.value), soci::use(resource_id), soci::into(info.kind, ind),
                   soci::into(info.capacity), soci::into(info.time_zone));
  if (ind != soci::i_ok) return std::nullopt;
  return info;
}

std::vector<RentalStore::Choice> RentalStore::Members() {
  std::vector<Choice> out;
  Choice c;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT DISTINCT a.id, a.display_name FROM accounts a JOIN "
                        "account_roles r ON r.account_id = a.id WHERE r.programme_id = :p "
                        "ORDER BY a.display_name, a.id",
                        soci::use(programme_.value), soci::into(c.id), soci::into(c.label));
  while (st.fetch()) out.push_back(c);
  return out;
}

std::vector<RentalStore::Choice> RentalStore::Desks() {
  std::vector<Choice> out;
  Choice c;
  std::string site;
  int capacity = 1;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT r.id, r.name, s.name, r.capacity FROM resources r JOIN sites s "
                        "ON s.id = r.site_id WHERE r.programme_id = :p AND r.kind = 'desk' "
                        "ORDER BY s.name, r.name",
                        soci::use(programme_.value), soci::into(c.id), soci::into(c.label),
                        soci::into(site), soci::into(capacity));
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
  db::NullableId by(created_by);
  auto st =
      db::ExecOnce(lease_.sql(),
                   "INSERT INTO rental_contracts (programme_id, account_id, resource_id, "
                   "start_day, end_day, notice_value, notice_unit, monthly_price_cents, "
                   "vat_rate_bp, status, buyer_name, buyer_address, is_demo, created_at, "
                   "created_by) VALUES (:p, :a, :r, :s, :e, :nv, :nu, :m, :v, 'active', "
                   ":bn, :ba, :d, :t, :b) RETURNING id",
                   soci::use(programme_.value), soci::use(c.account_id), soci::use(c.resource_id),
                   soci::use(c.start_day), soci::use(end_day, end_ind), soci::use(c.notice.value),
                   soci::use(c.notice.unit), soci::use(c.monthly_price_cents),
                   soci::use(c.vat_rate_bp), soci::use(c.buyer_name), soci::use(c.buyer_address),
                   soci::use(is_demo), soci::use(now), soci::use(by.id, by.ind), soci::into(id));
  return id;
}

std::optional<RentalContract> RentalStore::FindContract(long long id) {
  return db::First(db::Fetch<ContractRow>(lease_.sql(),
                                          std::string(kContractSelect) + " AND c.id = :i",
                                          soci::use(programme_.value), soci::use(id)));
}

std::vector<RentalContract> RentalStore::Contracts(std::optional<long long> account_id) {
  if (!account_id) {
    return db::Fetch<ContractRow>(
        lease_.sql(), std::string(kContractSelect) + " ORDER BY c.start_day DESC, c.id DESC",
        soci::use(programme_.value));
  }
  return db::Fetch<ContractRow>(
      lease_.sql(),
      std::string(kContractSelect) + " AND c.account_id = :a ORDER BY c.start_day DESC, c.id DESC",
      soci::use(programme_.value), soci::use(*account_id));
}

std::vector<RentalContract> RentalStore::ContractsOverlapping(long long resource_id, Day first,
                                                              std::optional<Day> last) {
  // An open range is compared with a day far beyond any contract.
  const Day upto = last.value_or(4'000'000);
  // Kept per connection: every booking asks it (a desk's holders).
  return db::FetchKept<ContractRow>(
      lease_,
      std::string(kContractSelect) +
          " AND c.resource_id = :r AND c.start_day <= :l AND (c.end_day IS NULL OR c.end_day >= "
          ":f) ORDER BY c.start_day",
      programme_.value, resource_id, upto, first);
}

std::vector<RentalContract> RentalStore::ContractsBetween(Day first, Day last) {
  return db::Fetch<ContractRow>(
      lease_.sql(),
      std::string(kContractSelect) +
          " AND c.start_day <= :l AND (c.end_day IS NULL OR c.end_day >= :f) ORDER BY c.id",
      soci::use(programme_.value), soci::use(last), soci::use(first));
}

bool RentalStore::Terminate(long long id, Day end_day, core::UnixSeconds now,
                            long long by_account) {
  db::NullableId by(by_account);
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE rental_contracts SET status = 'terminated', end_day = :e, "
                         "terminated_at = :t, terminated_by = :b WHERE programme_id = :p AND "
                         "id = :i AND status = 'active'",
                         soci::use(end_day), soci::use(now), soci::use(by.id, by.ind),
                         soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() > 0;
}

std::vector<Booking> RentalStore::BookingsBetween(long long resource_id, core::UnixSeconds from,
                                                  core::UnixSeconds to) {
  return db::Fetch<BookingRow>(
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
  db::ExecOnce(lease_.sql(), "SELECT " + fn + "(8008, :k)", soci::use(key));
}

}  // namespace sohosolo::workspaces
