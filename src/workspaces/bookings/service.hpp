#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/kept_values.hpp"
#include "db/database.hpp"
#include "workspaces/bookings/availability_cache.hpp"
#include "workspaces/bookings/rules.hpp"
#include "workspaces/model.hpp"
#include "workspaces/places.hpp"

namespace sohosolo::workspaces {

/// Who asks, as far as booking rules care.
struct Actor {
  long long account_id = 0;
  bool staff = false;  ///< Advisors and admins: not bound by quotas, may cancel anyone's booking.
  bool site_host = false;  ///< Site hosts: may check in any booking of the programme's sites.
  std::vector<long long> hosted_sites{};  ///< The sites a site host runs (see ManagesSite).
};

/// A weekly repetition as asked for: `until` (YYYY-MM-DD, local, inclusive) or `count`.
struct RecurrenceRequest {
  int interval = 1;
  std::string until;
  std::optional<int> count;
};

/// What to do with an occurrence of a series that breaks a rule or is taken.
enum class OnConflict {
  kStop,  ///< Nothing is booked; the error names the occurrence's date.
  kSkip,  ///< The others are booked; the answer lists the skipped dates and why.
};

/// A booking as a form sends it: a local date (YYYY-MM-DD) and wall-clock times (HH:MM) in the
/// site's zone; `repeat_weeks` > 0 repeats it every week that many more times.
struct LocalBookingForm {
  long long resource_id = 0;
  std::string date;
  std::string start;
  std::string end;
  std::string note;
  int repeat_weeks = 0;
};

struct BookingRequest {
  long long resource_id = 0;
  std::string start;  ///< RFC 3339 with offset.
  std::string end;
  std::string note;
  /// Advisors and admins booking on behalf of a member.
  std::optional<long long> for_account_id{};
  /// Advisors and admins may book beyond the member's fair-use quota, with a reason.
  bool override_quota = false;
  std::string override_reason;
  std::optional<RecurrenceRequest> recurrence{};
  OnConflict on_conflict = OnConflict::kStop;
};

/// Why a booking was refused, beyond the error itself: the booking in the way (conflicts), the
/// occurrence's local date (series), the public holiday or the site's closure reason (closures).
struct Conflict {
  std::optional<Period> period;
  std::string date;
  std::string holiday_key;
  std::string closure_reason;
};

/// The outcome of a booking request: the bookings made (one, or a series' occurrences) and,
/// with OnConflict::kSkip, the occurrences left out.
struct BookingOutcome {
  struct Skipped {
    std::string date;
    core::Error error;
    Conflict detail;
  };
  std::vector<Booking> created;
  std::vector<Skipped> skipped;
  std::optional<long long> series_id;
};

/// Which bookings a cancellation covers.
enum class CancelScope {
  kOne,        ///< This booking only.
  kFollowing,  ///< This occurrence of its series and every later one.
};

struct SiteWithResources {
  Site site;
  std::vector<Resource> resources;
};

/// Booking rules of telecentres and coworking spaces. No HTTP, no SQL.
class Store;

class Service {
 public:
  /// `kept_availability`: how long an availability answer may be reused (AvailabilityCache);
  /// zero: never.
  Service(db::Pool& pool, Quota quota, CheckInPolicy check_in = {},
          std::chrono::milliseconds kept_availability = std::chrono::seconds(1))
      : pool_(pool), quota_(quota), check_in_(check_in), availability_cache_(kept_availability) {}

  const CheckInPolicy& check_in_policy() const { return check_in_; }

  std::vector<SiteWithResources> Sites(core::ProgrammeId p);
  core::Result<SiteWithResources> GetSite(core::ProgrammeId p, long long id);
  /// Free and busy periods of a resource. A desk whose rental contracts fill it on a day is busy
  /// that whole day for everyone but its holders (`viewer`), who may still book it.
  core::Result<Availability> GetAvailability(core::ProgrammeId p, long long resource_id,
                                             const std::string& from, const std::string& to,
                                             long long viewer = 0);
  /// The same answer as kept a second per process, with its API body (AvailabilityCache).
  core::Result<std::shared_ptr<const KeptAvailability>> GetKeptAvailability(core::ProgrammeId p,
                                                                            long long resource_id,
                                                                            const std::string& from,
                                                                            const std::string& to,
                                                                            long long viewer = 0);

