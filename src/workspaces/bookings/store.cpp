// The bookings store: bookings themselves, their locks and the no-show sweep. Sites, closures,
// feeds and the waitlist are in the store_*.cpp files beside it.
#include "workspaces/bookings/store.hpp"

#include <soci/soci.h>

#include <map>

#include "db/kept.hpp"
#include "db/rows.hpp"
#include "workspaces/bookings/store_rows.hpp"

namespace sohosolo::workspaces {

using namespace store_rows;  // NOLINT(google-build-using-namespace): this store's own rows

namespace {

// The bookings of resource :r holding their slot whose blocked period overlaps [:s, :e). A booking
// lies within one day's opening hours, so none starts more than a day (and its buffer) before
// the period: that lower bound (:lo) lets the (resource_id, start_at) index skip the resource's
// history. Overlaps are on the blocked period, the end plus the buffer. The unary plus keeps
// SQLite's planner off the (programme_id, start_at) index, which would read every resource's
// bookings of the period: a resource's id already belongs to one programme.
std::string HoldingOverlap() {
  return std::string(" FROM bookings WHERE +programme_id = :p AND resource_id = :r AND ") +
         kHolding +
         " AND start_at >= :lo AND start_at < :e AND COALESCE(blocked_end, end_at) > :s ORDER BY "
         "start_at";
}

}  // namespace

std::vector<Booking> Store::BookingsOf(long long resource_id, const Period& period) {
  // Kept per connection: every booking reads it.
  static const std::string text = std::string("SELECT ") + kBookingColumns + HoldingOverlap();
  return db::FetchKept<BookingRow>(lease_, text, programme_.value, resource_id,
                                   period.start - kMaxBookingSeconds, period.end, period.start);
}

std::vector<Booking> Store::BusySpansOf(long long resource_id, const Period& period) {
  // Kept per connection: every availability question reads it.
  static const std::string text =
      "SELECT id, resource_id, start_at, end_at, COALESCE(blocked_end, end_at), status" +
      HoldingOverlap();
  return db::FetchKept<SpanRow>(lease_, text, programme_.value, resource_id,
                                period.start - kMaxBookingSeconds, period.end, period.start);
}

std::vector<Booking> Store::BookingsOfAccount(long long account_id, const Period& period) {
  return db::Fetch<BookingRow>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND account_id = :a AND " + kHolding +
          " AND start_at >= :s AND start_at < :e ORDER BY start_at",
      soci::use(programme_.value), soci::use(account_id), soci::use(period.start),
      soci::use(period.end));
}

