#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>

#include "http/router.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/service.hpp"

namespace sohosolo::workspaces {

/// The workspaces API (/api/v1/sites, resources' availability, bookings, check-in, feed tokens)
/// and the public iCalendar feeds (/calendar/...).
void AddRoutes(http::Router& router, Service& service);

/// What GET /api/v1/me says about the member's calendar feed, for auth::AddRoutes (auth does
/// not know this module).
std::function<void(const http::Request&, const http::Context&, boost::json::object&)> MeFields(
    Service& service);

/// The absolute address of a feed, under the programme's public address (never the Host header).
std::string FeedUrl(const http::Context& ctx, FeedKind kind, const std::string& token);

/// A feed address as a page shows it, with its webcal:// twin for one-click subscription.
void SetFeedUrl(http::ViewData& data, const std::string& url);

}  // namespace sohosolo::workspaces

namespace sohosolo::workspaces {

/// The HTML pages: sites for visitors, booking forms and "my bookings" (with .ics, check-in and
/// the member's feed) for members, resource feeds for the people who run sites.
void AddPages(http::Router& router, Service& service);

/// The visual booking calendar of a site, day and week (calendar_pages.cpp).
void AddCalendarPages(http::Router& router, Service& service);

/// A member's bookings page, check-in and cancel forms, .ics and feed (member_pages.cpp).
void AddMemberPages(http::Router& router, Service& service);

/// The approvals queue (GET /bookings/pending, approve, decline) and joining a waitlist from a
/// site's page (POST /waitlist); approval_pages.cpp.
void AddApprovalPages(http::Router& router, Service& service);

}  // namespace sohosolo::workspaces
