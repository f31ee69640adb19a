#pragma once

#include <vector>

#include "http/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

/// GET /trouver-mon-village: the finder's form and, once asked, the ranked villages with every
/// criterion met or not and its figure, the fitting listings, and links to each village's page
/// and to the "ask to be accompanied" form with the needs carried over. No JavaScript needed.
http::Response FinderPage(VillageService& service, http::Request& req, http::Context& ctx);

}  // namespace sohosolo::territory
