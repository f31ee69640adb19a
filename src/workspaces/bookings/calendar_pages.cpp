// The visual booking calendar of a site (GET /sites/{id}/calendar): its resources against time,
// for a day (half-hour columns) or a week (a cell per day), each slot free, busy or closed. A free
// slot is a link that opens the site page with the booking form filled in (resource, day, start
// and end), so the calendar is plain HTML and works without JavaScript. Busy slots never say
// who booked them. docs/workspaces.md says why this is a grid of our own.
#include <fmt/format.h>

#include <algorithm>

#include "core/time.hpp"
#include "http/bind.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/routes.hpp"
#include "workspaces/bookings/rules.hpp"
#include "workspaces/sites/hosts.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr int kColumnMinutes = 30;

enum class Slot { kClosed, kFree, kBusy };

/// [start, end) is free when one free period holds it all, busy when a busy one meets it; a slot
/// that has begun is closed (nobody books the past).
Slot StateOf(const Availability& a, core::UnixSeconds start, core::UnixSeconds end,
             core::UnixSeconds now) {
  if (start < now) return Slot::kClosed;
  for (const auto& p : a.busy)
    if (p.start < end && start < p.end) return Slot::kBusy;
  for (const auto& p : a.free)
    if (p.start <= start && end <= p.end) return Slot::kFree;
  return Slot::kClosed;
}

/// How long a booking a click on a free slot proposes: an hour, or the resource's shortest
/// booking when longer, never past the free period.
core::UnixSeconds ProposedEnd(const Resource& r, core::UnixSeconds start,
                              core::UnixSeconds free_end) {
  const int minutes = std::max(60, r.rules.min_minutes);
  return std::min<core::UnixSeconds>(start + minutes * 60LL, free_end);
}

/// The site page with the booking form of `r` filled in.
std::string BookingLink(long long site_id, const Resource& r, const std::string& day,
                        core::UnixSeconds start, core::UnixSeconds end, const std::string& zone) {
  return fmt::format("/sites/{}?date={}&resource={}&start={}&end={}#resource-{}", site_id, day,
                     r.id, core::FormatClock(core::ToLocal(start, zone).minute),
                     core::FormatClock(core::ToLocal(end, zone).minute), r.id);
}

struct View {
  long long site_id = 0;
  std::string zone;
  long long first_day = 0;  ///< Local days since 1970-01-01.
  int days = 1;
  core::UnixSeconds now = 0;
};

/// The first half-hour boundary at or after `now`, in the site's zone: where today's free time
/// starts on the calendar.
core::UnixSeconds NextBoundary(const View& v) {
  const auto local = core::ToLocal(v.now, v.zone);
  const int minute = (local.minute + kColumnMinutes - 1) / kColumnMinutes * kColumnMinutes;
  const auto boundary = core::FromLocal(local.days, minute, v.zone);
  return boundary < v.now ? v.now : boundary;
}

/// The weekday (1 = Monday ... 7 = Sunday) of a local day counted from 1970-01-01, a Thursday.
int WeekdayOf(long long day) { return static_cast<int>(((day % 7) + 7 + 3) % 7) + 1; }

/// The Monday of the week of a local day.
long long MondayOf(long long day) { return day - (WeekdayOf(day) - 1); }

/// The earliest opening and latest closing of the site on `weekday` (minutes), if it opens.
std::optional<std::pair<int, int>> OpenSpan(const Site& site, int weekday) {
  std::optional<std::pair<int, int>> span;
  for (const auto& h : site.hours) {
    if (h.weekday != weekday) continue;
    span = span ? std::pair{std::min(span->first, h.opens), std::max(span->second, h.closes)}
                : std::pair{h.opens, h.closes};
  }
  return span;
}

/// One row of the day view: a cell per half hour of `span`.
ViewData DayRow(const View& v, const Resource& r, const Availability& a, std::pair<int, int> span) {
  ViewData cells{ViewData::type::list};
  const auto day = DayText(v.first_day);
  for (int m = span.first; m < span.second; m += kColumnMinutes) {
    const auto start = core::FromLocal(v.first_day, m, v.zone);
    const auto end = core::FromLocal(v.first_day, m + kColumnMinutes, v.zone);
    ViewData cell;
    cell.set("time", core::FormatClock(m));
    switch (StateOf(a, start, end, v.now)) {
      case Slot::kFree: {
        auto period = std::find_if(a.free.begin(), a.free.end(), [&](const Period& p) {
          return p.start <= start && end <= p.end;
        });
        cell.set("free", true);
        cell.set("href",
                 BookingLink(v.site_id, r, day, start, ProposedEnd(r, start, period->end), v.zone));
        break;
      }
      case Slot::kBusy:
        cell.set("busy", true);
        break;
      case Slot::kClosed:
        cell.set("closed", true);
        break;
    }
    cells.push_back(std::move(cell));
  }
  ViewData row;
  row.set("name", r.name);
  row.set("cells", cells);
  return row;
}

