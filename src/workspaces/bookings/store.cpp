#include "workspaces/bookings/store.hpp"

#include <map>

namespace sohosolo::workspaces {

namespace {

constexpr const char* kSiteColumns =
    "id, name, kind, commune_code, address, latitude, longitude, description, equipment, contact, "
    "time_zone, is_demo";
constexpr const char* kResourceColumns =
    "id, site_id, kind, name, capacity, equipment, bookable, min_minutes, max_minutes, "
    "step_minutes, horizon_days, "
    "notice_minutes, buffer_minutes, requires_approval";
/// No occasional booking, with its buffer, is longer than this (it lies within one day's opening
/// hours, the buffer is at most 4 hours).
constexpr long long kMaxBookingSeconds = 86400 + 4 * 3600;
/// Statuses that hold a slot: what the overlap check and PostgreSQL's exclusion constraint cover.
constexpr const char* kHolding = "status IN ('confirmed', 'pending')";
constexpr const char* kBookingColumns =
    "id, resource_id, account_id, start_at, end_at, note, status, created_at, sequence, "
    "cancelled_at, checked_in_at, "
    "COALESCE(blocked_end, end_at), series_id, booked_by, quota_override_by, "
    "quota_override_reason, status_reason";

/// The column of calendar_feeds (and bookings) that names a feed's owner.
const char* FeedOwnerColumn(FeedKind kind) {
  return kind == FeedKind::kMember ? "account_id" : "resource_id";
}

/// Row buffers bound once to a statement, copied out per fetched row.
struct SiteRow {
  Site site;
  double lat = 0, lon = 0;
  soci::indicator lat_ind = soci::i_null, lon_ind = soci::i_null;
  int is_demo = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(site.id));
    st.exchange(soci::into(site.name));
    st.exchange(soci::into(site.kind));
    st.exchange(soci::into(site.commune_code));
    st.exchange(soci::into(site.address));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(site.description));
    st.exchange(soci::into(site.equipment));
    st.exchange(soci::into(site.contact));
    st.exchange(soci::into(site.time_zone));
    st.exchange(soci::into(is_demo));
  }
  Site Get() const {
    Site out = site;
    out.latitude = lat_ind == soci::i_ok ? std::optional(lat) : std::nullopt;
    out.longitude = lon_ind == soci::i_ok ? std::optional(lon) : std::nullopt;
    out.is_demo = is_demo != 0;
    return out;
  }
};

struct ResourceRow {
  Resource r;
  int bookable = 1;
  int requires_approval = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.site_id));
    st.exchange(soci::into(r.kind));
    st.exchange(soci::into(r.name));
    st.exchange(soci::into(r.capacity));
    st.exchange(soci::into(r.equipment));
    st.exchange(soci::into(bookable));
    st.exchange(soci::into(r.rules.min_minutes));
    st.exchange(soci::into(r.rules.max_minutes));
    st.exchange(soci::into(r.rules.step_minutes));
    st.exchange(soci::into(r.rules.horizon_days));
    st.exchange(soci::into(r.rules.notice_minutes));
    st.exchange(soci::into(r.rules.buffer_minutes));
    st.exchange(soci::into(requires_approval));
  }
  Resource Get() const {
    Resource out = r;
    out.bookable = bookable != 0;
    out.rules.requires_approval = requires_approval != 0;
    return out;
  }
};

