#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/model.hpp"
#include "workspaces/places.hpp"

namespace sohosolo::workspaces {

/// SQL of bookings (and their feeds and waitlist), scoped to one programme. The places booked
/// (sites, resources, closures) are read through the PlaceStore it extends.
class Store : public PlaceStore {
 public:
  Store(db::Lease& lease, core::ProgrammeId programme) : PlaceStore(lease, programme) {}

  /// Bookings of a resource holding their slot (confirmed, pending) whose blocked period (end
  /// plus buffer) overlaps `period`.
  std::vector<Booking> BookingsOf(long long resource_id, const Period& period);
  /// The same bookings read for availability: only id, resource_id, period, blocked_end and
  /// status are filled (a year of bookings makes every column count).
  std::vector<Booking> BusySpansOf(long long resource_id, const Period& period);
  /// Confirmed bookings of an account that start within `period`.
  std::vector<Booking> BookingsOfAccount(long long account_id, const Period& period);
  std::optional<Booking> FindBooking(long long id);
  /// Every booking (any status) of a site's resources starting in `period`, by start then
  /// resource, each with its member's display name; at most 2000.
  std::vector<std::pair<Booking, std::string>> BookingsOfSite(long long site_id,
                                                              const Period& period);

  /// Inserts the booking unless one holding its slot overlaps it; returns the new id or the
  /// booking in the way (id 0 when the engine refused the row but the other one is gone by now).
  /// Must run inside a write transaction (SQLite: BEGIN IMMEDIATE), so that no other writer can
  /// slip between the check and the insert. On PostgreSQL the exclusion constraint refuses a
  /// row that raced ours (a writer that did not take LockResourceBookings): the insert then
  /// writes nothing, the transaction goes on, and the answer is the same as the check's.
  std::variant<long long, Booking> InsertIfFree(const Booking& booking);
  /// The insert itself, no check (InsertIfFree's); no id when a conflicting row refused it.
  std::optional<long long> InsertBooking(const Booking& booking);
  /// The first confirmed booking of the resource overlapping `period`, if any.
  std::optional<Booking> FirstOverlap(long long resource_id, const Period& period);
  /// Cancels a booking holding its slot (confirmed or pending) and bumps its SEQUENCE; false
  /// when it held none. `reason` is kept when staff cancel someone else's booking.
  bool Cancel(long long booking_id, core::UnixSeconds now, long long by,
              const std::string& reason = "");
  void SetSeries(long long booking_id, long long series_id);
  /// Approves (kConfirmed) or declines (kDeclined) a pending booking.
  bool Decide(long long booking_id, BookingStatus status, long long by, const std::string& reason,
              core::UnixSeconds now);
  /// Pending bookings starting from `from`, soonest first.
  std::vector<Booking> PendingBookings(core::UnixSeconds from);
  /// The bookings of a series holding their slot and starting at or after `from`.
  std::vector<Booking> SeriesFrom(long long series_id, core::UnixSeconds from);
  /// The bookings released as no-shows at exactly `now` (by this transaction's sweep).
  std::vector<Booking> ReleasedNoShows(core::UnixSeconds now);
  /// The email of an account with a role in the programme.
  std::optional<std::string> AccountEmail(long long account_id);
  /// The language the account reads its mail in ("fr" when unknown).
  std::string AccountLanguage(long long account_id);

