#pragma once
// SQL of the club's events and registrations, scoped to one programme. Names, addresses and
// languages of members are read from the accounts table for the host's list and for mail, as the
// bookings store does (docs/structure.md, written exceptions).

#include <optional>
#include <string>
#include <vector>

#include "community/events/model.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

/// A registration due a reminder, with what the mail says.
struct DueReminder {
  long long registration_id = 0;
  long long programme_id = 0;
  ClubEvent event;
  Registration who;
};

class EventStore {
 public:
  EventStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}

  long long Insert(const ClubEvent& event, long long created_by, core::UnixSeconds now);
  /// The event with its counts and `account_id`'s seat (0: nobody's).
  std::optional<ClubEvent> Find(long long id, long long account_id);
  /// Events ending after `from` (cancelled ones when `with_cancelled`), by start, at most `limit`.
  std::vector<ClubEvent> Upcoming(core::UnixSeconds from, long long account_id, int limit,
                                  bool with_cancelled);
  /// Events that ended before `before`, newest first.
  std::vector<ClubEvent> Past(core::UnixSeconds before, long long account_id, int limit);
  /// Takes the event's row lock on PostgreSQL (SQLite's write transaction is serial already): the
  /// first statement of every transaction that changes its seats.
  void LockEvent(long long id);
  void SetCapacity(long long id, int capacity);
  void MarkCancelled(long long id);

  std::optional<Registration> FindRegistration(long long event_id, long long account_id);
  /// Registers `account_id` (a new row, or a cancelled one taken again) with `seat`, at the back
  /// of the line.
  void PutRegistration(long long event_id, long long account_id, Seat seat, core::UnixSeconds now);
  void SetSeat(long long event_id, long long account_id, Seat seat, core::UnixSeconds now);
  /// The first `n` of the waitlist, in its order.
  std::vector<Registration> WaitlistHead(long long event_id, int n);
  /// Registered and waitlisted members, seats first, each part in its order.
  std::vector<Registration> Registrations(long long event_id);
  bool SetAttended(long long event_id, long long account_id, bool attended);
  /// The events of this programme `account_id` has a registration row for, newest first.
  std::vector<long long> EventsOf(long long account_id);

  /// Registered members of events starting in (from, until] not reminded yet, every programme.
  static std::vector<DueReminder> DueReminders(db::Lease& lease, core::UnixSeconds from,
                                               core::UnixSeconds until, int limit);
  /// (programme, event) of every event not started by `now` where `account_id` holds a seat or
  /// waits in line, every programme.
  static std::vector<std::pair<core::ProgrammeId, long long>> OpenSeatsOf(db::Lease& lease,
                                                                          long long account_id,
                                                                          core::UnixSeconds now);
  /// Marks a reminder queued; false when another sender marked it first.
  static bool MarkReminded(db::Lease& lease, long long registration_id, core::UnixSeconds now);

 private:
  std::vector<ClubEvent> Select(const std::string& where_order, core::UnixSeconds at,
                                long long account_id, int limit);
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::community
