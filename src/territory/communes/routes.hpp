#pragma once

#include "http/router.hpp"
#include "territory/communes/service.hpp"

namespace sohosolo::territory {

/// The territory API (reads are public; WiFi plans are for advisors and admins): commune search and
/// details, a commune's expected connection, coverage at a rate, and the map layers (communes and
/// exchanges) as GeoJSON.
void AddRoutes(http::Router& router, Service& service);

}  // namespace sohosolo::territory