  /// Waitlist entries: new, of one account or (nullopt) everyone's, waiting ones overlapping a
  /// period in queue order, status changes of waiting entries, lapse of those whose slot started.
  /// The new entry's id; nullopt when the member already waits for this slot. Inside a write
  /// transaction.
  std::optional<long long> AddWaitlist(const WaitlistEntry& entry);
  std::vector<WaitlistEntry> WaitlistOf(std::optional<long long> account_id);
  std::optional<WaitlistEntry> FindWaitlist(long long id);
  std::vector<WaitlistEntry> WaitingFor(long long resource_id, const Period& period);
  bool SetWaitlistStatus(long long id, const std::string& status,
                         std::optional<long long> booking_id = {});
  void SetWaitlistBooking(long long id, long long booking_id);
  void LapseWaitlist(core::UnixSeconds now);
  /// PostgreSQL: serialises waitlist promotions of one resource until the transaction ends, so
  /// that two transactions freeing adjacent bookings at once do not each see the other's booking
  /// still in the way (the second waits, then sees the first one's commit). SQLite: nothing.
  void LockResourceWaitlist(long long resource_id);
  /// PostgreSQL: takes the account's advisory lock only if free (false otherwise); SQLite: true.
  bool TryLockAccount(long long account_id);
  /// PostgreSQL: serialises the transactions that change the bookings of one resource (book,
  /// cancel, decline, release a no-show, reinstate one), taken before any of their rows. Two
  /// inserts of overlapping bookings would otherwise deadlock on the exclusion constraint, each
  /// waiting for the other's row; the constraint stays as the safety net. SQLite: nothing (its
  /// write transactions are serial already).
  void LockResourceBookings(long long resource_id);
  /// The same lock, for a transaction to begin with (db::Transaction(lease, lock)).
  static db::AdvisoryLock ResourceBookingsLock(long long resource_id);
  /// The resources with a booking due to be released as a no-show, in id order (the order their
  /// locks are taken in, so that two sweeps never wait for each other in a circle).
  std::vector<long long> ResourcesWithNoShowsDue(core::UnixSeconds cutoff, core::UnixSeconds since);

  /// A feed's bookings from `from` on: confirmed, released (no-show), and cancelled since
  /// `cancelled_since`; of the account (kMember) or of the resource (kResource) `owner_id`.
  std::vector<Booking> FeedBookings(FeedKind kind, long long owner_id, core::UnixSeconds from,
                                    core::UnixSeconds cancelled_since);
  /// True when a confirmed booking that started in (since, cutoff] was never checked in, or a
  /// waitlist entry's slot began by `now`: the no-show sweep has something to do.
  bool HasSweepDue(core::UnixSeconds cutoff, core::UnixSeconds since, core::UnixSeconds now);
  /// Marks those bookings no_show (released_at = now, SEQUENCE bumped); returns how many.
  int ReleaseNoShows(core::UnixSeconds cutoff, core::UnixSeconds since, core::UnixSeconds now);
  /// Records the check-in of a confirmed booking not yet checked in; false otherwise.
  bool CheckIn(long long booking_id, core::UnixSeconds now, long long by);
  /// Turns a released no-show back into a confirmed, checked-in booking (SEQUENCE bumped). The
  /// caller checks the slot is still free (SQLite); PostgreSQL's exclusion constraint also does.
  enum class Reinstated { kDone, kNotReleased, kSlotTaken };
  /// kNotReleased when the booking is not a released no-show (any more); kSlotTaken when
  /// PostgreSQL's exclusion constraint found the slot booked. Inside a write transaction.
  Reinstated Reinstate(long long booking_id, core::UnixSeconds now, long long by);

  /// The account or resource whose feed has this token hash, if any (members only while they
  /// still have a role in the programme).
  std::optional<long long> FeedOwner(FeedKind kind, const std::string& token_hash);
  /// Replaces the feed's token (the old one stops working); false when another replacement of
  /// the same feed won at the same instant (PostgreSQL). Run inside a write transaction.
  bool ReplaceFeed(FeedKind kind, long long owner_id, const std::string& token_hash,
                   core::UnixSeconds now, long long created_by, int generation = 0);
  struct FeedState {
    int generation = 0;
    std::string token_hash;
    core::UnixSeconds created_at = 0;
  };
  std::optional<FeedState> FeedStateOf(FeedKind kind, long long owner_id);
  /// Installation secrets (server_secrets); AddServerSecret keeps an existing one.
  std::optional<std::string> ServerSecret(const std::string& name);
  void AddServerSecret(const std::string& name, const std::string& value);
  /// Bookings of any status starting in [from, to), of one site or (site_id 0) of all sites;
  /// with resource, account, period and status only.
  std::vector<Booking> BookingsStarting(long long site_id, core::UnixSeconds from,
                                        core::UnixSeconds to);
  /// A booking written by `sohosolo demo`, flagged as demo data; returns its id.
  long long InsertDemoBooking(const Booking& booking);
  /// Serialises bookings of one account until the transaction ends (PostgreSQL advisory lock;
  /// SQLite's BEGIN IMMEDIATE already serialises every writer).
  void LockAccount(long long account_id);
};

}  // namespace sohosolo::workspaces