/// One row of the week view: a cell per day with its free periods as links.
ViewData WeekRow(const View& v, const Resource& r, const Availability& a) {
  ViewData cells{ViewData::type::list};
  for (int i = 0; i < v.days; ++i) {
    const long long d = v.first_day + i;
    const auto from = core::FromLocal(d, 0, v.zone);
    const auto to = core::FromLocal(d + 1, 0, v.zone);
    ViewData periods{ViewData::type::list};
    bool busy = false;
    for (const auto& p : a.free) {
      if (p.end <= from || p.start >= to || p.end <= v.now) continue;
      const auto start = std::max({p.start, from, NextBoundary(v)});
      if (start >= std::min(p.end, to)) continue;
      ViewData item;
      item.set("from", core::FormatClock(core::ToLocal(start, v.zone).minute));
      item.set("to", core::FormatClock(core::ToLocal(std::min(p.end, to), v.zone).minute));
      item.set("href",
               BookingLink(v.site_id, r, DayText(d), start, ProposedEnd(r, start, p.end), v.zone));
      periods.push_back(std::move(item));
    }
    for (const auto& p : a.busy) busy = busy || (p.start < to && from < p.end);
    ViewData cell;
    cell.set("has_free", !periods.is_empty_list());
    cell.set("periods", periods);
    const bool past = to <= v.now;
    cell.set("past", past);
    cell.set("full", !past && periods.is_empty_list() && busy);
    cell.set("closed", !past && periods.is_empty_list() && !busy);
    cells.push_back(std::move(cell));
  }
  ViewData row;
  row.set("name", r.name);
  row.set("cells", cells);
  return row;
}

class CalendarPage {
 public:
  explicit CalendarPage(Service& service) : service_(service) {}

  Response Show(Request& req, Context& ctx) {
    const auto id = http::ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto site = service_.GetSite(ctx.programme.id, *id);
    if (!site) return http::ErrorResponse(req, ctx, site.error());
    const bool week = req.Query("view").value_or("") == "week";
    const auto& zone = site->site.time_zone;
    const auto asked = req.Query("date").value_or("");
    auto day =
        asked.empty() ? std::optional(core::ToLocal(core::Now(), zone).days) : ParseDay(asked);
    if (!day)
      return http::ErrorResponse(req, ctx, core::ErrorCode::kInvalid, "error.calendar.bad_day");
    View v{*id, zone, *day, 1, core::Now()};
    if (week) {
      v.first_day = MondayOf(*day);
      v.days = 7;
    }
    // The day view's columns: the site's opening span that day (none: closed all day).
    const auto span = OpenSpan(site->site, WeekdayOf(v.first_day));
    ViewData data = Frame(ctx, *site, v, week, span);
    ViewData rows{ViewData::type::list};
    for (const auto& r : site->resources) {
      if (!r.bookable) continue;
      auto a = service_.GetAvailability(ctx.programme.id, r.id, DayText(v.first_day),
                                        DayText(v.first_day + v.days - 1), ctx.account->id);
      if (!a) continue;
      if (week)
        rows.push_back(WeekRow(v, r, *a));
      else if (span)
        rows.push_back(DayRow(v, r, *a, *span));
    }
    data.set("rows", rows);
    data.set("closed_day", !week && !span);
    return http::Page(ctx, "src/workspaces/bookings/views/calendar.html", std::move(data),
                      "calendar.title");
  }

