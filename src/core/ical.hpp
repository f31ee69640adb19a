#pragma once
// iCalendar (RFC 5545) text: bookings' feeds and the club's events.

#include <string>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::core {

/// What an iCalendar event needs to say about a booking.
struct CalendarEvent {
  std::string uid;  ///< Stable across changes of the booking.
  UnixSeconds start = 0;
  UnixSeconds end = 0;
  std::string summary;
  std::string location;
  std::string description;
  bool cancelled = false;
  int sequence = 0;  ///< Bumped on each change, so calendars replace their copy.
};

/// What a subscribed calendar shows about itself: its name (RFC 7986 NAME, and X-WR-CALNAME,
/// which Google Calendar and Outlook read) and how often clients should fetch it again.
struct CalendarInfo {
  std::string name;
  int refresh_minutes = 60;
};

/// A VCALENDAR (RFC 5545) with one VEVENT per event: UTC times, CRLF line ends, lines folded at
/// 75 octets without splitting a UTF-8 character, text escaped.
std::string ToICalendar(const std::vector<CalendarEvent>& events, UnixSeconds now);
/// The same with the calendar's name and refresh interval, for subscribed feeds.
std::string ToICalendar(const std::vector<CalendarEvent>& events, UnixSeconds now,
                        const CalendarInfo& info);

/// Escapes a TEXT value (backslash, semicolon, comma, new line).
std::string EscapeText(const std::string& text);

/// Folds one content line at 75 octets (continuation lines start with a space).
std::string FoldLine(const std::string& line);

}  // namespace sohosolo::core
