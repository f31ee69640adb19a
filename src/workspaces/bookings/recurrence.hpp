#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// No series holds more occurrences than this (a year of weekly bookings).
constexpr int kMaxOccurrences = 52;

/// A weekly repetition: every `interval_weeks` weeks, until a local day (inclusive) or `count`
/// occurrences in all (the first included). Exactly one of `until_day` and `count` is set.
struct Recurrence {
  int interval_weeks = 1;
  std::optional<long long> until_day;  ///< Days since 1970-01-01, local.
  std::optional<int> count;
};

/// The occurrences of a series whose first one is `first`: the same local wall-clock start and
/// end in `zone` on each date, so 09:00-12:00 stays 09:00-12:00 across daylight-saving changes
/// (their UTC instants move by an hour). Errors name the field under "recurrence.*"; more than
/// kMaxOccurrences is error.booking.recurrence_too_many.
core::Result<std::vector<Period>> ExpandWeekly(const Period& first, const Recurrence& recurrence,
                                               const std::string& zone);

}  // namespace sohosolo::workspaces
