// The bookings store: the waitlist.
#include <soci/soci.h>

#include <map>

#include "db/rows.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/bookings/store_rows.hpp"

namespace sohosolo::workspaces {

using namespace store_rows;  // NOLINT(google-build-using-namespace): this store's own rows

namespace {

constexpr const char* kWaitlistColumns =
    "id, resource_id, account_id, start_at, end_at, status, booking_id, created_at";

struct WaitlistRow {
  WaitlistEntry w;
  long long booking_id = 0;
  soci::indicator booking_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(w.id));
    st.exchange(soci::into(w.resource_id));
    st.exchange(soci::into(w.account_id));
    st.exchange(soci::into(w.period.start));
    st.exchange(soci::into(w.period.end));
    st.exchange(soci::into(w.status));
    st.exchange(soci::into(booking_id, booking_ind));
    st.exchange(soci::into(w.created_at));
  }
  WaitlistEntry Get() const {
    WaitlistEntry out = w;
    out.booking_id = db::Optional(booking_id, booking_ind);
    return out;
  }
};

}  // namespace

std::optional<long long> Store::AddWaitlist(const WaitlistEntry& e) {
  long long id = 0;
  const long long now = core::Now();
  const bool added = db::TryWrite(lease_, "waitlist", db::IsUniqueViolation, [&] {
    auto st = db::ExecOnce(lease_.sql(),
                           "INSERT INTO waitlist_entries (programme_id, resource_id, account_id, "
                           "start_at, end_at, status, created_at) VALUES (:p, :r, :a, :s, :e, "
                           "'waiting', :t) RETURNING id",
                           soci::use(programme_.value), soci::use(e.resource_id),
                           soci::use(e.account_id), soci::use(e.period.start),
                           soci::use(e.period.end), soci::use(now), soci::into(id));
  });
  if (!added) return std::nullopt;
  return id;
}

std::vector<WaitlistEntry> Store::WaitlistOf(std::optional<long long> account_id) {
  const long long account = account_id.value_or(0);
  const int all = account_id ? 0 : 1;
  return db::Fetch<WaitlistRow>(
      lease_.sql(),
      std::string("SELECT ") + kWaitlistColumns +
          " FROM waitlist_entries WHERE programme_id = :p AND (account_id = :a OR 1 = :all) ORDER "
          "BY start_at, id "
          "LIMIT 500",
      soci::use(programme_.value), soci::use(account), soci::use(all));
}

std::optional<WaitlistEntry> Store::FindWaitlist(long long id) {
  auto found =
      db::Fetch<WaitlistRow>(lease_.sql(),
                             std::string("SELECT ") + kWaitlistColumns +
                                 " FROM waitlist_entries WHERE programme_id = :p AND id = :i",
                             soci::use(programme_.value), soci::use(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<WaitlistEntry> Store::WaitingFor(long long resource_id, const Period& period) {
  const long long earliest = period.start - kMaxBookingSeconds;
  return db::Fetch<WaitlistRow>(
      lease_.sql(),
      std::string("SELECT ") + kWaitlistColumns +
          " FROM waitlist_entries WHERE programme_id = :p AND resource_id = :r AND status = "
          "'waiting' AND start_at >= "
          ":lo AND start_at < :e AND end_at > :s ORDER BY id",
      soci::use(programme_.value), soci::use(resource_id), soci::use(earliest),
      soci::use(period.end), soci::use(period.start));
}

bool Store::SetWaitlistStatus(long long id, const std::string& status,
                              std::optional<long long> booking_id) {
  long long booking = booking_id.value_or(0);
  soci::indicator ind = booking_id ? soci::i_ok : soci::i_null;
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE waitlist_entries SET status = :s, booking_id = :b WHERE "
                         "programme_id = :p AND id = :i AND status = 'waiting'",
                         soci::use(status), soci::use(booking, ind), soci::use(programme_.value),
                         soci::use(id));
  return st.get_affected_rows() > 0;
}

void Store::SetWaitlistBooking(long long id, long long booking_id) {
  db::ExecOnce(lease_.sql(),
               "UPDATE waitlist_entries SET booking_id = :b WHERE programme_id = :p "
               "AND id = :i",
               soci::use(booking_id), soci::use(programme_.value), soci::use(id));
}

void Store::LapseWaitlist(core::UnixSeconds now) {
  db::ExecOnce(lease_.sql(),
               "UPDATE waitlist_entries SET status = 'lapsed' WHERE programme_id = :p "
               "AND status = 'waiting' AND start_at <= :n",
               soci::use(programme_.value), soci::use(now));
}

void Store::LockResourceWaitlist(long long resource_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  // The two-key form: its key space is apart from the single-key account locks.
  db::ExecOnce(lease_.sql(), "SELECT pg_advisory_xact_lock(7, CAST(:r AS INTEGER))",
               soci::use(resource_id));
}

}  // namespace sohosolo::workspaces
