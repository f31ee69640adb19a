#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/bookings/service.hpp"

namespace sohosolo::workspaces {

/// The summary of a refused site or resource edit.
inline constexpr const char* kInvalidSite = "error.siteadmin.invalid";

/// Changes to a site as an editor sends them: an absent field keeps its value (PATCH), and on
/// creation the required ones must be there.
struct SiteChanges {
  std::optional<std::string> name, kind, commune_code, address, description, contact, time_zone;
  /// Present and empty clears the position.
  std::optional<std::optional<double>> latitude, longitude;
  std::optional<std::vector<std::string>> equipment;
  std::optional<std::vector<OpeningInterval>> hours;
};

struct ResourceChanges {
  std::optional<std::string> kind, name;
  std::optional<int> capacity;
  std::optional<std::vector<std::string>> equipment;
  std::optional<bool> bookable;
  std::optional<int> min_minutes, max_minutes, step_minutes, horizon_days, notice_minutes,
      buffer_minutes;
  std::optional<bool> requires_approval;
};

/// A site as its editors see it: with when its photo was last changed, if it has one.
struct SiteProfile {
  SiteWithResources site;
  std::optional<core::UnixSeconds> photo_updated_at;
};

/// A site's photo: an uploaded JPEG or PNG.
struct Photo {
  std::string content_type;  ///< image/jpeg or image/png
  std::string bytes;
  core::UnixSeconds updated_at = 0;
};

/// Photos larger than this are refused: a page must stay light on a rural line.
inline constexpr std::size_t kMaxPhotoBytes = 512 * 1024;

/// An account that holds the site_host role, as the hosts form lists it.
struct HostAccount {
  long long account_id = 0;
  std::string display_name;
  std::string email;
};

/// Field rules of sites and resources (pure, so they are tested without a database). Each
/// broken rule is a field error named after the API field.
std::vector<core::FieldError> CheckSite(const Site& site);
std::vector<core::FieldError> CheckResource(const Resource& resource);
/// Applies changes to a copy of the stored values.
void Apply(const SiteChanges& changes, Site& site);
void Apply(const ResourceChanges& changes, Resource& resource);
/// "08:30" -> 510; "24:00" is the end of the day. nullopt when not HH:MM.
std::optional<int> ParseClock(std::string_view text);
/// A weekday's ranges as a form writes them, "08:30-12:30, 13:30-18:00" (empty: closed).
std::optional<std::vector<OpeningInterval>> ParseDayRanges(int weekday, std::string_view text);
/// The reverse of ParseDayRanges, for the form.
std::string FormatDayRanges(const std::vector<OpeningInterval>& hours, int weekday);
/// The equipment column holds a comma-separated list.
std::string JoinEquipment(const std::vector<std::string>& items);
std::vector<std::string> SplitEquipment(const std::string& text);

/// Who may edit sites and resources and who hosts which site. Advisors and admins: every site;
/// site hosts: the sites they host (their resources too), not new sites nor hosts. No HTTP, no SQL.
class SiteAdmin {
 public:
  /// The programme's accounts holding the site_host role (from the auth module, which this one
  /// does not know).
  using HostDirectory = std::function<std::vector<HostAccount>(core::ProgrammeId)>;

  /// Told once a change to a site (with its hours) or a resource is committed: the bookings'
  /// service keeps them a second (Service::PlacesChanged).
  using PlacesChanged = std::function<void()>;

  SiteAdmin(db::Pool& pool, HostDirectory directory, PlacesChanged places_changed = {})
      : pool_(pool), directory_(std::move(directory)), places_changed_(std::move(places_changed)) {}

  /// The sites the actor manages, with their resources.
  std::vector<SiteWithResources> ManagedSites(core::ProgrammeId p, const Actor& actor);
  /// kNotFound, or kForbidden when the actor does not manage the site.
  core::Result<SiteProfile> GetSite(core::ProgrammeId p, const Actor& actor, long long site_id);
  core::Result<SiteProfile> CreateSite(core::ProgrammeId p, const Actor& actor,
                                       const SiteChanges& changes);
  core::Result<SiteProfile> UpdateSite(core::ProgrammeId p, const Actor& actor, long long site_id,
                                       const SiteChanges& changes);
  /// A resource and its site, for the edit form.
  core::Result<Resource> GetResource(core::ProgrammeId p, const Actor& actor,
                                     long long resource_id);
  core::Result<Resource> CreateResource(core::ProgrammeId p, const Actor& actor, long long site_id,
                                        const ResourceChanges& changes);
  core::Result<Resource> UpdateResource(core::ProgrammeId p, const Actor& actor,
                                        long long resource_id, const ResourceChanges& changes);

  /// Replaces the site's photo. kInvalid (field "photo") unless a JPEG or PNG of at most
  /// kMaxPhotoBytes whose signature matches `declared_type` (when given).
  core::Status SetPhoto(core::ProgrammeId p, const Actor& actor, long long site_id,
                        const std::string& bytes, const std::string& declared_type);
  core::Status DeletePhoto(core::ProgrammeId p, const Actor& actor, long long site_id);
  /// Anyone may see a site's photo, as they see the site.
  std::optional<Photo> GetPhoto(core::ProgrammeId p, long long site_id);

  /// The hosts of a site (staff only).
  core::Result<std::vector<HostAccount>> Hosts(core::ProgrammeId p, const Actor& actor,
                                               long long site_id);
  /// Every account that could host a site.
  std::vector<HostAccount> Candidates(core::ProgrammeId p) { return directory_(p); }
  /// Replaces the hosts of a site (staff only); each account must hold the site_host role.
  core::Result<std::vector<HostAccount>> SetHosts(core::ProgrammeId p, const Actor& actor,
                                                  long long site_id,
                                                  const std::vector<long long>& account_ids);

 private:
  /// Calls places_changed_, if any.
  void Changed() const {
    if (places_changed_) places_changed_();
  }

  db::Pool& pool_;
  HostDirectory directory_;
  PlacesChanged places_changed_;
};

}  // namespace sohosolo::workspaces
