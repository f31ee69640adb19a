#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::workspaces {

/// One opening interval of a weekday, in the site's local time.
struct OpeningInterval {
  int weekday = 1;  ///< 1 = Monday ... 7 = Sunday.
  int opens = 0;    ///< Minutes since local midnight.
  int closes = 0;
};

struct Site {
  long long id = 0;
  std::string name;
  std::string kind;  ///< telecentre | coworking
  std::string commune_code;
  std::string address;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string description;
  std::string equipment;
  std::string contact;
  std::string time_zone = "Europe/Paris";
  bool is_demo = false;
  std::vector<OpeningInterval> hours;
};

/// How a resource may be booked.
struct BookingRules {
  int min_minutes = 30;
  int max_minutes = 480;
  int step_minutes = 30;
  int horizon_days = 60;
  int notice_minutes = 0;
  /// Minutes kept free after each booking (cleaning, airing); 0 allows back-to-back bookings.
  int buffer_minutes = 0;
  /// Bookings start `pending` and hold their slot until a site host approves or declines them.
  bool requires_approval = false;
};

struct Resource {
  long long id = 0;
  long long site_id = 0;
  std::string kind;  ///< office | meeting_room | desk
  std::string name;
  int capacity = 1;
  std::string equipment;
  bool bookable = true;
  BookingRules rules;
};

/// A half-open period [start, end) in UTC seconds.
struct Period {
  core::UnixSeconds start = 0;
  core::UnixSeconds end = 0;
  bool Overlaps(const Period& o) const { return start < o.end && o.start < end; }
};

/// A booking's life: pending (awaits a host's approval, holds its slot) -> confirmed or
/// declined; confirmed -> cancelled, or no_show (not checked in within the grace period, so
/// released; a late check-in reinstates it). Stored, and shown in the API, as StatusName's words.
enum class BookingStatus { kPending, kConfirmed, kDeclined, kCancelled, kNoShow };

constexpr std::string_view StatusName(BookingStatus s) {
  switch (s) {
    case BookingStatus::kPending:
      return "pending";
    case BookingStatus::kConfirmed:
      return "confirmed";
    case BookingStatus::kDeclined:
      return "declined";
    case BookingStatus::kCancelled:
      return "cancelled";
    case BookingStatus::kNoShow:
      return "no_show";
  }
  return "confirmed";
}

/// The status named `name` (as stored), or nullopt.
inline std::optional<BookingStatus> ParseBookingStatus(std::string_view name) {
  for (auto s : {BookingStatus::kPending, BookingStatus::kConfirmed, BookingStatus::kDeclined,
                 BookingStatus::kCancelled, BookingStatus::kNoShow})
    if (StatusName(s) == name) return s;
  return std::nullopt;
}

struct Booking {
  long long id = 0;
  long long resource_id = 0;
  long long account_id = 0;
  Period period;
  std::string note;
  BookingStatus status = BookingStatus::kConfirmed;
  core::UnixSeconds created_at = 0;
  /// iCalendar SEQUENCE: bumped on each change calendars must see (cancelled, released,
  /// reinstated).
  int sequence = 0;
  std::optional<core::UnixSeconds> cancelled_at{};
  std::optional<core::UnixSeconds> checked_in_at{};
  /// The end plus the resource's buffer: the slot is held on [period.start, blocked_end).
  core::UnixSeconds blocked_end = 0;
  std::optional<long long> series_id{};
  /// Staff who booked on behalf of the member, if not the member.
  std::optional<long long> booked_by{};
  std::optional<long long> quota_override_by{};
  std::string quota_override_reason;
  /// Why it was declined or cancelled by staff.
  std::string status_reason;

  /// True while the booking holds its slot.
  bool Holds() const {
    return status == BookingStatus::kConfirmed || status == BookingStatus::kPending;
  }
};

/// A site's own closure: whole local days first_day..last_day (YYYY-MM-DD), inclusive.
struct Closure {
  long long id = 0;
  long long site_id = 0;
  std::string first_day;
  std::string last_day;
  std::string reason;
};

/// A member queueing for a taken slot.
struct WaitlistEntry {
  long long id = 0;
  long long resource_id = 0;
  long long account_id = 0;
  Period period;
  std::string status = "waiting";  ///< waiting | booked | withdrawn | lapsed
  std::optional<long long> booking_id{};
  core::UnixSeconds created_at = 0;
};

/// When a booking may be checked in, and when one nobody checked in is released as a no-show.
struct CheckInPolicy {
  int early_minutes = 15;  ///< Members may check in from this long before the start.
  int grace_minutes = 15;  ///< Not checked in this long after the start: a no-show.
};

/// Whose bookings a private iCalendar feed shows.
enum class FeedKind {
  kMember,    ///< One member's bookings, with names and notes.
  kResource,  ///< One resource's busy periods, without names.
};

/// Fair-use limits of occasional bookings, per member.
struct Quota {
  int hours_per_week = 20;
  int hours_per_month = 60;
};

}  // namespace sohosolo::workspaces