std::optional<Booking> Store::FindBooking(long long id) {
  auto found = db::Fetch<BookingRow>(lease_.sql(),
                                     std::string("SELECT ") + kBookingColumns +
                                         " FROM bookings WHERE programme_id = :p AND id = :i",
                                     soci::use(programme_.value), soci::use(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<std::pair<Booking, std::string>> Store::BookingsOfSite(long long site_id,
                                                                   const Period& period) {
  return db::Fetch<NamedBookingRow>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          ", COALESCE((SELECT a.display_name FROM accounts a WHERE a.id = bookings.account_id), "
          "'') FROM bookings "
          "WHERE programme_id = :p AND resource_id IN (SELECT r.id FROM resources r WHERE "
          "r.site_id = :s) AND "
          "start_at >= :f AND start_at < :t ORDER BY start_at, resource_id, id LIMIT 2000",
      soci::use(programme_.value), soci::use(site_id), soci::use(period.start),
      soci::use(period.end));
}

std::optional<Booking> Store::FirstOverlap(long long resource_id, const Period& period) {
  auto found = BookingsOf(resource_id, period);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::variant<long long, Booking> Store::InsertIfFree(const Booking& b) {
  const Period blocked{b.period.start, std::max(b.period.end, b.blocked_end)};
  if (auto other = FirstOverlap(b.resource_id, blocked)) return *other;
  // Nothing committed is in the way. On SQLite writers are serialised, so nothing else can be.
  // On PostgreSQL every path that writes bookings first takes the resource's lock
  // (LockResourceBookings), so the exclusion constraint is only the last guard: a row it meets
  // (another writer's, waited for) makes the insert write nothing instead of aborting the
  // transaction, with no savepoint (two round trips) around it.
  if (const auto id = InsertBooking(b)) return *id;
  if (auto other = FirstOverlap(b.resource_id, blocked)) return *other;
  return Booking{};
}

std::optional<long long> Store::InsertBooking(const Booking& b) {
  // Kept per connection (every booking runs it): its values are bound as plain numbers and text,
  // so an absent series, booker or override is 0 here and NULL in the table. On PostgreSQL a row
  // the exclusion constraint refuses means no id, not an error (ON CONFLICT names that
  // constraint only: any other conflict stays an error). SQLite has no such constraint.
  static const std::string insert =
      "INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, blocked_end, "
      "note, status, created_at, series_id, booked_by, quota_override_by, quota_override_reason) "
      "VALUES (:p, :r, :a, :s, :e, :be, :n, :st, :t, NULLIF(:se, CAST(0 AS BIGINT)), NULLIF(:bb, "
      "CAST(0 AS BIGINT)), NULLIF(:ob, CAST(0 AS BIGINT)), CASE WHEN :ob2 = CAST(0 AS BIGINT) "
      "THEN NULL ELSE :or END)";
  static const std::string sqlite = insert + " RETURNING id";
  static const std::string postgresql =
      insert + " ON CONFLICT ON CONSTRAINT bookings_no_overlap DO NOTHING RETURNING id";
  const long long override_by = b.quota_override_by.value_or(0);
  const auto ids = db::FetchKept<db::CountRow>(
      lease_, lease_.dialect() == db::Dialect::kPostgresql ? postgresql : sqlite, programme_.value,
      b.resource_id, b.account_id, b.period.start, b.period.end,
      std::max(b.period.end, b.blocked_end), b.note, std::string(StatusName(b.status)), core::Now(),
      b.series_id.value_or(0), b.booked_by.value_or(0), override_by, override_by,
      b.quota_override_reason);
  if (ids.empty()) return std::nullopt;
  return ids.front();
}

void Store::SetSeries(long long booking_id, long long series_id) {
  db::ExecOnce(lease_.sql(),
               "UPDATE bookings SET series_id = :s WHERE programme_id = :p AND id = :i",
               soci::use(series_id), soci::use(programme_.value), soci::use(booking_id));
}

void Store::LockAccount(long long account_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  db::ExecOnce(lease_.sql(), "SELECT pg_advisory_xact_lock(:a)", soci::use(account_id));
}

bool Store::Cancel(long long booking_id, core::UnixSeconds now, long long by,
                   const std::string& reason) {
  auto st = db::ExecOnce(lease_.sql(),
                         std::string("UPDATE bookings SET status = 'cancelled', cancelled_at = "
                                     ":t, cancelled_by = :b, status_reason = :r, sequence = "
                                     "sequence + 1 WHERE programme_id = :p AND id = :i AND ") +
                             kHolding,
                         soci::use(now), soci::use(by), soci::use(reason),
                         soci::use(programme_.value), soci::use(booking_id));
  return st.get_affected_rows() > 0;
}

bool Store::HasSweepDue(core::UnixSeconds cutoff, core::UnixSeconds since, core::UnixSeconds now) {
  // On every read of bookings (the sweep's first step): both questions in one statement, run
  // once, so one round trip on PostgreSQL. Each side stops at its first row.
  // Kept per connection as well.
  const auto found = db::FetchKept<db::CountRow>(
      lease_,
      "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM bookings WHERE programme_id = :p AND status = "
      "'confirmed' AND checked_in_at IS NULL AND start_at <= :c AND start_at > :s LIMIT 1) a) + "
      "(SELECT COUNT(*) FROM (SELECT 1 FROM waitlist_entries WHERE programme_id = :q AND status = "
      "'waiting' AND start_at <= :n LIMIT 1) b)",
      programme_.value, cutoff, since, programme_.value, now);
  return !found.empty() && found.front() > 0;
}

int Store::ReleaseNoShows(core::UnixSeconds cutoff, core::UnixSeconds since,
                          core::UnixSeconds now) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE bookings SET status = 'no_show', released_at = :n, sequence = "
                         "sequence + 1 WHERE programme_id = :p AND status = 'confirmed' AND "
                         "checked_in_at IS NULL AND start_at <= :c AND start_at > :s",
                         soci::use(now), soci::use(programme_.value), soci::use(cutoff),
                         soci::use(since));
  return static_cast<int>(st.get_affected_rows());
}

bool Store::CheckIn(long long booking_id, core::UnixSeconds now, long long by) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE bookings SET checked_in_at = :t, checked_in_by = :b WHERE "
                         "programme_id = :p AND id = :i AND status = 'confirmed' AND "
                         "checked_in_at IS NULL",
                         soci::use(now), soci::use(by), soci::use(programme_.value),
                         soci::use(booking_id));
  return st.get_affected_rows() > 0;
}

