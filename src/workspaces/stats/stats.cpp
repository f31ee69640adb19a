#include "workspaces/stats/stats.hpp"

#include <date/date.h>
#include <date/iso_week.h>
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "workspaces/bookings/rules.hpp"

namespace sohosolo::workspaces {

namespace {

/// Figures being summed, with the set of members so that they are counted once.
struct Tally {
  Figures figures;
  std::set<long long> members;
  long long first_day = LLONG_MAX;
  long long last_day = LLONG_MIN;

  void Touch(long long day) {
    first_day = std::min(first_day, day);
    last_day = std::max(last_day, day);
  }
};

using Buckets = std::map<std::string, Tally>;

/// The tallies one event of a day adds to: the resource's and the site's, in total, by week and
/// by month.
struct Tallies {
  Tally& resource_total;
  Buckets& resource_weeks;
  Buckets& resource_months;
  Tally& site_total;
  Buckets& site_weeks;
  Buckets& site_months;
};

std::string MonthKey(long long day) {
  return date::format("%Y-%m", date::sys_days{date::days{day}});
}

template <typename Fn>
void ForEachTally(Tallies& t, long long day, Fn fn) {
  const auto week = IsoWeekKey(day);
  const auto month = MonthKey(day);
  for (Tally* tally : {&t.resource_total, &t.resource_weeks[week], &t.resource_months[month],
                       &t.site_total, &t.site_weeks[week], &t.site_months[month]}) {
    tally->Touch(day);
    fn(*tally);
  }
}

Figures Finish(const Tally& tally) {
  Figures out = tally.figures;
  out.members = static_cast<int>(tally.members.size());
  return out;
}

std::vector<Bucket> FinishAll(const Buckets& buckets) {
  std::vector<Bucket> out;
  for (const auto& [key, tally] : buckets)
    out.push_back({key, tally.first_day, tally.last_day, Finish(tally)});
  return out;
}

/// Whether a booking of this status counts at all: a request still awaiting the host's approval
/// (pending) or refused (declined) never held the desk, so it is no booking, cancellation or
/// no-show.
bool Counted(BookingStatus status) {
  return status == BookingStatus::kConfirmed || status == BookingStatus::kNoShow ||
         status == BookingStatus::kCancelled;
}

/// The parts of `booking` within the open periods of its day.
std::vector<Period> OpenParts(const Period& booking, const std::vector<Period>& open) {
  std::vector<Period> parts;
  for (const auto& o : open) {
    if (!o.Overlaps(booking)) continue;
    parts.push_back({std::max(o.start, booking.start), std::min(o.end, booking.end)});
  }
  return parts;
}

/// Adds a period to the weekday x hour grid, split at the local hour boundaries.
void AddToGrid(HourGrid& grid, const Period& part, const std::string& zone) {
  for (auto t = part.start; t < part.end;) {
    const auto local = core::ToLocal(t, zone);
    auto next = t + (60 - local.minute % 60) * 60LL - (t % 60 + 60) % 60;
    next = std::min(next, part.end);
    grid[local.weekday - 1][local.minute / 60] += (next - t) / 3600.0;
    t = next;
  }
}

}  // namespace

std::string IsoWeekKey(long long day) {
  const iso_week::year_weeknum_weekday iso{date::sys_days{date::days{day}}};
  return fmt::format("{}-W{:02}", static_cast<int>(iso.year()),
                     static_cast<unsigned>(iso.weeknum()));
}

std::vector<Period> OpenPeriods(const Site& site, long long day,
                                const std::vector<Closure>& closures) {
  // ClosedOn reads the local day of the period's start: local noon is on that day in any zone.
  const auto noon = core::FromLocal(day, 12 * 60, site.time_zone);
  if (ClosedOn(site, closures, {noon, noon + 1})) return {};
  const auto weekday =
      static_cast<int>(date::weekday{date::sys_days{date::days{day}}}.iso_encoding());
  std::vector<Period> out;
  for (const auto& h : site.hours) {
    if (h.weekday != weekday) continue;
    out.push_back({core::FromLocal(day, h.opens, site.time_zone),
                   core::FromLocal(day, h.closes, site.time_zone)});
  }
  std::sort(out.begin(), out.end(),
            [](const Period& a, const Period& b) { return a.start < b.start; });
  return out;
}

namespace {

/// The open periods and open hours of each day of the range, in the site's zone.
struct OpenCalendar {
  long long from_day = 0;
  std::vector<std::vector<Period>> periods;
  std::vector<double> hours;

