#include "core/ical.hpp"

#include <date/date.h>

namespace sohosolo::core {

namespace {

std::string UtcStamp(UnixSeconds t) {
  return date::format("%Y%m%dT%H%M%SZ", std::chrono::sys_seconds{std::chrono::seconds{t}});
}

}  // namespace

std::string EscapeText(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += c;
        break;
      default:
        // RFC 5545 TEXT allows no other control character (CR goes with its LF).
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    }
  }
  return out;
}

std::string FoldLine(const std::string& line) {
  std::string out;
  std::size_t width = 0;
  const std::size_t limit = 75;
  for (std::size_t i = 0; i < line.size();) {
    // Length of the UTF-8 character starting at i.
    const unsigned char c = line[i];
    const std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (width + n > limit) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, n);
    width += n;
    i += n;
  }
  return out + "\r\n";
}

std::string ToICalendar(const std::vector<CalendarEvent>& events, UnixSeconds now) {
  return ToICalendar(events, now, CalendarInfo{});
}

std::string ToICalendar(const std::vector<CalendarEvent>& events, UnixSeconds now,
                        const CalendarInfo& info) {
  std::string out;
  auto line = [&out](const std::string& text) { out += FoldLine(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Soho Solo//sohosolo//FR");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  if (!info.name.empty()) {
    line("NAME:" + EscapeText(info.name));
    line("X-WR-CALNAME:" + EscapeText(info.name));
    const auto refresh = "PT" + std::to_string(info.refresh_minutes) + "M";
    line("REFRESH-INTERVAL;VALUE=DURATION:" + refresh);
    line("X-PUBLISHED-TTL:" + refresh);
  }
  for (const auto& e : events) {
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + UtcStamp(now));
    line("DTSTART:" + UtcStamp(e.start));
    line("DTEND:" + UtcStamp(e.end));
    line("SEQUENCE:" + std::to_string(e.sequence));
    line(std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
    line("SUMMARY:" + EscapeText(e.summary));
    if (!e.location.empty()) line("LOCATION:" + EscapeText(e.location));
    if (!e.description.empty()) line("DESCRIPTION:" + EscapeText(e.description));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace sohosolo::core