struct BookingRow {
  Booking b;
  long long cancelled_at = 0, checked_in_at = 0, series_id = 0, booked_by = 0, override_by = 0;
  std::string override_reason;
  soci::indicator cancelled_ind = soci::i_null, checked_in_ind = soci::i_null,
                  series_ind = soci::i_null, booked_by_ind = soci::i_null,
                  override_by_ind = soci::i_null, override_reason_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(b.id));
    st.exchange(soci::into(b.resource_id));
    st.exchange(soci::into(b.account_id));
    st.exchange(soci::into(b.period.start));
    st.exchange(soci::into(b.period.end));
    st.exchange(soci::into(b.note));
    st.exchange(soci::into(b.status));
    st.exchange(soci::into(b.created_at));
    st.exchange(soci::into(b.sequence));
    st.exchange(soci::into(cancelled_at, cancelled_ind));
    st.exchange(soci::into(checked_in_at, checked_in_ind));
    st.exchange(soci::into(b.blocked_end));
    st.exchange(soci::into(series_id, series_ind));
    st.exchange(soci::into(booked_by, booked_by_ind));
    st.exchange(soci::into(override_by, override_by_ind));
    st.exchange(soci::into(override_reason, override_reason_ind));
    st.exchange(soci::into(b.status_reason));
  }
  template <typename V>
  static std::optional<V> Opt(const V& v, soci::indicator ind) {
    return ind == soci::i_ok ? std::optional<V>(v) : std::nullopt;
  }
  Booking Get() const {
    Booking out = b;
    out.series_id = Opt(series_id, series_ind);
    out.booked_by = Opt(booked_by, booked_by_ind);
    out.quota_override_by = Opt(override_by, override_by_ind);
    out.quota_override_reason = override_reason_ind == soci::i_ok ? override_reason : "";
    out.cancelled_at = cancelled_ind == soci::i_ok ? std::optional(cancelled_at) : std::nullopt;
    out.checked_in_at = checked_in_ind == soci::i_ok ? std::optional(checked_in_at) : std::nullopt;
    return out;
  }
};

/// A booking and its member's display name.
struct NamedBookingRow {
  BookingRow row;
  std::string name;
  void Bind(soci::statement& st) {
    row.Bind(st);
    st.exchange(soci::into(name));
  }
  std::pair<Booking, std::string> Get() const { return {row.Get(), name}; }
};

/// Runs `sql` with the bound `uses`, collecting one T per row through a Row buffer.
template <typename Row, typename T, typename... Uses>
std::vector<T> Query(soci::session& sql, const std::string& text, Uses&&... uses) {
  Row row;
  soci::statement st(sql);
  (st.exchange(std::forward<Uses>(uses)), ...);
  row.Bind(st);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute();
  std::vector<T> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
}

}  // namespace

std::vector<OpeningInterval> Store::Hours(long long site_id) {
  std::vector<OpeningInterval> hours;
  OpeningInterval h;
  soci::statement st =
      (lease_.sql().prepare << "SELECT weekday, opens_minute, closes_minute FROM opening_hours "
                               "WHERE programme_id = :p AND site_id = :s ORDER BY weekday, "
                               "opens_minute",
       soci::use(programme_.value), soci::use(site_id), soci::into(h.weekday), soci::into(h.opens),
       soci::into(h.closes));
  st.execute();
  while (st.fetch()) hours.push_back(h);
  return hours;
}

std::vector<Site> Store::Sites() {
  auto sites =
      Query<SiteRow, Site>(lease_.sql(),
                           std::string("SELECT ") + kSiteColumns +
                               " FROM sites WHERE programme_id = :p ORDER BY kind DESC, name",
                           soci::use(programme_.value));
  // One query for every site's hours, not one per site.
  std::map<long long, std::vector<OpeningInterval>> hours;
  long long site_id = 0;
  OpeningInterval h;
  soci::statement st =
      (lease_.sql().prepare << "SELECT site_id, weekday, opens_minute, closes_minute FROM "
                               "opening_hours WHERE programme_id = :p ORDER BY site_id, weekday, "
                               "opens_minute",
       soci::use(programme_.value), soci::into(site_id), soci::into(h.weekday), soci::into(h.opens),
       soci::into(h.closes));
  st.execute();
  while (st.fetch()) hours[site_id].push_back(h);
  for (auto& site : sites) site.hours = std::move(hours[site.id]);
  return sites;
}

std::optional<Site> Store::FindSite(long long id) {
  auto found = Query<SiteRow, Site>(
      lease_.sql(),
      std::string("SELECT ") + kSiteColumns + " FROM sites WHERE programme_id = :p AND id = :i",
      soci::use(programme_.value), soci::use(id));
  if (found.empty()) return std::nullopt;
  found.front().hours = Hours(id);
  return found.front();
}

std::vector<Resource> Store::AllResources() {
  return Query<ResourceRow, Resource>(
      lease_.sql(),
      std::string("SELECT ") + kResourceColumns +
          " FROM resources WHERE programme_id = :p ORDER BY site_id, kind, name",
      soci::use(programme_.value));
}

std::vector<Resource> Store::Resources(long long site_id) {
  return Query<ResourceRow, Resource>(
      lease_.sql(),
      std::string("SELECT ") + kResourceColumns +
          " FROM resources WHERE programme_id = :p AND site_id = :s ORDER BY kind, name",
      soci::use(programme_.value), soci::use(site_id));
}

