#include "workspaces/stats/service.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <set>

#include "workspaces/bookings/rules.hpp"
#include "workspaces/places.hpp"
#include "workspaces/sites/hosts.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

/// The zone in which "today" is read for the default period.
constexpr const char* kDefaultZone = "Europe/Paris";

/// The period asked for, or the four ISO weeks ending with the current one.
core::Result<std::pair<long long, long long>> Range(const StatsQuery& q) {
  std::vector<core::FieldError> errors;
  const auto from = q.from.empty() ? std::nullopt : ParseDay(q.from);
  const auto to = q.to.empty() ? std::nullopt : ParseDay(q.to);
  if (!q.from.empty() && !from) errors.push_back({"from", "error.field.date"});
  if (!q.to.empty() && !to) errors.push_back({"to", "error.field.date"});
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.stats.invalid", errors, {}};
  const auto today = core::ToLocal(core::Now(), kDefaultZone);
  const long long sunday = today.days + (7 - today.weekday);
  const long long last = to ? *to : (from ? *from + 27 : sunday);
  const long long first = from ? *from : last - 27;
  if (last < first)
    return Error{ErrorCode::kInvalid, "error.stats.invalid", {{"to", "error.stats.range"}}, {}};
  if (last - first + 1 > StatsService::kMaxDays) {
    return Error{ErrorCode::kInvalid, "error.stats.invalid", {{"to", "error.stats.too_long"}}, {}};
  }
  return std::pair{first, last};
}

}  // namespace

std::vector<std::pair<long long, std::string>> StatsService::SiteChoices(core::ProgrammeId p,
                                                                         const Actor& actor) {
  auto lease = pool_.Acquire();
  std::vector<std::pair<long long, std::string>> out;
  for (const auto& site : PlaceStore(lease, p).Sites()) {
    if (ManagesSite(actor, site.id)) out.emplace_back(site.id, site.name);
  }
  return out;
}

core::Result<std::vector<Site>> StatsService::SitesAsked(core::ProgrammeId p, const Actor& actor,
                                                         std::optional<long long> site_id) {
  auto lease = pool_.Acquire();
  PlaceStore store(lease, p);
  std::vector<Site> sites;
  if (site_id) {
    auto site = store.FindSite(*site_id);
    if (!site) return core::NotFound();
    if (!ManagesSite(actor, site->id)) return core::Forbidden("error.siteadmin.forbidden");
    sites.push_back(std::move(*site));
    return sites;
  }
  for (auto& site : store.Sites()) {
    if (ManagesSite(actor, site.id)) sites.push_back(std::move(site));
  }
  return sites;
}

core::Result<StatsReport> StatsService::Compute(core::ProgrammeId p, const Actor& actor,
                                                const StatsQuery& query) {
  auto range = Range(query);
  if (!range) return range.error();
  const auto [first, last] = *range;
  auto sites = SitesAsked(p, actor, query.site_id);
  if (!sites) return sites.error();
  // A day either side of the period covers every zone's offset; ComputeSiteStats keeps the
  // bookings whose local day is in the period. Read with no connection held here: the bookings
  // service takes its own.
  const auto bookings = bookings_.BookingsStarting(p, query.site_id.value_or(0),
                                                   (first - 1) * 86400, (last + 2) * 86400);
  auto lease = pool_.Acquire();
  PlaceStore store(lease, p);
  StatsReport report{first, last, {}};
  for (const auto& site : *sites) {
    const auto resources = store.Resources(site.id);
    std::set<long long> ids;
    for (const auto& r : resources) ids.insert(r.id);
    std::vector<Booking> own;
    for (const auto& b : bookings) {
      if (ids.contains(b.resource_id)) own.push_back(b);
    }
    report.sites.push_back(ComputeSiteStats(site, resources, own, first, last,
                                            store.Closures(site.id, DayText(first))));
  }
  return report;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string StatsCsv(const StatsReport& report) {
  std::string out =
      "site_id,site,resource_id,resource,granularity,period,from,to,booked_hours,open_hours,"
      "occupancy_percent,"
      "bookings,members,no_shows,cancellations\r\n";
  const auto row = [&out](const Site& site, const Resource* resource, const char* granularity,
                          const std::string& key, long long first, long long last,
                          const Figures& f) {
    out += fmt::format("{},{},{},{},{},{},{},{},{:.2f},{:.2f},{:.2f},{},{},{},{}\r\n", site.id,
                       CsvField(site.name), resource ? std::to_string(resource->id) : "",
                       resource ? CsvField(resource->name) : "", granularity, key, DayText(first),
                       DayText(last), f.booked_hours, f.open_hours, f.Occupancy() * 100, f.bookings,
                       f.members, f.no_shows, f.cancellations);
  };
  const auto period = DayText(report.from_day) + "/" + DayText(report.to_day);
  for (const auto& s : report.sites) {
    row(s.site, nullptr, "total", period, s.from_day, s.to_day, s.total);
    for (const auto& b : s.weeks)
      row(s.site, nullptr, "week", b.key, b.first_day, b.last_day, b.figures);
    for (const auto& b : s.months)
      row(s.site, nullptr, "month", b.key, b.first_day, b.last_day, b.figures);
    for (const auto& r : s.resources) {
      row(s.site, &r.resource, "total", period, s.from_day, s.to_day, r.total);
      for (const auto& b : r.weeks)
        row(s.site, &r.resource, "week", b.key, b.first_day, b.last_day, b.figures);
      for (const auto& b : r.months)
        row(s.site, &r.resource, "month", b.key, b.first_day, b.last_day, b.figures);
    }
  }
  return out;
}

}  // namespace sohosolo::workspaces
