#pragma once

#include <boost/json.hpp>

#include <functional>
#include <string>

#include "http/router.hpp"
#include "workspaces/service.hpp"

namespace sohosolo::workspaces {

/// The workspaces API (/api/v1/sites, resources' availability, bookings, check-in, feed tokens)
/// and the public iCalendar feeds (/calendar/...). `public_url` is the base of feed addresses;
/// empty means "from the Host header".
void AddRoutes(http::Router& router, Service& service, std::string public_url = "");

/// What GET /api/v1/me says about the member's calendar feed, for auth::AddRoutes (auth does
/// not know this module).
/// `public_url` as for AddRoutes (the feed's address).
std::function<void(const http::Request&, const http::Context&, boost::json::object&)> MeFields(Service& service,
                                                                                            std::string public_url = "");

/// The absolute address of a feed: `public_url`, else http:// and the request's Host.
std::string FeedUrl(const std::string& public_url, const http::Request& req, FeedKind kind, const std::string& token);

}  // namespace sohosolo::workspaces

namespace sohosolo::workspaces {

/// The HTML pages: sites for visitors, booking forms and "my bookings" (with .ics, check-in and
/// the member's feed) for members, resource feeds for the people who run sites.
void AddPages(http::Router& router, Service& service, std::string public_url = "");

}  // namespace sohosolo::workspaces