std::optional<Resource> Store::FindResource(long long id) {
  auto found =
      Query<ResourceRow, Resource>(lease_.sql(),
                                   std::string("SELECT ") + kResourceColumns +
                                       " FROM resources WHERE programme_id = :p AND id = :i",
                                   soci::use(programme_.value), soci::use(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

long long Store::CreateSite(const Site& site) {
  long long id = 0;
  const long long now = core::Now();
  double lat = site.latitude.value_or(0), lon = site.longitude.value_or(0);
  soci::indicator lat_ind = site.latitude ? soci::i_ok : soci::i_null;
  soci::indicator lon_ind = site.longitude ? soci::i_ok : soci::i_null;
  int is_demo = site.is_demo ? 1 : 0;
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO sites (programme_id, name, kind, commune_code, address, "
              "latitude, longitude, description, equipment, contact, time_zone, "
              "is_demo, created_at) VALUES (:p, :n, :k, :c, :a, :la, :lo, :d, :e, "
              ":ct, :tz, :demo, :t) RETURNING id",
       soci::use(programme_.value), soci::use(site.name), soci::use(site.kind),
       soci::use(site.commune_code), soci::use(site.address), soci::use(lat, lat_ind),
       soci::use(lon, lon_ind), soci::use(site.description), soci::use(site.equipment),
       soci::use(site.contact), soci::use(site.time_zone), soci::use(is_demo), soci::use(now),
       soci::into(id));
  st.execute(true);
  for (const auto& h : site.hours) {
    soci::statement hs =
        (lease_.sql().prepare << "INSERT INTO opening_hours (programme_id, site_id, weekday, "
                                 "opens_minute, closes_minute) VALUES (:p, :s, :w, :o, :c)",
         soci::use(programme_.value), soci::use(id), soci::use(h.weekday), soci::use(h.opens),
         soci::use(h.closes));
    hs.execute(true);
  }
  return id;
}

long long Store::CreateResource(const Resource& r) {
  long long id = 0;
  const long long now = core::Now();
  int bookable = r.bookable ? 1 : 0;
  int approval = r.rules.requires_approval ? 1 : 0;
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO resources (programme_id, site_id, kind, name, capacity, "
              "equipment, bookable, min_minutes, max_minutes, step_minutes, "
              "horizon_days, notice_minutes, buffer_minutes, requires_approval, "
              "created_at) VALUES (:p, :s, :k, :n, :c, :e, :b, :mi, :ma, :st, :h, "
              ":no, :bu, :ap, :t) RETURNING id",
       soci::use(programme_.value), soci::use(r.site_id), soci::use(r.kind), soci::use(r.name),
       soci::use(r.capacity), soci::use(r.equipment), soci::use(bookable),
       soci::use(r.rules.min_minutes), soci::use(r.rules.max_minutes),
       soci::use(r.rules.step_minutes), soci::use(r.rules.horizon_days),
       soci::use(r.rules.notice_minutes), soci::use(r.rules.buffer_minutes), soci::use(approval),
       soci::use(now), soci::into(id));
  st.execute(true);
  return id;
}

std::vector<Booking> Store::BookingsOf(long long resource_id, const Period& period) {
  // A booking lies within one day's opening hours, so none starts more than a day (and its
  // buffer) before the period: that lower bound lets the (resource_id, start_at) index skip the
  // resource's history. Overlaps are on the blocked period, the end plus the buffer.
  const long long earliest = period.start - kMaxBookingSeconds;
  return Query<BookingRow, Booking>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND resource_id = :r AND " + kHolding +
          " AND start_at >= :lo AND start_at < :e AND COALESCE(blocked_end, end_at) > :s ORDER BY "
          "start_at",
      soci::use(programme_.value), soci::use(resource_id), soci::use(earliest),
      soci::use(period.end), soci::use(period.start));
}

std::vector<Booking> Store::BookingsOfAccount(long long account_id, const Period& period) {
  return Query<BookingRow, Booking>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND account_id = :a AND " + kHolding +
          " AND start_at >= :s AND start_at < :e ORDER BY start_at",
      soci::use(programme_.value), soci::use(account_id), soci::use(period.start),
      soci::use(period.end));
}

std::optional<Booking> Store::FindBooking(long long id) {
  auto found = Query<BookingRow, Booking>(lease_.sql(),
                                          std::string("SELECT ") + kBookingColumns +
                                              " FROM bookings WHERE programme_id = :p AND id = :i",
                                          soci::use(programme_.value), soci::use(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<std::pair<Booking, std::string>> Store::BookingsOfSite(long long site_id,
                                                                   const Period& period) {
  return Query<NamedBookingRow, std::pair<Booking, std::string>>(
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
  const auto blocked_end = std::max(b.period.end, b.blocked_end);
  if (auto other = FirstOverlap(b.resource_id, {b.period.start, blocked_end})) return *other;
  long long id = 0;
  const long long now = core::Now();
  long long series = b.series_id.value_or(0), booked_by = b.booked_by.value_or(0),
            override_by = b.quota_override_by.value_or(0);
  soci::indicator series_ind = b.series_id ? soci::i_ok : soci::i_null;
  soci::indicator booked_by_ind = b.booked_by ? soci::i_ok : soci::i_null;
  soci::indicator override_ind = b.quota_override_by ? soci::i_ok : soci::i_null;
  soci::indicator reason_ind = b.quota_override_by ? soci::i_ok : soci::i_null;
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO bookings (programme_id, resource_id, account_id, "
              "start_at, end_at, blocked_end, note, status, created_at, series_id, "
              "booked_by, quota_override_by, quota_override_reason) VALUES (:p, :r, "
              ":a, :s, :e, :be, :n, :st, :t, :se, :bb, :ob, :or) RETURNING id",
       soci::use(programme_.value), soci::use(b.resource_id), soci::use(b.account_id),
       soci::use(b.period.start), soci::use(b.period.end), soci::use(blocked_end),
       soci::use(b.note), soci::use(b.status), soci::use(now), soci::use(series, series_ind),
       soci::use(booked_by, booked_by_ind), soci::use(override_by, override_ind),
       soci::use(b.quota_override_reason, reason_ind), soci::into(id));
  st.execute(true);
  return id;
}

void Store::SetSeries(long long booking_id, long long series_id) {
  soci::statement st =
      (lease_.sql().prepare
           << "UPDATE bookings SET series_id = :s WHERE programme_id = :p AND id = :i",
       soci::use(series_id), soci::use(programme_.value), soci::use(booking_id));
  st.execute(true);
}

void Store::LockAccount(long long account_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  soci::statement st =
      (lease_.sql().prepare << "SELECT pg_advisory_xact_lock(:a)", soci::use(account_id));
  st.execute(true);
}

bool Store::Cancel(long long booking_id, core::UnixSeconds now, long long by,
                   const std::string& reason) {
  soci::statement st =
      (lease_.sql().prepare << std::string(
                                   "UPDATE bookings SET status = 'cancelled', cancelled_at = "
                                   ":t, cancelled_by = :b, status_reason = :r, sequence = "
                                   "sequence + 1 WHERE programme_id = :p AND id = :i AND ") +
                                   kHolding,
       soci::use(now), soci::use(by), soci::use(reason), soci::use(programme_.value),
       soci::use(booking_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<Booking> Store::FeedBookings(FeedKind kind, long long owner_id, core::UnixSeconds from,
                                         core::UnixSeconds cancelled_since) {
  return Query<BookingRow, Booking>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE programme_id = :p AND " +
          FeedOwnerColumn(kind) +
          " = :o AND start_at >= :f AND (status <> 'cancelled' OR cancelled_at >= "
          ":c) ORDER BY start_at LIMIT 5000",
      soci::use(programme_.value), soci::use(owner_id), soci::use(from),
      soci::use(cancelled_since));
}

bool Store::HasNoShowsDue(core::UnixSeconds cutoff, core::UnixSeconds since) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare << "SELECT id FROM bookings WHERE programme_id = :p AND status = "
                               "'confirmed' AND checked_in_at IS NULL AND start_at <= :c AND "
                               "start_at > :s LIMIT 1",
       soci::use(programme_.value), soci::use(cutoff), soci::use(since), soci::into(id, ind));
  st.execute(true);
  return ind == soci::i_ok;
}

int Store::ReleaseNoShows(core::UnixSeconds cutoff, core::UnixSeconds since,
                          core::UnixSeconds now) {
  soci::statement st =
      (lease_.sql().prepare
           << "UPDATE bookings SET status = 'no_show', released_at = :n, sequence = "
              "sequence + 1 WHERE programme_id = :p AND status = 'confirmed' AND "
              "checked_in_at IS NULL AND start_at <= :c AND start_at > :s",
       soci::use(now), soci::use(programme_.value), soci::use(cutoff), soci::use(since));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

bool Store::CheckIn(long long booking_id, core::UnixSeconds now, long long by) {
  soci::statement st =
      (lease_.sql().prepare << "UPDATE bookings SET checked_in_at = :t, checked_in_by = :b WHERE "
                               "programme_id = :p AND id = :i AND status = 'confirmed' AND "
                               "checked_in_at IS NULL",
       soci::use(now), soci::use(by), soci::use(programme_.value), soci::use(booking_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool Store::Reinstate(long long booking_id, core::UnixSeconds now, long long by) {
  soci::statement st =
      (lease_.sql().prepare << "UPDATE bookings SET status = 'confirmed', released_at = NULL, "
                               "checked_in_at = :t, checked_in_by = :b, sequence = sequence + 1 "
                               "WHERE programme_id = :p AND id = :i AND status = 'no_show'",
       soci::use(now), soci::use(by), soci::use(programme_.value), soci::use(booking_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<long long> Store::FeedOwner(FeedKind kind, const std::string& token_hash) {
  long long owner = 0;
  soci::indicator ind = soci::i_null;
  // A member's feed dies with their last role in the programme, like their sessions and tokens.
  const std::string alive = kind == FeedKind::kMember
                                ? " AND EXISTS (SELECT 1 FROM account_roles r WHERE r.programme_id "
                                  "= f.programme_id AND r.account_id = "
                                  "f.account_id)"
                                : "";
  soci::statement st =
      (lease_.sql().prepare << std::string("SELECT f.") + FeedOwnerColumn(kind) +
                                   " FROM calendar_feeds f WHERE f.programme_id = :p AND "
                                   "f.token_hash = :h AND f." +
                                   FeedOwnerColumn(kind) + " IS NOT NULL" + alive,
       soci::use(programme_.value), soci::use(token_hash), soci::into(owner, ind));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return owner;
}

std::optional<core::UnixSeconds> Store::FeedCreatedAt(FeedKind kind, long long owner_id) {
  long long created = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare << std::string("SELECT created_at FROM calendar_feeds WHERE "
                                           "programme_id = :p AND ") +
                                   FeedOwnerColumn(kind) + " = :o",
       soci::use(programme_.value), soci::use(owner_id), soci::into(created, ind));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return created;
}

void Store::ReplaceFeed(FeedKind kind, long long owner_id, const std::string& token_hash,
                        core::UnixSeconds now, long long created_by, int generation) {
  soci::statement del =
      (lease_.sql().prepare << std::string(
                                   "DELETE FROM calendar_feeds WHERE programme_id = :p AND ") +
                                   FeedOwnerColumn(kind) + " = :o",
       soci::use(programme_.value), soci::use(owner_id));
  del.execute(true);
  soci::statement ins =
      (lease_.sql().prepare << std::string("INSERT INTO calendar_feeds (programme_id, ") +
                                   FeedOwnerColumn(kind) +
                                   ", token_hash, created_at, created_by, generation) VALUES (:p, "
                                   ":o, :h, :t, :b, :g)",
       soci::use(programme_.value), soci::use(owner_id), soci::use(token_hash), soci::use(now),
       soci::use(created_by), soci::use(generation));
  ins.execute(true);
}

std::optional<Store::FeedState> Store::FeedStateOf(FeedKind kind, long long owner_id) {
  FeedState state;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare << std::string(
                                   "SELECT generation, token_hash FROM calendar_feeds WHERE "
                                   "programme_id = :p AND ") +
                                   FeedOwnerColumn(kind) + " = :o",
       soci::use(programme_.value), soci::use(owner_id), soci::into(state.generation, ind),
       soci::into(state.token_hash));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return state;
}

std::optional<std::string> Store::ServerSecret(const std::string& name) {
  std::string value;
  soci::indicator ind = soci::i_null;
  soci::statement st = (lease_.sql().prepare << "SELECT value FROM server_secrets WHERE name = :n",
                        soci::use(name), soci::into(value, ind));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return value;
}

void Store::AddServerSecret(const std::string& name, const std::string& value) {
  // Two servers starting at once on one database: the first secret written wins, the other
  // insert does nothing, and both then read the same one.
  const long long now = core::Now();
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO server_secrets (name, value, created_at) VALUES (:n, :v, "
              ":t) ON CONFLICT (name) DO NOTHING",
       soci::use(name), soci::use(value), soci::use(now));
  st.execute(true);
}

std::optional<std::string> Store::AccountEmail(long long account_id) {
  std::string email;
  soci::indicator ind = soci::i_null;
  // Only accounts with a role in this programme: bookings are never made for strangers.
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT a.email FROM accounts a WHERE a.id = :a AND EXISTS (SELECT 1 "
              "FROM account_roles r WHERE r.programme_id = :p AND r.account_id = "
              "a.id)",
       soci::use(account_id), soci::use(programme_.value), soci::into(email, ind));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return email;
}

bool Store::Decide(long long booking_id, const std::string& status, long long by,
                   const std::string& reason, core::UnixSeconds now) {
  soci::statement st =
      (lease_.sql().prepare
           << "UPDATE bookings SET status = :s, decided_by = :b, decided_at = :t, "
              "status_reason = :r, sequence = sequence + 1 WHERE programme_id = :p "
              "AND id = :i AND status = 'pending'",
       soci::use(status), soci::use(by), soci::use(now), soci::use(reason),
       soci::use(programme_.value), soci::use(booking_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<Booking> Store::PendingBookings(core::UnixSeconds from) {
  return Query<BookingRow, Booking>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND status = 'pending' AND start_at "
          ">= :f ORDER BY start_at LIMIT 500",
      soci::use(programme_.value), soci::use(from));
}

std::vector<Booking> Store::SeriesFrom(long long series_id, core::UnixSeconds from) {
  return Query<BookingRow, Booking>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND series_id = :s AND start_at >= :f "
          "AND " +
          kHolding + " ORDER BY start_at",
      soci::use(programme_.value), soci::use(series_id), soci::use(from));
}

std::vector<Booking> Store::ReleasedNoShows(core::UnixSeconds now) {
  return Query<BookingRow, Booking>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns +
          " FROM bookings WHERE programme_id = :p AND status = 'no_show' AND "
          "released_at = :n",
      soci::use(programme_.value), soci::use(now));
}

std::vector<Closure> Store::Closures(long long site_id, const std::string& from_day) {
  std::vector<Closure> out;
  Closure c;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT id, site_id, first_day, last_day, reason FROM site_closures "
              "WHERE programme_id = :p AND site_id = :s AND last_day >= :f ORDER BY "
              "first_day, id",
       soci::use(programme_.value), soci::use(site_id), soci::use(from_day), soci::into(c.id),
       soci::into(c.site_id), soci::into(c.first_day), soci::into(c.last_day),
       soci::into(c.reason));
  st.execute();
  while (st.fetch()) out.push_back(c);
  return out;
}

std::optional<Closure> Store::FindClosure(long long id) {
  Closure c;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare << "SELECT id, site_id, first_day, last_day, reason FROM site_closures "
                               "WHERE programme_id = :p AND id = :i",
       soci::use(programme_.value), soci::use(id), soci::into(c.id, ind), soci::into(c.site_id),
       soci::into(c.first_day), soci::into(c.last_day), soci::into(c.reason));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return c;
}

long long Store::AddClosure(const Closure& c, long long by) {
  long long id = 0;
  const long long now = core::Now();
  soci::statement st =
      (lease_.sql().prepare << "INSERT INTO site_closures (programme_id, site_id, first_day, "
                               "last_day, reason, created_by, created_at) VALUES (:p, :s, :f, :l, "
                               ":r, :b, :t) RETURNING id",
       soci::use(programme_.value), soci::use(c.site_id), soci::use(c.first_day),
       soci::use(c.last_day), soci::use(c.reason), soci::use(by), soci::use(now), soci::into(id));
  st.execute(true);
  return id;
}

bool Store::DeleteClosure(long long id) {
  soci::statement st =
      (lease_.sql().prepare << "DELETE FROM site_closures WHERE programme_id = :p AND id = :i",
       soci::use(programme_.value), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

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
    out.booking_id = booking_ind == soci::i_ok ? std::optional(booking_id) : std::nullopt;
    return out;
  }
};

}  // namespace

long long Store::AddWaitlist(const WaitlistEntry& e) {
  long long id = 0;
  const long long now = core::Now();
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO waitlist_entries (programme_id, resource_id, account_id, "
              "start_at, end_at, status, created_at) VALUES (:p, :r, :a, :s, :e, "
              "'waiting', :t) RETURNING id",
       soci::use(programme_.value), soci::use(e.resource_id), soci::use(e.account_id),
       soci::use(e.period.start), soci::use(e.period.end), soci::use(now), soci::into(id));
  st.execute(true);
  return id;
}

std::vector<WaitlistEntry> Store::WaitlistOf(std::optional<long long> account_id) {
  const long long account = account_id.value_or(0);
  const int all = account_id ? 0 : 1;
  return Query<WaitlistRow, WaitlistEntry>(
      lease_.sql(),
      std::string("SELECT ") + kWaitlistColumns +
          " FROM waitlist_entries WHERE programme_id = :p AND (account_id = :a OR 1 = :all) ORDER "
          "BY start_at, id "
          "LIMIT 500",
      soci::use(programme_.value), soci::use(account), soci::use(all));
}

std::optional<WaitlistEntry> Store::FindWaitlist(long long id) {
  auto found = Query<WaitlistRow, WaitlistEntry>(
      lease_.sql(),
      std::string("SELECT ") + kWaitlistColumns +
          " FROM waitlist_entries WHERE programme_id = :p AND id = :i",
      soci::use(programme_.value), soci::use(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<WaitlistEntry> Store::WaitingFor(long long resource_id, const Period& period) {
  const long long earliest = period.start - kMaxBookingSeconds;
  return Query<WaitlistRow, WaitlistEntry>(
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
  soci::statement st =
      (lease_.sql().prepare << "UPDATE waitlist_entries SET status = :s, booking_id = :b WHERE "
                               "programme_id = :p AND id = :i AND status = 'waiting'",
       soci::use(status), soci::use(booking, ind), soci::use(programme_.value), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void Store::SetWaitlistBooking(long long id, long long booking_id) {
  soci::statement st =
      (lease_.sql().prepare
           << "UPDATE waitlist_entries SET booking_id = :b WHERE programme_id = :p "
              "AND id = :i",
       soci::use(booking_id), soci::use(programme_.value), soci::use(id));
  st.execute(true);
}

bool Store::HasLapsedWaitlist(core::UnixSeconds now) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT id FROM waitlist_entries WHERE programme_id = :p AND status = "
              "'waiting' AND start_at <= :n LIMIT 1",
       soci::use(programme_.value), soci::use(now), soci::into(id, ind));
  st.execute(true);
  return ind == soci::i_ok;
}

void Store::LapseWaitlist(core::UnixSeconds now) {
  soci::statement st =
      (lease_.sql().prepare
           << "UPDATE waitlist_entries SET status = 'lapsed' WHERE programme_id = :p "
              "AND status = 'waiting' AND start_at <= :n",
       soci::use(programme_.value), soci::use(now));
  st.execute(true);
}

void Store::LockResourceWaitlist(long long resource_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  // The two-key form: its key space is apart from the single-key account locks.
  soci::statement st =
      (lease_.sql().prepare << "SELECT pg_advisory_xact_lock(7, CAST(:r AS INTEGER))",
       soci::use(resource_id));
  st.execute(true);
}

void Store::LockResourceBookings(long long resource_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  const int key = static_cast<int>(resource_id % 2147483647);
  soci::statement st =
      (lease_.sql().prepare << "SELECT pg_advisory_xact_lock(8010, :k)", soci::use(key));
  st.execute(true);
}

std::vector<long long> Store::ResourcesWithNoShowsDue(core::UnixSeconds cutoff,
                                                      core::UnixSeconds since) {
  std::vector<long long> out;
  long long id = 0;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT DISTINCT resource_id FROM bookings WHERE programme_id = :p AND "
              "status = 'confirmed' AND checked_in_at IS NULL AND start_at <= :c AND "
              "start_at > :s ORDER BY resource_id",
       soci::use(programme_.value), soci::use(cutoff), soci::use(since), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

bool Store::TryLockAccount(long long account_id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return true;
  int got = 0;
  soci::statement st =
      (lease_.sql().prepare << "SELECT CASE WHEN pg_try_advisory_xact_lock(:a) THEN 1 ELSE 0 END",
       soci::use(account_id), soci::into(got));
  st.execute(true);
  return got == 1;
}

}  // namespace sohosolo::workspaces
