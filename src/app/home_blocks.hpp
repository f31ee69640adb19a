#pragma once
// The home page's blocks from the modules that hold their data (portal/home.hpp says what each
// block holds): the app module is the one place that knows them all.

#include "community/events/service.hpp"
#include "http/views.hpp"
#include "territory/villages/service.hpp"
#include "workspaces/bookings/service.hpp"

namespace sohosolo::app {

/// Host villages first, then associated ones, by name; workspaces by name. Places without
/// coordinates stay in the lists, without a point on the map.
http::ViewData HomePlaces(const http::Context& ctx, territory::VillageService& villages,
                          workspaces::Service& workspaces);

/// The next three club events that are not cancelled.
http::ViewData HomeEvents(const http::Context& ctx, community::Club& club);

}  // namespace sohosolo::app
