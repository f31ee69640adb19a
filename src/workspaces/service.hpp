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
  bool staff = false;  ///< Advisors and admins: not bound by quotas, may cancel anyone's booking.
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
  Service(db::Pool& pool, Quota quota) : pool_(pool), quota_(quota) {}

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

  /// For the demo and imports: creates a site with its opening hours and resources.
  long long CreateSite(core::ProgrammeId p, const Site& site, const std::vector<Resource>& resources);

 private:
  core::Result<Period> ParsePeriod(const Site& site, const BookingRequest& request);
  core::Result<Booking> BookPeriod(core::ProgrammeId p, db::Lease& lease, const Actor& actor, const Site& site,
                                   const Resource& resource, const Period& period, const std::string& note,
                                   std::optional<Conflict>* conflict);

  db::Pool& pool_;
  Quota quota_;
};

}  // namespace sohosolo::workspaces
