// RFC 3339 instants as the API receives them, and the wall-clock rules built on them. Properties:
// an instant that parses formats back to the same instant; a wall time reported as skipped by
// the zone lies in a gap of that zone; local views of any parsed instant are within their day.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/time.hpp"

using namespace sohosolo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = core::ParseRfc3339(text);
  if (!parsed) return 0;
  const auto again = core::ParseRfc3339(core::FormatRfc3339Utc(parsed->utc));
  if (!again || again->utc != parsed->utc) abort();
  for (const char* zone : {"Europe/Paris", "America/Sao_Paulo", "Australia/Lord_Howe"}) {
    const auto local = core::ToLocal(parsed->utc, zone);
    if (local.minute < 0 || local.minute >= 1440 || local.weekday < 1 || local.weekday > 7) abort();
    if (core::IsSkippedWallTime(*parsed, zone) &&
        !core::IsNonexistentLocalTime(parsed->local_as_utc, zone))
      abort();
  }
  (void)core::FormatRfc3339Paris(parsed->utc);
  return 0;
}
