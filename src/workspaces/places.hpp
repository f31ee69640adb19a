#pragma once
// The places of the workspaces module: sites, their opening hours, resources and closures. Every
// sub-folder reads them (bookings, sites, stats, rentals' holds); they are written by the site
// administration (sites/) and the demo. Like model.hpp, this store belongs to the module's root,
// not to a sub-folder: see docs/structure.md.

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// A resource and its site, with the site's opening hours.
struct ResourcePlace {
  Resource resource;
  Site site;
};

/// SQL of sites, resources and closures, scoped to one programme.
class PlaceStore {
 public:
  PlaceStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}

  std::vector<Site> Sites();
  std::optional<Site> FindSite(long long id);
  std::vector<OpeningInterval> Hours(long long site_id);
  std::vector<Resource> Resources(long long site_id);
  /// Every resource of the programme, by site then kind and name.
  std::vector<Resource> AllResources();
  std::optional<Resource> FindResource(long long id);
  /// FindResource and FindSite of its site in one statement.
  std::optional<ResourcePlace> FindResourcePlace(long long resource_id);
  long long CreateSite(const Site& site);
  long long CreateResource(const Resource& resource);

  /// A site's closures ending on or after `from_day` (YYYY-MM-DD).
  std::vector<Closure> Closures(long long site_id, const std::string& from_day);
  std::optional<Closure> FindClosure(long long id);
  long long AddClosure(const Closure& closure, long long by);
  bool DeleteClosure(long long id);

 protected:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::workspaces