Store::Reinstated Store::Reinstate(long long booking_id, core::UnixSeconds now, long long by) {
  bool changed = false;
  const bool written = db::TryWrite(lease_, "reinstate", db::IsExclusionViolation, [&] {
    auto st = db::ExecOnce(lease_.sql(),
                           "UPDATE bookings SET status = 'confirmed', released_at = NULL, "
                           "checked_in_at = :t, checked_in_by = :b, sequence = sequence + 1 "
                           "WHERE programme_id = :p AND id = :i AND status = 'no_show'",
                           soci::use(now), soci::use(by), soci::use(programme_.value),
                           soci::use(booking_id));
    changed = st.get_affected_rows() > 0;
  });
  if (!written) return Reinstated::kSlotTaken;
  return changed ? Reinstated::kDone : Reinstated::kNotReleased;
}

std::optional<std::string> Store::AccountEmail(long long account_id) {
  std::string email;
  soci::indicator ind = soci::i_null;
  // Only accounts with a role in this programme: bookings are never made for strangers.
  auto st =
      db::ExecOnce(lease_.sql(),
                   "SELECT a.email FROM accounts a WHERE a.id = :a AND EXISTS (SELECT 1 "
                   "FROM account_roles r WHERE r.programme_id = :p AND r.account_id = "
                   "a.id)",
                   soci::use(account_id), soci::use(programme_.value), soci::into(email, ind));
  if (ind != soci::i_ok) return std::nullopt;
  return email;
}

std::string Store::AccountLanguage(long long account_id) {
  std::string language;
  lease_.sql() << "SELECT language FROM accounts WHERE id = :a", soci::use(account_id),
      soci::into(language);
  return language == "en" ? "en" : "fr";
}

bool Store::Decide(long long booking_id, BookingStatus status, long long by,
                   const std::string& reason, core::UnixSeconds now) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE bookings SET status = :s, decided_by = :b, decided_at = :t, "
                         "status_reason = :r, sequence = sequence + 1 WHERE programme_id = :p "
                         "AND id = :i AND status = 'pending'",
                         soci::use(status), soci::use(by), soci::use(now), soci::use(reason),
                         soci::use(programme_.value), soci::use(booking_id));
  return st.get_affected_rows() > 0;
}

std::vector<Booking> Store::PendingBookings(core::UnixSeconds from) {
  return db::Fetch<BookingRow>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND status = 'pending' AND start_at "
          ">= :f ORDER BY start_at LIMIT 500",
      soci::use(programme_.value), soci::use(from));
}

std::vector<Booking> Store::SeriesFrom(long long series_id, core::UnixSeconds from) {
  return db::Fetch<BookingRow>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND series_id = :s AND start_at >= :f "
          "AND " +
          kHolding + " ORDER BY start_at",
      soci::use(programme_.value), soci::use(series_id), soci::use(from));
}

std::vector<Booking> Store::ReleasedNoShows(core::UnixSeconds now) {
  return db::Fetch<BookingRow>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND status = 'no_show' AND "
          "released_at = :n",
      soci::use(programme_.value), soci::use(now));
}

db::AdvisoryLock Store::ResourceBookingsLock(long long resource_id) {
  return {8010, static_cast<int>(resource_id % 2147483647)};
}

