#pragma once

#include <chrono>
#include <string>

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

/// "26/11/2026 15:00" (French) or "2026-11-26 15:00" (English), Europe/Paris local time.
std::string FormatLocal(UnixSeconds t, const std::string& lang);

}  // namespace sohosolo::core
