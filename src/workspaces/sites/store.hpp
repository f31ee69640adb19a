#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// SQL of site editing and site hosts, scoped to one programme. Reads of sites, hours, resources
/// and closures go through workspaces::PlaceStore.
class SiteAdminStore {
 public:
  SiteAdminStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}

  /// The sites an account hosts.
  std::vector<long long> HostedSites(long long account_id);
  std::vector<long long> HostsOf(long long site_id);
  /// Replaces the hosts of a site. Run inside a write transaction.
  void ReplaceHosts(long long site_id, const std::vector<long long>& account_ids, long long by,
                    core::UnixSeconds now);

  /// A site's photo: content type, bytes, last change.
  struct StoredPhoto {
    std::string content_type;
    std::string bytes;
    core::UnixSeconds updated_at = 0;
  };
  std::optional<StoredPhoto> FindPhoto(long long site_id);
  std::optional<core::UnixSeconds> PhotoUpdatedAt(long long site_id);
  /// Replaces the site's photo. Run inside a write transaction.
  void SavePhoto(long long site_id, const std::string& content_type, const std::string& bytes,
                 long long by, core::UnixSeconds now);
  /// False when the site had no photo.
  bool DeletePhoto(long long site_id);
  /// Writes every field of the site and replaces its opening hours. Run inside a write transaction.
  void UpdateSite(const Site& site, core::UnixSeconds now);
  void UpdateResource(const Resource& resource);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::workspaces
