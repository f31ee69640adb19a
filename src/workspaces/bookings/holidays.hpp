#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sohosolo::workspaces {

/// A public holiday: a local day (days since 1970-01-01) and the catalogue key of its name.
struct Holiday {
  long long day = 0;
  std::string key;  ///< e.g. "holiday.easter_monday"
};

/// Easter Sunday of a Gregorian year (anonymous Gregorian computus), as days since 1970-01-01.
long long EasterSunday(int year);

/// The eleven public holidays of metropolitan France in `year`, in date order.
std::vector<Holiday> FrenchHolidays(int year);

/// The holiday falling on local day `day`, if any.
std::optional<Holiday> FrenchHolidayOn(long long day);

}  // namespace sohosolo::workspaces
