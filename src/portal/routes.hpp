#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace sohosolo::portal {

/// Home page, language switch, readiness probe and the admin page (outbox).
void AddRoutes(http::Router& router, db::Pool& pool);

}  // namespace sohosolo::portal
