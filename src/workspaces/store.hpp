#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// SQL of the workspaces module, scoped to one programme.
class Store {
 public:
  Store(db::Lease& lease, core::ProgrammeId programme) : lease_(lease), programme_(programme) {}

  std::vector<Site> Sites();
  std::optional<Site> FindSite(long long id);
  std::vector<OpeningInterval> Hours(long long site_id);
  std::vector<Resource> Resources(long long site_id);
  /// Every resource of the programme, by site then kind and name.
  std::vector<Resource> AllResources();
  std::optional<Resource> FindResource(long long id);
  long long CreateSite(const Site& site);
  long long CreateResource(const Resource& resource);

  /// Confirmed bookings of a resource that overlap `period`.
  std::vector<Booking> BookingsOf(long long resource_id, const Period& period);
  /// Confirmed bookings of an account that start within `period`.
  std::vector<Booking> BookingsOfAccount(long long account_id, const Period& period);
  std::optional<Booking> FindBooking(long long id);

  /// Inserts the booking unless a confirmed one overlaps it; returns the new id or the booking
  /// in the way. Must run inside a write transaction (SQLite: BEGIN IMMEDIATE), so that no other
  /// writer can slip between the check and the insert; on PostgreSQL the exclusion constraint
  /// refuses the insert anyway and the caller turns that into the same answer.
  std::variant<long long, Booking> InsertIfFree(const Booking& booking);
  /// The first confirmed booking of the resource overlapping `period`, if any.
  std::optional<Booking> FirstOverlap(long long resource_id, const Period& period);
  /// Cancels a confirmed booking and bumps its SEQUENCE; false when it was not confirmed.
  bool Cancel(long long booking_id, core::UnixSeconds now);

  /// A feed's bookings from `from` on: confirmed, released (no-show), and cancelled since
  /// `cancelled_since`; of the account (kMember) or of the resource (kResource) `owner_id`.
  std::vector<Booking> FeedBookings(FeedKind kind, long long owner_id, core::UnixSeconds from,
                                    core::UnixSeconds cancelled_since);
  /// True when a confirmed booking that started in (since, cutoff] was never checked in.
  bool HasNoShowsDue(core::UnixSeconds cutoff, core::UnixSeconds since);
  /// Marks those bookings no_show (released_at = now, SEQUENCE bumped); returns how many.
  int ReleaseNoShows(core::UnixSeconds cutoff, core::UnixSeconds since, core::UnixSeconds now);
  /// Records the check-in of a confirmed booking not yet checked in; false otherwise.
  bool CheckIn(long long booking_id, core::UnixSeconds now, long long by);
  /// Turns a released no-show back into a confirmed, checked-in booking (SEQUENCE bumped). The
  /// caller checks the slot is still free (SQLite); PostgreSQL's exclusion constraint also does.
  bool Reinstate(long long booking_id, core::UnixSeconds now, long long by);

  /// The account or resource whose feed has this token hash, if any (members only while they
  /// still have a role in the programme).
  std::optional<long long> FeedOwner(FeedKind kind, const std::string& token_hash);
  std::optional<core::UnixSeconds> FeedCreatedAt(FeedKind kind, long long owner_id);
  /// Replaces the feed's token (the old one stops working). Run inside a write transaction.
  void ReplaceFeed(FeedKind kind, long long owner_id, const std::string& token_hash, core::UnixSeconds now,
                   long long created_by);
  /// Serialises bookings of one account until the transaction ends (PostgreSQL advisory lock;
  /// SQLite's BEGIN IMMEDIATE already serialises every writer).
  void LockAccount(long long account_id);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::workspaces
