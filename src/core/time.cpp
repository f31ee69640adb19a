#include "core/time.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/compile.h>
#include <fmt/format.h>

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

namespace {

/// Civil fields of a local instant (seconds since the epoch, already shifted by its offset).
struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
};

Civil ToCivil(long long local) {
  const long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const long long secs = local - days * 86400;
  const date::year_month_day ymd{date::sys_days{date::days{days}}};
  return {static_cast<int>(ymd.year()),
          static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()),
          static_cast<unsigned>(secs / 3600),
          static_cast<unsigned>(secs % 3600 / 60),
          static_cast<unsigned>(secs % 60)};
}

// These run for every instant of every API answer: fmt with formats compiled in (FMT_COMPILE)
// and integer arithmetic, not iostreams.
long long ParisOffsetSeconds(UnixSeconds t) { return Paris()->get_info(ToSys(t)).offset.count(); }

}  // namespace

std::string FormatRfc3339Utc(UnixSeconds t) {
  const auto c = ToCivil(t);
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z"), c.year, c.month, c.day,
                     c.hour, c.minute, c.second);
}

std::string FormatRfc3339Paris(UnixSeconds t) {
  const auto offset = ParisOffsetSeconds(t);
  const auto c = ToCivil(t + offset);
  const auto minutes = offset / 60;
  const char sign = minutes < 0 ? '-' : '+';
  const auto abs_minutes = minutes < 0 ? -minutes : minutes;
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}"), c.year,
                     c.month, c.day, c.hour, c.minute, c.second, sign, abs_minutes / 60,
                     abs_minutes % 60);
}

std::string FormatClock(int minute_of_day) {
  return fmt::format("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
}

std::string FormatLocal(UnixSeconds t, const std::string& lang) {
  const auto c = ToCivil(t + ParisOffsetSeconds(t));
  if (lang == "en")
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", c.year, c.month, c.day, c.hour, c.minute);
  return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", c.day, c.month, c.year, c.hour, c.minute);
}

}  // namespace sohosolo::core

namespace sohosolo::core {

namespace {

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

const date::time_zone* Zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

std::optional<ParsedInstant> ParseRfc3339(std::string_view s) {
  int y, mo, d, h, mi, sec = 0;
  if (!Digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !Digits(s, 11, 2, h) || s[13] != ':' || !Digits(s, 14, 2, mi)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, sec)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const auto start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  int offset = 0;
  bool utc_designator = false;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
    utc_designator = true;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, om)) {
      return std::nullopt;
    }
    if (oh > 23 || om > 59) return std::nullopt;
    offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    utc_designator = s[pos] == '-' && offset == 0;
    pos += 6;
  } else {
    return std::nullopt;  // RFC 3339 requires an offset.
  }
  if (pos != s.size()) return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  const auto local = date::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
                     std::chrono::seconds{std::min(sec, 59)};
  const long long local_as_utc = local.time_since_epoch().count();
  // Years 1 to 9999 in UTC: the instants RFC 3339 can write back ("0000-01-01T00:00:00+00:09"
  // is in year 0 in UTC).
  constexpr long long kFirst = -62135596800LL;  // 0001-01-01T00:00:00Z
  constexpr long long kLast = 253402300799LL;   // 9999-12-31T23:59:59Z
  const long long utc = local_as_utc - offset * 60LL;
  if (utc < kFirst || utc > kLast) return std::nullopt;
  return ParsedInstant{utc, offset, local_as_utc, utc_designator};
}

LocalTime ToLocal(UnixSeconds t, const std::string& zone) {
  const auto* z = Zone(zone);
  const auto info = z ? z->get_info(ToSys(t)) : date::sys_info{};
  const long long offset = z ? info.offset.count() : 0;
  const long long local = t + offset;
  const long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const date::weekday wd{date::sys_days{date::days{days}}};
  return LocalTime{days, static_cast<int>(wd.iso_encoding()),
                   static_cast<int>((local - days * 86400) / 60), static_cast<int>(offset / 60)};
}

bool IsNonexistentLocalTime(UnixSeconds local_as_utc, const std::string& zone) {
  const auto* z = Zone(zone);
  if (!z) return false;
  const date::local_seconds local{std::chrono::seconds{local_as_utc}};
  return z->get_info(local).result == date::local_info::nonexistent;
}

bool IsSkippedWallTime(const ParsedInstant& written, const std::string& zone) {
  const auto* z = Zone(zone);
  if (!z || written.utc_designator) return false;
  const date::local_seconds local{std::chrono::seconds{written.local_as_utc}};
  const auto info = z->get_info(local);
  if (info.result != date::local_info::nonexistent) return false;
  const auto offset = std::chrono::seconds{written.offset_minutes * 60LL};
  return offset == info.first.offset || offset == info.second.offset;
}

UnixSeconds FromLocal(long long days, int minute, const std::string& zone) {
  const auto* z = Zone(zone);
  const long long local = days * 86400 + minute * 60LL;
  if (!z) return local;
  const date::local_seconds ls{std::chrono::seconds{local}};
  const auto info = z->get_info(ls);
  if (info.result == date::local_info::nonexistent) return local - info.first.offset.count();
  return local - info.first.offset.count();
}

bool IsKnownTimeZone(const std::string& zone) { return Zone(zone) != nullptr; }

}  // namespace sohosolo::core