  /// Books a resource. Errors: kInvalid (rules, with the rule named per field; closures),
  /// kNotFound, kForbidden (over quota, or booking for someone else without being staff),
  /// kConflict (overlap; `conflict` is filled with the booking in the way). A series is one
  /// transaction: with OnConflict::kStop one refused occurrence refuses all (its date in
  /// `conflict`).
  core::Result<BookingOutcome> BookMany(core::ProgrammeId p, const Actor& actor,
                                        const BookingRequest& request,
                                        std::optional<Conflict>* conflict = nullptr);
  /// One booking (a request without recurrence).
  core::Result<Booking> Book(core::ProgrammeId p, const Actor& actor, const BookingRequest& request,
                             std::optional<Conflict>* conflict = nullptr);
  /// Books from a form (a series stops at its first refused occurrence, OnConflict::kStop).
  core::Result<Booking> BookLocal(core::ProgrammeId p, const Actor& actor,
                                  const LocalBookingForm& form,
                                  std::optional<Conflict>* conflict = nullptr);
  std::vector<Booking> BookingsOf(core::ProgrammeId p, long long account_id);
  /// Bookings of any status starting in [from, to), of one site or (site_id 0) of all sites,
  /// after releasing the no-shows due (as every listing does); resource, account, period and
  /// status only. For statistics.
  std::vector<Booking> BookingsStarting(core::ProgrammeId p, long long site_id,
                                        core::UnixSeconds from, core::UnixSeconds to);
  /// A booking of the actor (any booking for staff), with its resource and site.
  struct BookingDetails {
    Booking booking;
    Resource resource;
    Site site;
  };
  core::Result<BookingDetails> GetBooking(core::ProgrammeId p, const Actor& actor,
                                          long long booking_id);
  /// Cancels a booking (or it and the following ones of its series). Members cancel their own
  /// until the start; the people who run the site at any time, and with a `reason` (required)
  /// when the booking is someone else's: the member is told through the outbox. The freed slot
  /// goes to the waitlist in the same transaction.
  core::Status Cancel(core::ProgrammeId p, const Actor& actor, long long booking_id,
                      CancelScope scope = CancelScope::kOne, const std::string& reason = "");

  /// Host approval of a pending booking; declining needs a reason. The member is told through the
  /// outbox; a declined slot goes to the waitlist. Errors: kNotFound, kForbidden (not running the
  /// site), kInvalid (no reason), kConflict (not pending).
  core::Result<Booking> Approve(core::ProgrammeId p, const Actor& actor, long long booking_id);
  core::Result<Booking> Decline(core::ProgrammeId p, const Actor& actor, long long booking_id,
                                const std::string& reason);
  /// The bookings of a site whose start falls on the local days [from, to] (YYYY-MM-DD; empty:
  /// today and the next 13 days), every status, with the member's name (site_bookings.cpp).
  /// Errors: kNotFound (no such site), kForbidden (the actor does not run it), kInvalid (dates,
  /// a range longer than kMaxSiteBookingDays).
  struct SiteBooking {
    Booking booking;
    std::string member_name;
  };
  struct SiteBookings {
    Site site;
    std::vector<Resource> resources;
    long long from_day = 0;
    long long to_day = 0;
    std::vector<SiteBooking> items;
  };
  static constexpr int kMaxSiteBookingDays = 62;
  core::Result<SiteBookings> BookingsOfSite(core::ProgrammeId p, const Actor& actor,
                                            long long site_id, const std::string& from,
                                            const std::string& to);

