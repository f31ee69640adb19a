#include "workspaces/places.hpp"

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>

#include "db/kept.hpp"
#include "db/rows.hpp"

namespace sohosolo::workspaces {

namespace {

constexpr const char* kSiteColumns =
    "id, name, kind, commune_code, address, latitude, longitude, description, equipment, contact, "
    "time_zone, is_demo";
constexpr const char* kResourceColumns =
    "id, site_id, kind, name, capacity, equipment, bookable, min_minutes, max_minutes, "
    "step_minutes, horizon_days, "
    "notice_minutes, buffer_minutes, requires_approval";
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
    out.latitude = db::Optional(lat, lat_ind);
    out.longitude = db::Optional(lon, lon_ind);
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

struct HoursRow {
  OpeningInterval h;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(h.weekday));
    st.exchange(soci::into(h.opens));
    st.exchange(soci::into(h.closes));
  }
  OpeningInterval Get() const { return h; }
};

struct ClosureRow {
  Closure c;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.site_id));
    st.exchange(soci::into(c.first_day));
    st.exchange(soci::into(c.last_day));
    st.exchange(soci::into(c.reason));
  }
  Closure Get() const { return c; }
};

/// A resource, its site and one of the site's opening intervals (NULLs for a site without any).
struct PlaceRow {
  ResourceRow resource;
  SiteRow site;
  OpeningInterval h;
  soci::indicator weekday_ind = soci::i_null, opens_ind = soci::i_null, closes_ind = soci::i_null;
  void Bind(soci::statement& st) {
    resource.Bind(st);
    site.Bind(st);
    st.exchange(soci::into(h.weekday, weekday_ind));
    st.exchange(soci::into(h.opens, opens_ind));
    st.exchange(soci::into(h.closes, closes_ind));
  }
  std::pair<ResourcePlace, std::optional<OpeningInterval>> Get() const {
    return {{resource.Get(), site.Get()},
            weekday_ind == soci::i_ok ? std::optional(h) : std::nullopt};
  }
};

/// "a, b" as "t.a, t.b".
std::string Qualified(const std::string& table, const std::string& columns) {
  std::string out;
  std::size_t from = 0;
  while (from < columns.size()) {
    auto to = columns.find(", ", from);
    if (to == std::string::npos) to = columns.size();
    if (!out.empty()) out += ", ";
    out += table + "." + columns.substr(from, to - from);
    from = to + 2;
  }
  return out;
}

}  // namespace

std::optional<ResourcePlace> PlaceStore::FindResourcePlace(long long resource_id) {
  // One statement for what FindResource and FindSite read in three (one round trip each on
  // PostgreSQL): availability asks it on every request.
  static const std::string text =
      "SELECT " + Qualified("r", kResourceColumns) + ", " + Qualified("s", kSiteColumns) +
      ", h.weekday, h.opens_minute, h.closes_minute FROM resources r JOIN sites s ON "
      "s.programme_id = r.programme_id AND s.id = r.site_id LEFT JOIN opening_hours h ON "
      "h.programme_id = s.programme_id AND h.site_id = s.id WHERE r.programme_id = :p AND "
      "r.id = :i ORDER BY h.weekday, h.opens_minute";
  auto rows = db::FetchKept<PlaceRow>(lease_, text, programme_.value, resource_id);
  if (rows.empty()) return std::nullopt;
  ResourcePlace place = std::move(rows.front().first);
  for (const auto& row : rows)
    if (row.second) place.site.hours.push_back(*row.second);
  return place;
}

// The site, its hours, the resource and the closures are read on every availability question
// and every booking: their statements are kept per connection (db::FetchKept).

std::vector<OpeningInterval> PlaceStore::Hours(long long site_id) {
  return db::FetchKept<HoursRow>(lease_,
                                 "SELECT weekday, opens_minute, closes_minute FROM opening_hours "
                                 "WHERE programme_id = :p AND site_id = :s ORDER BY weekday, "
                                 "opens_minute",
                                 programme_.value, site_id);
}

std::vector<Site> PlaceStore::Sites() {
  auto sites =
      db::Fetch<SiteRow>(lease_.sql(),
                         std::string("SELECT ") + kSiteColumns +
                             " FROM sites WHERE programme_id = :p ORDER BY kind DESC, name",
                         soci::use(programme_.value));
  // One query for every site's hours, not one per site.
  std::map<long long, std::vector<OpeningInterval>> hours;
  long long site_id = 0;
  OpeningInterval h;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT site_id, weekday, opens_minute, closes_minute FROM "
                        "opening_hours WHERE programme_id = :p ORDER BY site_id, weekday, "
                        "opens_minute",
                        soci::use(programme_.value), soci::into(site_id), soci::into(h.weekday),
                        soci::into(h.opens), soci::into(h.closes));
  while (st.fetch()) hours[site_id].push_back(h);
  for (auto& site : sites) site.hours = std::move(hours[site.id]);
  return sites;
}

std::optional<Site> PlaceStore::FindSite(long long id) {
  auto found = db::FetchKept<SiteRow>(
      lease_,
      std::string("SELECT ") + kSiteColumns + " FROM sites WHERE programme_id = :p AND id = :i",
      programme_.value, id);
  if (found.empty()) return std::nullopt;
  found.front().hours = Hours(id);
  return found.front();
}

std::vector<Resource> PlaceStore::AllResources() {
  return db::Fetch<ResourceRow>(
      lease_.sql(),
      std::string("SELECT ") + kResourceColumns +
          " FROM resources WHERE programme_id = :p ORDER BY site_id, kind, name",
      soci::use(programme_.value));
}

