#pragma once

#include <vector>

#include "core/error.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// Checks a requested period against the resource's rules and the site's opening hours, in the
/// site's time zone. Each broken rule is a field error whose key names the rule.
core::Status CheckRules(const Site& site, const Resource& resource, const Period& period, core::UnixSeconds now);

/// The free and busy parts of the opening hours of the local days [from_day, to_day] (days since
/// 1970-01-01 in the site's zone), given the resource's bookings.
struct Availability {
  std::vector<Period> free;
  std::vector<Period> busy;
};
Availability ComputeAvailability(const Site& site, const std::vector<Booking>& bookings, long long from_day,
                                 long long to_day);

/// Hours of `bookings` that fall in the local ISO week, and in the local month, of `at`.
struct Usage {
  double week_hours = 0;
  double month_hours = 0;
};
Usage ComputeUsage(const std::vector<Booking>& bookings, core::UnixSeconds at, const std::string& zone);

}  // namespace sohosolo::workspaces