  OpenCalendar(const Site& site, long long from, long long to, const std::vector<Closure>& closures)
      : from_day(from) {
    for (long long day = from; day <= to; ++day) {
      periods.push_back(OpenPeriods(site, day, closures));
      double seconds = 0;
      for (const auto& p : periods.back()) seconds += static_cast<double>(p.end - p.start);
      hours.push_back(seconds / 3600.0);
    }
  }
  const std::vector<Period>& Open(long long day) const { return periods[day - from_day]; }
  double Hours(long long day) const { return hours[day - from_day]; }
};

/// Bookings of the range by resource, each with the local day it starts on.
using DayBookings = std::vector<std::pair<long long, const Booking*>>;
std::map<long long, DayBookings> ByResource(const std::vector<Booking>& bookings,
                                            const std::string& zone, long long from_day,
                                            long long to_day) {
  std::map<long long, DayBookings> out;
  for (const auto& b : bookings) {
    const auto day = core::ToLocal(b.period.start, zone).days;
    if (day >= from_day && day <= to_day) out[b.resource_id].push_back({day, &b});
  }
  return out;
}

/// Adds one booking to the tallies of its day (and, confirmed, to the busiest-hours grid).
void CountBooking(Tallies& tallies, long long day, const Booking& booking,
                  const OpenCalendar& calendar, const std::string& zone, HourGrid& busiest) {
  if (!Counted(booking.status)) return;
  const auto parts = OpenParts(booking.period, calendar.Open(day));
  double booked = 0;
  for (const auto& part : parts) booked += static_cast<double>(part.end - part.start) / 3600.0;
  if (booking.status == BookingStatus::kConfirmed) {
    for (const auto& part : parts) AddToGrid(busiest, part, zone);
  }
  ForEachTally(tallies, day, [&](Tally& t) {
    if (booking.status == BookingStatus::kCancelled) {
      ++t.figures.cancellations;
      return;
    }
    t.members.insert(booking.account_id);
    if (booking.status == BookingStatus::kNoShow) {
      ++t.figures.no_shows;
      return;
    }
    ++t.figures.bookings;
    t.figures.booked_hours += booked;
  });
}

}  // namespace

SiteStats ComputeSiteStats(const Site& site, const std::vector<Resource>& resources,
                           const std::vector<Booking>& bookings, long long from_day,
                           long long to_day, const std::vector<Closure>& closures) {
  SiteStats out;
  out.site = site;
  out.from_day = from_day;
  out.to_day = to_day;
  if (to_day < from_day) return out;

  const auto by_resource = ByResource(bookings, site.time_zone, from_day, to_day);
  const OpenCalendar calendar(site, from_day, to_day, closures);
  Tally site_total;
  Buckets site_weeks, site_months;
  for (long long day = from_day; day <= to_day; ++day) {
    site_total.Touch(day);
    site_weeks[IsoWeekKey(day)].Touch(day);
    site_months[MonthKey(day)].Touch(day);
  }
  for (const auto& resource : resources) {
    const auto found = by_resource.find(resource.id);
    if (!resource.bookable && found == by_resource.end()) continue;
    Tally total;
    Buckets weeks, months;
    Tallies tallies{total, weeks, months, site_total, site_weeks, site_months};
    for (long long day = from_day; day <= to_day; ++day)
      ForEachTally(tallies, day, [&](Tally& t) { t.figures.open_hours += calendar.Hours(day); });
    if (found != by_resource.end()) {
      for (const auto& [day, booking] : found->second)
        CountBooking(tallies, day, *booking, calendar, site.time_zone, out.busiest);
    }
    out.resources.push_back({resource, Finish(total), FinishAll(weeks), FinishAll(months)});
  }
  out.total = Finish(site_total);
  out.weeks = FinishAll(site_weeks);
  out.months = FinishAll(site_months);
  return out;
}

}  // namespace sohosolo::workspaces
