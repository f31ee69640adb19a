#include "workspaces/bookings/rules.hpp"

#include <date/date.h>

#include <algorithm>

#include "workspaces/bookings/holidays.hpp"

namespace sohosolo::workspaces {

namespace {

using core::FieldError;

bool WithinOpeningHours(const Site& site, const Period& period) {
  const auto start = core::ToLocal(period.start, site.time_zone);
  // The end is exclusive: a booking ending at 18:00 ends "at" 18:00 of the same day.
  const auto last = core::ToLocal(period.end - 1, site.time_zone);
  if (start.days != last.days) return false;
  const int end_minute = last.minute + 1;
  return std::any_of(site.hours.begin(), site.hours.end(), [&](const OpeningInterval& h) {
    return h.weekday == start.weekday && h.opens <= start.minute && end_minute <= h.closes;
  });
}

}  // namespace

std::string DayText(long long day) { return date::format("%F", date::sys_days{date::days{day}}); }

std::optional<long long> ParseDay(const std::string& text) {
  auto parsed = core::ParseRfc3339(text + "T00:00:00Z");
  // Before 1970 nothing was booked (and the tz database would speak of local mean time).
  if (!parsed || text.size() != 10 || parsed->utc < 0) return std::nullopt;
  return parsed->utc / 86400;
}

core::Result<ListedDays> ParseListedDays(const std::string& from, const std::string& to,
                                         long long today, int default_days, int max_days,
                                         const char* too_long_key) {
  const auto from_day = from.empty() ? std::optional(today) : ParseDay(from);
  const auto to_day = to.empty()
                          ? (from_day ? std::optional(*from_day + default_days - 1) : std::nullopt)
                          : ParseDay(to);
  std::vector<FieldError> errors;
  if (!from_day) errors.push_back({"from", "error.field.date"});
  if (!to_day && !to.empty()) errors.push_back({"to", "error.field.date"});
  if (from_day && to_day && *to_day < *from_day)
    errors.push_back({"to", "error.sitebookings.order"});
  if (from_day && to_day && *to_day - *from_day >= max_days) errors.push_back({"to", too_long_key});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  return ListedDays{*from_day, *to_day};
}

std::optional<ClosureHit> ClosedOn(const Site& site, const std::vector<Closure>& closures,
                                   const Period& period) {
  return ClosedOnDay(site, closures, core::ToLocal(period.start, site.time_zone).days);
}

std::vector<ClosureHit> ClosedDays(const Site& site, const std::vector<Closure>& closures,
                                   long long from_day, long long to_day) {
  std::vector<ClosureHit> out;
  for (auto day = from_day; day <= to_day; ++day) {
    if (auto hit = ClosedOnDay(site, closures, day)) out.push_back(std::move(*hit));
  }
  return out;
}

std::optional<ClosureHit> ClosedOnDay(const Site& site, const std::vector<Closure>& closures,
                                      long long day) {
  const auto text = DayText(day);
  if (auto holiday = FrenchHolidayOn(day)) return ClosureHit{text, holiday->key, ""};
  for (const auto& c : closures) {
    // ISO dates compare as text.
    if (c.site_id == site.id && c.first_day <= text && text <= c.last_day)
      return ClosureHit{text, "", c.reason};
  }
  return std::nullopt;
}

core::Status CheckRules(const Site& site, const Resource& resource, const Period& period,
                        core::UnixSeconds now) {
  std::vector<FieldError> errors;
  const auto& rules = resource.rules;
  if (!resource.bookable) errors.push_back({"resource_id", "error.booking.not_bookable"});
  if (period.end <= period.start) {
    errors.push_back({"end", "error.booking.end_before_start"});
    return core::Error{core::ErrorCode::kInvalid, "error.booking.rules", errors, {}};
  }
  const auto minutes = (period.end - period.start) / 60;
  if ((period.end - period.start) % 60 != 0 || minutes < rules.min_minutes) {
    errors.push_back({"end", "error.booking.too_short"});
  }
  if (minutes > rules.max_minutes) errors.push_back({"end", "error.booking.too_long"});
  const auto local_start = core::ToLocal(period.start, site.time_zone);
  const auto local_end = core::ToLocal(period.end, site.time_zone);
  if (period.start % 60 != 0 || local_start.minute % rules.step_minutes != 0 ||
      local_end.minute % rules.step_minutes != 0) {
    errors.push_back({"start", "error.booking.step"});
  }
  if (period.start < now + rules.notice_minutes * 60LL)
    errors.push_back({"start", "error.booking.notice"});
  if (period.start > now + rules.horizon_days * 86400LL)
    errors.push_back({"start", "error.booking.horizon"});
  if (!WithinOpeningHours(site, period)) errors.push_back({"start", "error.booking.outside_hours"});
  if (!errors.empty())
    return core::Error{core::ErrorCode::kInvalid, "error.booking.rules", errors, {}};
  return core::Ok();
}

Availability ComputeAvailability(const Site& site, const std::vector<Booking>& bookings,
                                 long long from_day, long long to_day,
                                 const std::vector<Closure>& closures, int buffer_minutes) {
  Availability out;
  std::vector<Period> busy;
  for (const auto& b : bookings) {
    if (b.Holds())
      busy.push_back(
          {b.period.start - buffer_minutes * 60LL, std::max(b.period.end, b.blocked_end)});
  }
  std::sort(busy.begin(), busy.end(),
            [](const Period& a, const Period& b) { return a.start < b.start; });
  for (long long day = from_day; day <= to_day; ++day) {
    const int weekday =
        static_cast<int>(date::weekday{date::sys_days{date::days{day}}}.iso_encoding());
    if (ClosedOn(site, closures, {core::FromLocal(day, 12 * 60, site.time_zone), 0})) continue;
    std::vector<OpeningInterval> today;
    for (const auto& h : site.hours) {
      if (h.weekday == weekday) today.push_back(h);
    }
    std::sort(today.begin(), today.end(),
              [](const auto& a, const auto& b) { return a.opens < b.opens; });
    for (const auto& h : today) {
      const Period open{core::FromLocal(day, h.opens, site.time_zone),
                        core::FromLocal(day, h.closes, site.time_zone)};
      auto cursor = open.start;
      for (const auto& b : busy) {
        if (!b.Overlaps(open)) continue;
        const Period clipped{std::max(b.start, open.start), std::min(b.end, open.end)};
        if (clipped.start > cursor) out.free.push_back({cursor, clipped.start});
        out.busy.push_back(clipped);
        cursor = std::max(cursor, clipped.end);
      }
      if (cursor < open.end) out.free.push_back({cursor, open.end});
    }
  }
  return out;
}

Usage ComputeUsage(const std::vector<Booking>& bookings, core::UnixSeconds at,
                   const std::string& zone) {
  const auto local = core::ToLocal(at, zone);
  const long long week_start = local.days - (local.weekday - 1);
  const date::year_month_day ymd{date::sys_days{date::days{local.days}}};
  Usage usage;
  for (const auto& b : bookings) {
    if (!b.Holds()) continue;
    const auto start = core::ToLocal(b.period.start, zone);
    const double hours = (b.period.end - b.period.start) / 3600.0;
    if (start.days >= week_start && start.days < week_start + 7) usage.week_hours += hours;
    const date::year_month_day other{date::sys_days{date::days{start.days}}};
    if (other.year() == ymd.year() && other.month() == ymd.month()) usage.month_hours += hours;
  }
  return usage;
}

}  // namespace sohosolo::workspaces