void Store::LockResourceBookings(long long resource_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  const auto lock = ResourceBookingsLock(resource_id);
  db::ExecOnce(lease_.sql(), "SELECT pg_advisory_xact_lock(:s, :k)", soci::use(lock.space),
               soci::use(lock.key));
}

std::vector<long long> Store::ResourcesWithNoShowsDue(core::UnixSeconds cutoff,
                                                      core::UnixSeconds since) {
  std::vector<long long> out;
  long long id = 0;
  auto st =
      db::RunOnce(lease_.sql(),
                  "SELECT DISTINCT resource_id FROM bookings WHERE programme_id = :p AND "
                  "status = 'confirmed' AND checked_in_at IS NULL AND start_at <= :c AND "
                  "start_at > :s ORDER BY resource_id",
                  soci::use(programme_.value), soci::use(cutoff), soci::use(since), soci::into(id));
  while (st.fetch()) out.push_back(id);
  return out;
}

bool Store::TryLockAccount(long long account_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return true;
  int got = 0;
  auto st =
      db::ExecOnce(lease_.sql(), "SELECT CASE WHEN pg_try_advisory_xact_lock(:a) THEN 1 ELSE 0 END",
                   soci::use(account_id), soci::into(got));
  return got == 1;
}

std::vector<Booking> Store::BookingsStarting(long long site_id, core::UnixSeconds from,
                                             core::UnixSeconds to) {
  Booking b;
  std::vector<Booking> out;
  const std::string site_filter = site_id > 0 ? " AND resource_id IN (SELECT id FROM resources "
                                                "WHERE programme_id = :p2 AND site_id = :s)"
                                              : "";
  soci::statement st(lease_.sql());
  st.exchange(soci::use(programme_.value));
  st.exchange(soci::use(from));
  st.exchange(soci::use(to));
  if (site_id > 0) {
    st.exchange(soci::use(programme_.value));
    st.exchange(soci::use(site_id));
  }
  st.exchange(soci::into(b.id));
  st.exchange(soci::into(b.resource_id));
  st.exchange(soci::into(b.account_id));
  st.exchange(soci::into(b.period.start));
  st.exchange(soci::into(b.period.end));
  st.exchange(soci::into(b.status));
  st.alloc();
  st.prepare(
      "SELECT id, resource_id, account_id, start_at, end_at, status FROM bookings WHERE "
      "programme_id = :p AND "
      "start_at >= :f AND start_at < :t" +
      site_filter + " ORDER BY start_at");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(b);
  return out;
}

long long Store::InsertDemoBooking(const Booking& b) {
  long long id = 0;
  long long cancelled_at = b.cancelled_at.value_or(0), checked_in_at = b.checked_in_at.value_or(0);
  soci::indicator cancelled_ind = b.cancelled_at ? soci::i_ok : soci::i_null;
  soci::indicator checked_ind = b.checked_in_at ? soci::i_ok : soci::i_null;
  // A no-show was released when its grace period ended; the demo says it was at the start.
  long long released_at = b.period.start;
  soci::indicator released_ind = b.status == BookingStatus::kNoShow ? soci::i_ok : soci::i_null;
  auto st = db::ExecOnce(
      lease_.sql(),
      "INSERT INTO bookings (programme_id, resource_id, account_id, "
      "start_at, end_at, note, status, created_at, sequence, cancelled_at, "
      "checked_in_at, released_at, is_demo) VALUES (:p, :r, :a, :s, :e, :n, "
      ":st, :c, :sq, :ca, :ci, :ra, 1) RETURNING id",
      soci::use(programme_.value), soci::use(b.resource_id), soci::use(b.account_id),
      soci::use(b.period.start), soci::use(b.period.end), soci::use(b.note), soci::use(b.status),
      soci::use(b.created_at), soci::use(b.sequence), soci::use(cancelled_at, cancelled_ind),
      soci::use(checked_in_at, checked_ind), soci::use(released_at, released_ind), soci::into(id));
  return id;
}

}  // namespace sohosolo::workspaces
