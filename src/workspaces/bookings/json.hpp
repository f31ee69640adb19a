#pragma once

// JSON shapes and request helpers shared by the workspaces API routes (routes*.cpp only).

#include <boost/json.hpp>

#include "http/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "workspaces/bookings/service.hpp"

namespace sohosolo::workspaces {

/// A booking; `staff` adds who booked on the member's behalf and any quota override.
boost::json::object BookingJson(const Booking& b, bool staff = false);
/// A problem document for a refused booking, with what was in the way (conflict, occurrence
/// date, holiday or closure reason).
http::Response BookingProblem(const http::Context& ctx, const core::Error& error,
                              const std::optional<Conflict>& detail);
/// Reads resource_id, start, end (and note) of a booking or waitlist body into `request`.
void ReadSlot(const boost::json::object& body, BookingRequest& request,
              std::vector<core::FieldError>& errors);

/// Closures, approvals and the waitlist (routes_rules.cpp).
void AddRuleRoutes(http::Router& router, Service& service);

}  // namespace sohosolo::workspaces
