#pragma once
// The monthly club: events, registrations with a waitlist promoted automatically, attendance,
// reminders. What the routes may ask, with its checks. No HTTP, no SQL.

#include <functional>
#include <string>
#include <vector>

#include "community/events/model.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

/// An event as an advisor sends it (form or API), its instants already read by the edge.
struct EventInput {
  std::string title;
  std::string theme;
  long long site_id = 0;  ///< One of the programme's sites, or 0 with `place` an address.
  std::string place;
  core::UnixSeconds start = 0;
  core::UnixSeconds end = 0;
  long long capacity = 0;
  long long occurrences = 1;  ///< Monthly occurrences to create (1: a single event).
  bool demo = false;
};

/// What a registration did: the seat it got, and whether it is new (201) or already was (200).
struct Joined {
  Seat seat = Seat::kNone;
  bool created = false;
};

class Club {
 public:
  /// The programme's sites an event may be held at (composed in app/ from the workspaces).
  using Places = std::function<std::vector<EventPlace>(core::ProgrammeId)>;
  Club(db::Pool& pool, Places places) : pool_(pool), places_(std::move(places)) {}

  std::vector<EventPlace> PlacesOf(core::ProgrammeId p) const { return places_(p); }
  /// Creates the event, or its monthly occurrences. kInvalid with every field at fault.
  core::Result<std::vector<ClubEvent>> Create(core::ProgrammeId p, long long author_id,
                                              const EventInput& input);
  /// Events not over yet, by start; cancelled ones too when `with_cancelled` (staff).
  std::vector<ClubEvent> Upcoming(core::ProgrammeId p, long long account_id, bool with_cancelled,
                                  int limit = 100);
  std::vector<ClubEvent> Past(core::ProgrammeId p, long long account_id, int limit = 50);
  core::Result<ClubEvent> Find(core::ProgrammeId p, long long id, long long account_id);

  /// A seat, or the waitlist when the event is full. kConflict once it has started or when it is
  /// cancelled. Registering again is harmless: the seat already held is returned.
  core::Result<Joined> Register(core::ProgrammeId p, long long event_id, long long account_id);
  /// Gives up a seat or a place in line; the first in line takes a freed seat and is told by mail.
  /// kNotFound without a registration; kConflict once the event has started.
  core::Result<ClubEvent> Unregister(core::ProgrammeId p, long long event_id, long long account_id);
  /// Changes the number of seats; the waitlist moves up into new ones (told by mail). Seats
  /// already given are never taken back.
  core::Result<ClubEvent> SetCapacity(core::ProgrammeId p, long long event_id, long long capacity);
  /// Cancels the event and tells everyone registered or in line.
  core::Result<ClubEvent> Cancel(core::ProgrammeId p, long long event_id);

  /// The host's list: names and attendance. Staff only (checked by the route).
  core::Result<std::vector<Registration>> Registrations(core::ProgrammeId p, long long event_id);
  /// Records whether a registered member came; from an hour before the start.
  core::Status RecordAttendance(core::ProgrammeId p, long long event_id, long long account_id,
                                bool attended);

  /// The account is about to be deleted: it gives up its seats and places in line in every
  /// programme's events to come, each promoting the line as Unregister does.
  void LeaveAll(long long account_id);

  /// Every event `account_id` registered for (or waits for, or left), newest first, with the
  /// registration: for the account's own data export.
  std::vector<std::pair<ClubEvent, Registration>> SeatsOf(core::ProgrammeId p,
                                                          long long account_id);

  /// Queues the reminder of the day before for every registered member of an event starting in
  /// the next 24 hours (every programme), once each. Returns how many were queued.
  int QueueReminders(core::UnixSeconds now);

 private:
  /// Moves the head of the waitlist into the free seats and tells them; inside the transaction.
  void Promote(db::Lease& lease, core::ProgrammeId p, long long event_id);
  db::Pool& pool_;
  Places places_;
};

/// The draft `input` describes, or the fields at fault (`places`: the programme's sites).
core::Result<EventDraft> CheckEvent(const EventInput& input, const std::vector<EventPlace>& places);

}  // namespace sohosolo::community
