// The places a booking or an availability question reads first (a resource with its site and
// hours, a site's closures), kept a second per process: see Service::places_. On SQLite, reading
// the resource, its site and ten opening intervals through SOCI took a fifth of a booking's time
// in the server; on PostgreSQL the two statements are two of a booking's six round trips
// (bench/README.md, ninth pass).
#include <algorithm>

#include "workspaces/bookings/service.hpp"
#include "workspaces/bookings/store.hpp"

namespace sohosolo::workspaces {

std::optional<ResourcePlace> Service::KeptPlace(Store& store, core::ProgrammeId p,
                                                long long resource_id) {
  const PlaceKey key{p.value, resource_id};
  if (auto kept = places_.Find(key)) return kept;
  // Taken before reading: a change committed meanwhile leaves what is read stale, never current.
  const auto generation = places_.Generation();
  auto place = store.FindResourcePlace(resource_id);
  if (place) places_.Keep(key, *place, generation);  // an unknown resource is not kept
  return place;
}

std::vector<Closure> Service::KeptClosures(Store& store, core::ProgrammeId p, long long site_id,
                                           const std::string& from_day) {
  const PlaceKey key{p.value, site_id};
  auto all = closures_.Find(key);
  if (!all) {
    const auto generation = closures_.Generation();
    // Every closure of the site (a few a year): the day asked for changes from one question to
    // the next, the site's closures do not.
    all = store.Closures(site_id, "");
    closures_.Keep(key, *all, generation);
  }
  std::erase_if(*all, [&](const Closure& c) { return c.last_day < from_day; });
  return std::move(*all);
}

void Service::PlacesChanged() {
  places_.Invalidate();
  closures_.Invalidate();
}

}  // namespace sohosolo::workspaces
