#pragma once

#include "http/router.hpp"
#include "workspaces/service.hpp"

namespace sohosolo::workspaces {

/// The workspaces API (/api/v1/sites, resources' availability, bookings) and the sites page.
void AddRoutes(http::Router& router, Service& service);

}  // namespace sohosolo::workspaces

namespace sohosolo::workspaces {

/// The HTML pages: sites for visitors, booking forms and "my bookings" (with .ics) for members.
void AddPages(http::Router& router, Service& service);

}  // namespace sohosolo::workspaces
