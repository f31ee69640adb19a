#include "core/time.hpp"

#include <date/date.h>
#include <date/tz.h>

namespace sohosolo::core {

namespace {

const date::time_zone* Paris() {
  static const date::time_zone* zone = date::locate_zone("Europe/Paris");
  return zone;
}

std::chrono::sys_seconds ToSys(UnixSeconds t) {
  return std::chrono::sys_seconds{std::chrono::seconds{t}};
}

}  // namespace

UnixSeconds Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatRfc3339Utc(UnixSeconds t) { return date::format("%FT%TZ", ToSys(t)); }

std::string FormatRfc3339Paris(UnixSeconds t) {
  const date::zoned_seconds zoned{Paris(), ToSys(t)};
  std::string out = date::format("%FT%T%z", zoned);
  out.insert(out.size() - 2, ":");  // %z gives +0100; RFC 3339 wants +01:00.
  return out;
}

std::string FormatLocal(UnixSeconds t, const std::string& lang) {
  const date::zoned_seconds zoned{Paris(), ToSys(t)};
  if (lang == "en") return date::format("%Y-%m-%d %H:%M", zoned);
  return date::format("%d/%m/%Y %H:%M", zoned);
}

}  // namespace sohosolo::core
