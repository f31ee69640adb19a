#pragma once

#include <boost/json.hpp>

#include "http/router.hpp"
#include "journeys/amendments/service.hpp"

namespace sohosolo::journeys {

/// The amendment's form (GET/POST /journeys/{id}/amendment), its documents
/// (/journeys/{id}/amendment.odt and .pdf, `?version=N`, else the latest) and its API
/// (GET/POST /api/v1/journeys/{id}/amendments). Staff only.
void AddAmendmentRoutes(http::Router& router, Amendments& amendments);

/// One version of an amendment as the API gives it (its fields and its documents' addresses).
boost::json::object VersionJson(const Amendment& a);

}  // namespace sohosolo::journeys
