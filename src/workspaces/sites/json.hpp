#pragma once

// The one JSON shape of a site and of a resource, for every route that shows them (the public
// listing, the booking pages' API and the editing API alike).

#include <boost/json.hpp>
#include <optional>

#include "core/time.hpp"
#include "workspaces/bookings/service.hpp"

namespace sohosolo::workspaces {

/// A resource with its equipment (as written and as a list) and every booking rule.
boost::json::object ResourceJson(const Resource& r);

/// A site, its opening hours and its resources; `photo_url` is null without a photo.
boost::json::object SiteJson(const SiteWithResources& s,
                             std::optional<core::UnixSeconds> photo_updated_at);

/// The address of a site's photo; it changes with the photo, so browsers may cache it.
std::string PhotoPath(long long site_id, core::UnixSeconds updated_at);

}  // namespace sohosolo::workspaces
