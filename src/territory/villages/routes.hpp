#pragma once

#include "http/router.hpp"
#include "territory/accompaniment/service.hpp"
#include "territory/exchanges/service.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

/// The services behind the village pages and API besides the finder.
struct VillageModules {
  VillageService& villages;
  ExchangeEditor& exchanges;
  AccompanyService& requests;
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
