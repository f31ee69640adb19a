#pragma once
// The monthly club's events: plain data, no db, no http.

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::community {

/// The zone the club's days and hours are read in. The programme's zone: every programme runs in
/// Europe/Paris today (the sites' zone has the same default; docs/structure.md lists making it a
/// setting of the programme).
inline constexpr const char* kClubZone = "Europe/Paris";

inline constexpr std::size_t kMaxTitleChars = 120;
inline constexpr std::size_t kMaxThemeChars = 2000;
inline constexpr std::size_t kMaxPlaceChars = 300;
inline constexpr int kMaxCapacity = 5000;
/// A series is created at most this many occurrences at a time (two years of a monthly club).
inline constexpr int kMaxOccurrences = 24;
/// The host may record attendance from this long before the start (people arrive early).
inline constexpr core::UnixSeconds kAttendanceOpensBefore = 3600;
/// Reminders go to the registered members from this long before the start.
inline constexpr core::UnixSeconds kReminderBefore = 24 * 3600;

/// Where a member stands for an event. Stored as the words of StateName.
enum class Seat { kNone, kRegistered, kWaitlisted, kCancelled };
const char* StateName(Seat seat);
Seat ParseSeat(const std::string& word);

struct ClubEvent {
  long long id = 0;
  std::string title;
  std::string theme;
  long long site_id = 0;  ///< 0: an address, not one of the programme's sites.
  std::string place;
  core::UnixSeconds start = 0;
  core::UnixSeconds end = 0;
  int capacity = 0;
  std::string series;  ///< Shared by the occurrences of a recurring event; empty otherwise.
  bool cancelled = false;
  int sequence = 0;  ///< Bumped on each change, for calendars.
  bool demo = false;
  int registered = 0;  ///< Seats taken.
  int waitlisted = 0;
  Seat mine = Seat::kNone;  ///< The asker's seat, when the asker is a member.
};

/// A member's registration as the host sees it (names are for the host's list only, never in a
/// calendar or a public page).
struct Registration {
  long long account_id = 0;
  std::string name;
  std::string email;
  std::string language;
  Seat seat = Seat::kNone;
  core::UnixSeconds queued_at = 0;
  std::optional<bool> attended;
};

/// A place the event may be held at: one of the programme's sites.
struct EventPlace {
  long long site_id = 0;
  std::string name;
  std::string address;
};

/// An event as an advisor describes it, checked: the first occurrence and how many monthly
/// occurrences to create (1: a single event).
struct EventDraft {
  std::string title;
  std::string theme;
  long long site_id = 0;
  std::string place;
  core::UnixSeconds start = 0;
  core::UnixSeconds end = 0;
  int capacity = 0;
  int occurrences = 1;
};

struct Period {
  core::UnixSeconds start = 0;
  core::UnixSeconds end = 0;
};

/// The occurrences of a monthly series in `zone`: the same weekday of the same week of the month
/// as the first ("first Thursday"; from the 29th on, "last Thursday"), at the same wall-clock
/// times, `count` months in a row. The first is `first` itself.
std::vector<Period> MonthlyOccurrences(const Period& first, int count, const std::string& zone);

/// The seat a new registration gets: a seat while there is room, else the waitlist.
Seat SeatFor(int registered, int capacity);

/// How many waitlisted members move up when `registered` of `capacity` seats are taken.
int FreeSeats(int registered, int capacity);

}  // namespace sohosolo::community
