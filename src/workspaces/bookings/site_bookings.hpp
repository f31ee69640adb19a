#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"
#include "workspaces/bookings/service.hpp"

namespace sohosolo::workspaces {

/// What the site's people see of a booking: its status, with "checked_in" for a confirmed
/// booking whose member arrived.
std::string SiteBookingState(const Booking& b);

/// GET /api/v1/bookings?site_id=ID&from=&to= for the people who run the site (site_bookings.cpp);
/// nullopt when the request is not about a site (no site_id, or mine=true), so that the caller
/// answers with the caller's own bookings as before.
std::optional<http::Response> SiteBookingsApi(Service& service, http::Request& req,
                                              http::Context& ctx);

/// The page /sites/{id}/bookings and its actions: check-in, cancellation with a reason, approval
/// (site_bookings_pages.cpp).
void AddSiteBookingPages(http::Router& router, Service& service);

}  // namespace sohosolo::workspaces
