#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/model.hpp"
#include "workspaces/rules.hpp"

namespace sohosolo::workspaces {

/// Who asks, as far as booking rules care.
struct Actor {
  long long account_id = 0;
  bool staff = false;      ///< Advisors and admins: not bound by quotas, may cancel anyone's booking.
  bool site_host = false;  ///< Site hosts: may check in any booking of the programme's sites.
  std::vector<long long> hosted_sites{};  ///< The sites a site host runs (see ManagesSite).
};

struct BookingRequest {
  long long resource_id = 0;
  std::string start;  ///< RFC 3339 with offset.
  std::string end;
  std::string note;
};

/// A booking refused because another one is in the way.
struct Conflict {
  Period period;
};

struct SiteWithResources {
  Site site;
  std::vector<Resource> resources;
};

/// Booking rules of telecentres and coworking spaces. No HTTP, no SQL.
class Service {
 public:
  Service(db::Pool& pool, Quota quota, CheckInPolicy check_in = {})
      : pool_(pool), quota_(quota), check_in_(check_in) {}

  const CheckInPolicy& check_in_policy() const { return check_in_; }

  std::vector<SiteWithResources> Sites(core::ProgrammeId p);
  core::Result<SiteWithResources> GetSite(core::ProgrammeId p, long long id);
  core::Result<Availability> GetAvailability(core::ProgrammeId p, long long resource_id, const std::string& from,
                                             const std::string& to);

  /// Books a resource. Errors: kInvalid (rules, with the rule named per field), kNotFound,
  /// kForbidden (over quota), kConflict (overlap; `conflict` is filled with the booking in the way).
  core::Result<Booking> Book(core::ProgrammeId p, const Actor& actor, const BookingRequest& request,
                             std::optional<Conflict>* conflict = nullptr);
  /// Books from a form: a local date (YYYY-MM-DD) and wall-clock times (HH:MM) in the site's zone.
  core::Result<Booking> BookLocal(core::ProgrammeId p, const Actor& actor, long long resource_id,
                                  const std::string& date, const std::string& start, const std::string& end,
                                  const std::string& note, std::optional<Conflict>* conflict = nullptr);
  std::vector<Booking> BookingsOf(core::ProgrammeId p, long long account_id);
  /// A booking of the actor (any booking for staff), with its resource and site.
  struct BookingDetails {
    Booking booking;
    Resource resource;
    Site site;
  };
  core::Result<BookingDetails> GetBooking(core::ProgrammeId p, const Actor& actor, long long booking_id);
  core::Status Cancel(core::ProgrammeId p, const Actor& actor, long long booking_id);

  /// Marks a booking used. The member: from CheckInPolicy::early_minutes before the start until
  /// the grace period ends; site hosts, advisors and admins: at any time, and a released no-show
  /// gets its slot back if still free. Errors: kNotFound (someone else's booking, for a member),
  /// kInvalid naming the rule (too early, too late), kConflict (cancelled, already checked in, or
  /// the released slot was booked since).
  core::Result<Booking> CheckIn(core::ProgrammeId p, const Actor& actor, long long booking_id);

  /// A private feed: its owner's bookings (kMember: the member's, kResource: the resource's),
  /// with the resource and site of each. kNotFound for an unknown or replaced token.
  struct FeedEntry {
    Booking booking;
    Resource resource;
    Site site;
  };
  struct Feed {
    FeedKind kind = FeedKind::kMember;
    std::string owner_name;  ///< The resource and site (kResource); empty for members.
    std::vector<FeedEntry> entries;
  };
  core::Result<Feed> GetFeed(core::ProgrammeId p, FeedKind kind, const std::string& token);
  /// A new secret token for the feed of `owner_id` (an account for kMember, a resource for
  /// kResource); the previous token stops working. Only its hash is stored, so this is the only
  /// time it can be shown. kNotFound for an unknown resource.
  core::Result<std::string> RegenerateFeed(core::ProgrammeId p, const Actor& actor, FeedKind kind, long long owner_id);
  /// When the current token of a feed was made, if there is one.
  std::optional<core::UnixSeconds> FeedCreatedAt(core::ProgrammeId p, FeedKind kind, long long owner_id);

  /// The sites an account hosts (defined in site_hosts.cpp).
  std::vector<long long> HostedSites(core::ProgrammeId p, long long account_id);

  /// For the demo and imports: creates a site with its opening hours and resources.
  long long CreateSite(core::ProgrammeId p, const Site& site, const std::vector<Resource>& resources);

 private:
  core::Result<Period> ParsePeriod(const Site& site, const BookingRequest& request);
  core::Result<Booking> BookPeriod(core::ProgrammeId p, db::Lease& lease, const Actor& actor, const Site& site,
                                   const Resource& resource, const Period& period, const std::string& note,
                                   std::optional<Conflict>* conflict);

  /// Releases the programme's bookings whose grace period passed without check-in (see service.cpp).
  void ReleaseNoShows(db::Lease& lease, core::ProgrammeId p);

  db::Pool& pool_;
  Quota quota_;
  CheckInPolicy check_in_;
};

}  // namespace sohosolo::workspaces
