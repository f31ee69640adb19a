#pragma once

#include <functional>

#include "db/database.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "portal/home.hpp"

namespace sohosolo::portal {

/// Home page (home.hpp), language switch, readiness probe and the admin page (outbox).
void AddRoutes(http::Router& router, db::Pool& pool, HomeBlocks home = {});

}  // namespace sohosolo::portal