 private:
  /// The title, the navigation and the column headers.
  static ViewData Frame(const Context& ctx, const SiteWithResources& site, const View& v, bool week,
                        const std::optional<std::pair<int, int>>& span) {
    ViewData data;
    data.set("site_id", std::to_string(v.site_id));
    data.set("site_name", site.site.name);
    data.set("week", week);
    const auto base =
        fmt::format("/sites/{}/calendar?view={}&date=", v.site_id, week ? "week" : "day");
    const int step = week ? 7 : 1;
    data.set("previous", base + DayText(v.first_day - step));
    data.set("next", base + DayText(v.first_day + step));
    data.set("day_view",
             fmt::format("/sites/{}/calendar?view=day&date={}", v.site_id, DayText(v.first_day)));
    data.set("week_view",
             fmt::format("/sites/{}/calendar?view=week&date={}", v.site_id, DayText(v.first_day)));
    data.set("period",
             week ? DayText(v.first_day) + " → " + DayText(v.first_day + 6) : DayText(v.first_day));
    ViewData columns{ViewData::type::list};
    if (week) {
      for (int i = 0; i < 7; ++i) {
        ViewData c;
        c.set("label", http::T(ctx, "day." + std::to_string(i + 1)) + " " +
                           DayText(v.first_day + i).substr(5));
        c.set("href", fmt::format("/sites/{}/calendar?view=day&date={}", v.site_id,
                                  DayText(v.first_day + i)));
        columns.push_back(std::move(c));
      }
    } else if (span) {
      for (int m = span->first; m < span->second; m += kColumnMinutes) {
        ViewData c;
        c.set("label", m % 60 == 0 ? core::FormatClock(m) : std::string("·"));
        columns.push_back(std::move(c));
      }
    }
    data.set("columns", columns);
    return data;
  }

  Service& service_;
};

/// The member's own bookings in a week (GET /bookings/calendar): a column per day, each booking
/// with its hours, resource and site, linked to the site's calendar of that day.
class MyWeek {
 public:
  explicit MyWeek(Service& service) : service_(service) {}

  Response Show(Request& req, Context& ctx) {
    const std::string zone = "Europe/Paris";  // the programme's sites' zone, as the list shows
    const auto asked = req.Query("date").value_or("");
    auto day =
        asked.empty() ? std::optional(core::ToLocal(core::Now(), zone).days) : ParseDay(asked);
    if (!day)
      return http::ErrorResponse(req, ctx, core::ErrorCode::kInvalid, "error.calendar.bad_day");
    const long long monday = MondayOf(*day);
    const auto from = core::FromLocal(monday, 0, zone);
    const auto to = core::FromLocal(monday + 7, 0, zone);
    std::vector<ViewData> days(7, ViewData{ViewData::type::list});
    const auto actor = ActorFor(service_, ctx);
    for (const auto& b : service_.BookingsOf(ctx.programme.id, ctx.account->id)) {
      if (b.status == BookingStatus::kCancelled || b.period.end <= from || b.period.start >= to)
        continue;
      auto details = service_.GetBooking(ctx.programme.id, actor, b.id);
      if (!details) continue;
      const auto& site_zone = details->site.time_zone;
      const auto local = core::ToLocal(b.period.start, site_zone);
      const auto index = local.days - monday;
      if (index < 0 || index > 6) continue;
      ViewData item;
      item.set("hours", core::FormatClock(local.minute) + "–" +
                            core::FormatClock(core::ToLocal(b.period.end, site_zone).minute));
      item.set("resource", details->resource.name);
      item.set("site", details->site.name);
      item.set("href",
               fmt::format("/sites/{}/calendar?date={}", details->site.id, DayText(local.days)));
      item.set("pending", b.status == BookingStatus::kPending);
      days[index].push_back(std::move(item));
    }
    ViewData columns{ViewData::type::list};
    for (int i = 0; i < 7; ++i) {
      ViewData c;
      c.set("label",
            http::T(ctx, "day." + std::to_string(i + 1)) + " " + DayText(monday + i).substr(5));
      c.set("has_bookings", !days[i].is_empty_list());
      c.set("bookings", days[i]);
      columns.push_back(std::move(c));
    }
    ViewData data;
    data.set("days", columns);
    data.set("period", DayText(monday) + " → " + DayText(monday + 6));
    data.set("previous", "/bookings/calendar?date=" + DayText(monday - 7));
    data.set("next", "/bookings/calendar?date=" + DayText(monday + 7));
    return http::Page(ctx, "src/workspaces/bookings/views/my_week.html", std::move(data),
                      "calendar.my_week");
  }

 private:
  Service& service_;
};

}  // namespace

void AddCalendarPages(http::Router& router, Service& service) {
  auto page = std::make_shared<CalendarPage>(service);
  router.Add("GET", "/sites/{id}/calendar", http::Access::AnyAccount(),
             [page](Request& req, Context& ctx) { return page->Show(req, ctx); });
  auto week = std::make_shared<MyWeek>(service);
  router.Add("GET", "/bookings/calendar", http::Access::AnyAccount(),
             [week](Request& req, Context& ctx) { return week->Show(req, ctx); });
}

}  // namespace sohosolo::workspaces