std::vector<Resource> PlaceStore::Resources(long long site_id) {
  return db::Fetch<ResourceRow>(
      lease_.sql(),
      std::string("SELECT ") + kResourceColumns +
          " FROM resources WHERE programme_id = :p AND site_id = :s ORDER BY kind, name",
      soci::use(programme_.value), soci::use(site_id));
}

std::optional<Resource> PlaceStore::FindResource(long long id) {
  auto found = db::FetchKept<ResourceRow>(lease_,
                                          std::string("SELECT ") + kResourceColumns +
                                              " FROM resources WHERE programme_id = :p AND id = :i",
                                          programme_.value, id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

long long PlaceStore::CreateSite(const Site& site) {
  long long id = 0;
  const long long now = core::Now();
  double lat = site.latitude.value_or(0), lon = site.longitude.value_or(0);
  soci::indicator lat_ind = site.latitude ? soci::i_ok : soci::i_null;
  soci::indicator lon_ind = site.longitude ? soci::i_ok : soci::i_null;
  int is_demo = site.is_demo ? 1 : 0;
  auto st =
      db::ExecOnce(lease_.sql(),
                   "INSERT INTO sites (programme_id, name, kind, commune_code, address, "
                   "latitude, longitude, description, equipment, contact, time_zone, "
                   "is_demo, created_at) VALUES (:p, :n, :k, :c, :a, :la, :lo, :d, :e, "
                   ":ct, :tz, :demo, :t) RETURNING id",
                   soci::use(programme_.value), soci::use(site.name), soci::use(site.kind),
                   soci::use(site.commune_code), soci::use(site.address), soci::use(lat, lat_ind),
                   soci::use(lon, lon_ind), soci::use(site.description), soci::use(site.equipment),
                   soci::use(site.contact), soci::use(site.time_zone), soci::use(is_demo),
                   soci::use(now), soci::into(id));
  for (const auto& h : site.hours) {
    auto hs = db::ExecOnce(lease_.sql(),
                           "INSERT INTO opening_hours (programme_id, site_id, weekday, "
                           "opens_minute, closes_minute) VALUES (:p, :s, :w, :o, :c)",
                           soci::use(programme_.value), soci::use(id), soci::use(h.weekday),
                           soci::use(h.opens), soci::use(h.closes));
  }
  return id;
}

long long PlaceStore::CreateResource(const Resource& r) {
  long long id = 0;
  const long long now = core::Now();
  int bookable = r.bookable ? 1 : 0;
  int approval = r.rules.requires_approval ? 1 : 0;
  auto st = db::ExecOnce(lease_.sql(),
                         "INSERT INTO resources (programme_id, site_id, kind, name, capacity, "
                         "equipment, bookable, min_minutes, max_minutes, step_minutes, "
                         "horizon_days, notice_minutes, buffer_minutes, requires_approval, "
                         "created_at) VALUES (:p, :s, :k, :n, :c, :e, :b, :mi, :ma, :st, :h, "
                         ":no, :bu, :ap, :t) RETURNING id",
                         soci::use(programme_.value), soci::use(r.site_id), soci::use(r.kind),
                         soci::use(r.name), soci::use(r.capacity), soci::use(r.equipment),
                         soci::use(bookable), soci::use(r.rules.min_minutes),
                         soci::use(r.rules.max_minutes), soci::use(r.rules.step_minutes),
                         soci::use(r.rules.horizon_days), soci::use(r.rules.notice_minutes),
                         soci::use(r.rules.buffer_minutes), soci::use(approval), soci::use(now),
                         soci::into(id));
  return id;
}

std::vector<Closure> PlaceStore::Closures(long long site_id, const std::string& from_day) {
  return db::FetchKept<ClosureRow>(lease_,
                                   "SELECT id, site_id, first_day, last_day, reason FROM "
                                   "site_closures WHERE programme_id = :p AND site_id = :s AND "
                                   "last_day >= :f ORDER BY first_day, id",
                                   programme_.value, site_id, from_day);
}

std::optional<Closure> PlaceStore::FindClosure(long long id) {
  Closure c;
  soci::indicator ind = soci::i_null;
  auto st = db::ExecOnce(lease_.sql(),
                         "SELECT id, site_id, first_day, last_day, reason FROM site_closures "
                         "WHERE programme_id = :p AND id = :i",
                         soci::use(programme_.value), soci::use(id), soci::into(c.id, ind),
                         soci::into(c.site_id), soci::into(c.first_day), soci::into(c.last_day),
                         soci::into(c.reason));
  if (ind != soci::i_ok) return std::nullopt;
  return c;
}

long long PlaceStore::AddClosure(const Closure& c, long long by) {
  long long id = 0;
  const long long now = core::Now();
  auto st = db::ExecOnce(lease_.sql(),
                         "INSERT INTO site_closures (programme_id, site_id, first_day, "
                         "last_day, reason, created_by, created_at) VALUES (:p, :s, :f, :l, "
                         ":r, :b, :t) RETURNING id",
                         soci::use(programme_.value), soci::use(c.site_id), soci::use(c.first_day),
                         soci::use(c.last_day), soci::use(c.reason), soci::use(by), soci::use(now),
                         soci::into(id));
  return id;
}

bool PlaceStore::DeleteClosure(long long id) {
  auto st =
      db::ExecOnce(lease_.sql(), "DELETE FROM site_closures WHERE programme_id = :p AND id = :i",
                   soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() > 0;
}

}  // namespace sohosolo::workspaces