  /// Pending bookings of the sites the actor runs, soonest first.
  std::vector<BookingDetails> Pending(core::ProgrammeId p, const Actor& actor);

  /// A site's closures from today on. kNotFound for an unknown site.
  core::Result<std::vector<Closure>> Closures(core::ProgrammeId p, long long site_id);
  /// Sites, resources, opening hours or closures were changed by this process (the closures
  /// here; site administration through the application): what is kept of them is read again.
  void PlacesChanged();
  /// The days a site is closed (public holidays and its own closures) from `from` to `to`
  /// (YYYY-MM-DD, both included; by default the site's today and the next 365 days).
  struct ClosedDaysOfSite {
    long long from_day = 0;
    long long to_day = 0;
    std::vector<ClosureHit> days;
  };
  static constexpr int kDefaultClosedDays = 366;
  static constexpr int kMaxClosedDaysRange = 1100;
  core::Result<ClosedDaysOfSite> ClosedDays(core::ProgrammeId p, long long site_id,
                                            const std::string& from, const std::string& to);
  /// Adds a closure (first/last day YYYY-MM-DD, a reason). kForbidden unless the actor runs the
  /// site.
  core::Result<Closure> AddClosure(core::ProgrammeId p, const Actor& actor, const Closure& closure);
  core::Status DeleteClosure(core::ProgrammeId p, const Actor& actor, long long closure_id);

  /// Queues the actor for a taken slot. kConflict when the slot is free (book it) or the member
  /// already waits for it; kInvalid when the slot breaks the resource's rules.
  core::Result<WaitlistEntry> JoinWaitlist(core::ProgrammeId p, const Actor& actor,
                                           const BookingRequest& request);
  /// The actor's entries (`mine`), or everyone's for staff.
  std::vector<WaitlistEntry> Waitlist(core::ProgrammeId p, const Actor& actor, bool mine);
  core::Status LeaveWaitlist(core::ProgrammeId p, const Actor& actor, long long entry_id);

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
  core::Result<std::string> RegenerateFeed(core::ProgrammeId p, const Actor& actor, FeedKind kind,
                                           long long owner_id);
  /// A feed's current address: its token, derived again from the server secret (nullopt when it
  /// predates derived tokens, random and stored hashed: regenerating shows a new one), and when
  /// it was made.
  struct FeedAddress {
    std::optional<std::string> token;
    core::UnixSeconds created_at = 0;
  };
  /// The current address of a feed; nullopt when there is none yet.
  std::optional<FeedAddress> CurrentFeed(core::ProgrammeId p, FeedKind kind, long long owner_id);
  /// A member's own feed address, always: made (generation 1) the first time it is asked for, so
  /// that the account page and /api/v1/me show an address that works from the start.
  std::optional<FeedAddress> MemberFeed(core::ProgrammeId p, long long account_id);

  /// The sites an account hosts (defined in site_hosts.cpp).
  std::vector<long long> HostedSites(core::ProgrammeId p, long long account_id);
  /// When the site's photo was last changed, if it has one (defined in site_hosts.cpp).
  std::optional<core::UnixSeconds> PhotoUpdatedAt(core::ProgrammeId p, long long site_id);

  /// For the demo and imports: creates a site with its opening hours and resources.
  long long CreateSite(core::ProgrammeId p, const Site& site,
                       const std::vector<Resource>& resources);

