#pragma once

#include <functional>
#include <string>

#include "http/router.hpp"
#include "http/views.hpp"
#include "territory/accompaniment/service.hpp"
#include "territory/exchanges/service.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

/// The services behind the village pages and API besides the finder.
/// People who show themselves on a village page (the community's profiles made public there),
/// as cards: name, photo_src, status, skills... Territory does not know profiles; the
/// application passes the community's answer.
using VillageResidents =
    std::function<http::ViewData(const http::Context& ctx, const std::string& village_code)>;

struct VillageModules {
  VillageService& villages;
  ExchangeEditor& exchanges;
  AccompanyService& requests;
  VillageResidents residents = {};
};

/// API: GET/PUT /api/v1/villages/{code}, POST /api/v1/villages/{code}/{committee|services|
/// listings}, PATCH/DELETE .../{id}; GET/POST /api/v1/exchanges, PATCH/DELETE
/// /api/v1/exchanges/{code}; GET /api/v1/accompaniment-requests, POST .../{id}/handled.
/// Reading a village is public; every change is for advisors and admins.
void AddVillageApi(http::Router& router, const VillageModules& modules);

/// Pages: the village page /villages/{code} (public) and its editing page for advisors, the
/// exchanges page /exchanges, the "ask to be accompanied" form /accompagnement (anonymous) and
/// the advisors' list of requests /demandes.
void AddVillagePages(http::Router& router, const VillageModules& modules);

}  // namespace sohosolo::territory
