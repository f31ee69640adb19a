#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// Checks a requested period against the resource's rules and the site's opening hours, in the
/// site's time zone. Each broken rule is a field error whose key names the rule.
core::Status CheckRules(const Site& site, const Resource& resource, const Period& period,
                        core::UnixSeconds now);

/// A closure that a period falls on: the local date, and either a public holiday's catalogue key
/// or the reason the site gave.
struct ClosureHit {
  std::string date;  ///< YYYY-MM-DD, local.
  std::string holiday_key;
  std::string reason;
};

/// The first closure (French public holiday or one of the site's `closures`) on the local day of
/// `period`'s start in the site's zone, if any.
std::optional<ClosureHit> ClosedOn(const Site& site, const std::vector<Closure>& closures,
                                   const Period& period);
/// The same question for local day `day` (days since 1970-01-01).
std::optional<ClosureHit> ClosedOnDay(const Site& site, const std::vector<Closure>& closures,
                                      long long day);
/// Every closed local day from `from_day` to `to_day` inclusive, in date order.
std::vector<ClosureHit> ClosedDays(const Site& site, const std::vector<Closure>& closures,
                                   long long from_day, long long to_day);

/// Local days `from`..`to` (both included, days since 1970-01-01).
struct ListedDays {
  long long from = 0;
  long long to = 0;
};
/// The days a listing asks for as text: `from` (empty: `today`) to `to` (empty: `default_days`
/// days in all), at most `max_days`. Field errors: error.field.date, error.sitebookings.order,
/// and `too_long_key` past `max_days`.
core::Result<ListedDays> ParseListedDays(const std::string& from, const std::string& to,
                                         long long today, int default_days, int max_days,
                                         const char* too_long_key);

/// The local day "YYYY-MM-DD" of days since 1970-01-01.
std::string DayText(long long day);
/// A day "YYYY-MM-DD" as days since 1970-01-01; nullopt when it is not one.
std::optional<long long> ParseDay(const std::string& text);

/// The free and busy parts of the opening hours of the local days [from_day, to_day] (days since
/// 1970-01-01 in the site's zone), given the resource's bookings.
struct Availability {
  std::vector<Period> free;
  std::vector<Period> busy;
};
/// Closed days (public holidays, the site's `closures`) have nothing free. Each booking holding
/// its slot is busy from `buffer_minutes` before its start (a new booking ending there would need
/// its own buffer) to its blocked end.
Availability ComputeAvailability(const Site& site, const std::vector<Booking>& bookings,
                                 long long from_day, long long to_day,
                                 const std::vector<Closure>& closures = {}, int buffer_minutes = 0);

/// Hours of `bookings` that fall in the local ISO week, and in the local month, of `at`.
struct Usage {
  double week_hours = 0;
  double month_hours = 0;
};
Usage ComputeUsage(const std::vector<Booking>& bookings, core::UnixSeconds at,
                   const std::string& zone);

}  // namespace sohosolo::workspaces
