#pragma once

#include "http/router.hpp"
#include "territory/communes/service.hpp"

namespace sohosolo::territory {

/// The advisors' WiFi planning page (GET /wifi-plans): the programme's connectivity parameters,
/// a form (relay radius, number of relays or target share, extra candidate sites given as
/// "name; lat; lon" lines) answered with the plan as a table and its bounds, a GeoJSON download
/// (GET /wifi-plans/plan.geojson with the same query) and a link that draws the plan on the map.
/// The form is read-only (a computation), hence GET: its answers can be bookmarked and shared.
void AddWifiPages(http::Router& router, Service& service);

}  // namespace sohosolo::territory
