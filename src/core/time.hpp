#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sohosolo::core {

/// Seconds since the Unix epoch, UTC: how every instant is stored.
using UnixSeconds = long long;

/// The current instant. A function (not a clock object) because nothing here needs a fake clock:
/// expiry tests store instants in the past instead.
UnixSeconds Now();

/// RFC 3339 in UTC with a `Z` offset, e.g. 2026-11-26T14:00:00Z.
std::string FormatRfc3339Utc(UnixSeconds t);

/// RFC 3339 in Europe/Paris with its offset, e.g. 2026-11-26T15:00:00+01:00.
std::string FormatRfc3339Paris(UnixSeconds t);

/// A minute of the day as "HH:MM", e.g. 570 -> "09:30" (opening hours, slots).
std::string FormatClock(int minute_of_day);

/// "26/11/2026 15:00" (French) or "2026-11-26 15:00" (English), Europe/Paris local time.
std::string FormatLocal(UnixSeconds t, const std::string& lang);

}  // namespace sohosolo::core

namespace sohosolo::core {

/// An instant read from an RFC 3339 string, with the UTC offset it was written with.
struct ParsedInstant {
  UnixSeconds utc = 0;
  int offset_minutes = 0;
  /// The wall-clock time as written, as if it were UTC (to check it against a time zone).
  UnixSeconds local_as_utc = 0;
  /// True when the offset was written `Z` or `-00:00` (RFC 3339: UTC, local offset unknown).
  bool utc_designator = false;
};

/// Parses "2027-03-28T10:00:00+02:00" / "...Z" (seconds and fractions optional; fractions
/// are dropped). Returns nullopt when the text is not RFC 3339.
std::optional<ParsedInstant> ParseRfc3339(std::string_view text);

/// A moment as seen on a wall clock in a time zone.
struct LocalTime {
  long long days = 0;  ///< Days since 1970-01-01 of the local date.
  int weekday = 1;     ///< 1 = Monday ... 7 = Sunday.
  int minute = 0;      ///< Minutes since local midnight.
  int offset_minutes = 0;
};

/// The wall-clock view of `t` in `zone` (an IANA name such as Europe/Paris).
LocalTime ToLocal(UnixSeconds t, const std::string& zone);

/// True when the wall-clock time `local_as_utc` does not exist in `zone` (the spring-forward gap).
bool IsNonexistentLocalTime(UnixSeconds local_as_utc, const std::string& zone);

/// True when `written` names a wall-clock time of `zone` that the zone skips: its digits fall in a
/// spring-forward gap and its offset is one the zone has on either side of that gap (02:30+01:00
/// or 02:30+02:00 on the last Sunday of March in Paris). An instant written in UTC (`Z`,
/// `-00:00`) or with any other offset is a real moment, whatever its digits.
bool IsSkippedWallTime(const ParsedInstant& written, const std::string& zone);

/// The instant of local day `days` (since 1970-01-01) at `minute` past midnight in `zone`. In a
/// spring-forward gap it gives the instant just after the gap; in a fall-back fold, the first.
UnixSeconds FromLocal(long long days, int minute, const std::string& zone);

/// True when `zone` names a time zone of the tz database.
bool IsKnownTimeZone(const std::string& zone);

}  // namespace sohosolo::core
