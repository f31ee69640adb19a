#pragma once

#include "http/router.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/sites/service.hpp"

namespace sohosolo::workspaces {

/// The site editing API: POST /api/v1/sites, PATCH /api/v1/sites/{id},
/// POST /api/v1/sites/{id}/resources, PATCH /api/v1/resources/{id}, GET|PUT
/// /api/v1/sites/{id}/hosts.
void AddSiteAdminRoutes(http::Router& router, Service& service, SiteAdmin& admin);

/// The editing pages: /manage/sites, site and resource forms, the hosts form.
void AddSiteAdminPages(http::Router& router, Service& service, SiteAdmin& admin);

class StatsService;
/// Statistics: GET /api/v1/stats, the /stats page and its CSV download.
void AddStatsRoutes(http::Router& router, Service& service, StatsService& stats);

}  // namespace sohosolo::workspaces