 private:
  core::Result<Period> ParsePeriod(const Site& site, const BookingRequest& request);
  enum class Lock { kWait, kTry };
  /// Where and for whom occurrences are booked: settled once per request (booking.cpp).
  struct Target {
    core::ProgrammeId programme;
    const Actor& actor;
    const Site& site;
    const Resource& resource;
    std::vector<Closure> closures{};
    /// Whether the member's quota holds (not for staff booking for themselves, nor overrides).
    bool quota_applies = true;
    /// kTry for waitlist promotions, which must not wait for a member's other transaction.
    Lock lock = Lock::kWait;
  };
  /// Books each period for the request's member in one write transaction.
  core::Result<BookingOutcome> BookPeriods(db::Lease& lease, Target target,
                                           const std::vector<Period>& periods,
                                           const BookingRequest& request,
                                           std::optional<Conflict>* conflict);
  /// One occurrence, inside the caller's write transaction: rules, closures, quota, rental
  /// holds, then the insert if the slot is free. `detail` (may be null) says what was in the way.
  core::Result<Booking> TryBook(db::Lease& lease, const Target& target, Booking booking,
                                Conflict* detail);
  core::Status CheckQuota(Store& store, const Target& target, const Booking& booking);
  /// Inserts the booking if its blocked period is free; a 409 naming what is in the way if not.
  core::Result<Booking> Insert(Store& store, Booking booking, Conflict* detail);
  /// Links the occurrences of a series and tells a member booked for by staff.
  void FinishSeries(db::Lease& lease, const Target& target, BookingOutcome& outcome, bool series);
  /// Puts a released no-show back in its slot, if still free, inside the caller's transaction.
  core::Status ReinstateNoShow(db::Lease& lease, core::ProgrammeId p, const Actor& actor,
                               const Booking& booking, const Resource& resource,
                               core::UnixSeconds now);
  /// Gives the freed blocked period of a resource to the waitlist, first in line first.
  void PromoteWaitlist(db::Lease& lease, core::ProgrammeId p, const Resource& resource,
                       const Period& freed);
  /// The resource with its site and hours (places_); nullopt for an unknown resource.
  std::optional<ResourcePlace> KeptPlace(Store& store, core::ProgrammeId p, long long resource_id);
  /// The site's closures ending on or after `from_day` (YYYY-MM-DD), by first day (closures_).
  std::vector<Closure> KeptClosures(Store& store, core::ProgrammeId p, long long site_id,
                                    const std::string& from_day);
  /// Queues a message about a booking for its member.
  void Tell(db::Lease& lease, core::ProgrammeId p, const Booking& booking, const std::string& kind,
            const std::string& reason, const std::string& extra = "");
  std::string FeedSecret(db::Lease& lease);

  /// Releases the programme's bookings whose grace period passed without check-in (see
  /// service.cpp).
  void ReleaseNoShows(db::Lease& lease, core::ProgrammeId p);
  /// GetAvailability's answer read from the database (after the no-show sweep).
  core::Result<Availability> ReadAvailability(db::Lease& lease, core::ProgrammeId p,
                                              long long resource_id, long long from_day,
                                              long long to_day, long long viewer);

  db::Pool& pool_;
  Quota quota_;
  std::mutex secret_mutex_;
  std::string feed_secret_;
  CheckInPolicy check_in_;
  /// Availability answers, kept while nothing is committed and for a second (see the class).
  AvailabilityCache availability_cache_;
  /// Current feed addresses (programme, kind, owner), shown by the account page and /api/v1/me on
  /// every visit: a feed replaced here clears them (a feed not made yet is not kept); one
  /// replaced through another server process shows within two seconds, as identities do.
  using FeedKey = std::tuple<long long, int, long long>;
  core::KeptValues<FeedKey, FeedAddress> feeds_{std::chrono::seconds(2), 100000};
  /// What every booking and availability question reads first, kept a second per process
  /// (kept_places.cpp): a resource with its site and hours, and a site's closures, keyed by
  /// (programme, resource or site). A change made through this process shows at once
  /// (PlacesChanged); one made by another process (a second server, the command line) within
  /// the second, as availability answers do. A booking is then checked against rules at most a
  /// second old, as if it had been asked a second earlier.
  using PlaceKey = std::pair<long long, long long>;
  core::KeptValues<PlaceKey, ResourcePlace> places_{std::chrono::seconds(1), 10000};
  core::KeptValues<PlaceKey, std::vector<Closure>> closures_{std::chrono::seconds(1), 10000};
};

}  // namespace sohosolo::workspaces
