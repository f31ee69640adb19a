#pragma once

#include <functional>

#include "db/database.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace sohosolo::portal {

/// The home page's public figures, from the modules that count them (the journeys'):
/// {items: [{value, label, definition}], note}; the portal does not know how they are counted.
using HomeFigures = std::function<http::ViewData(const http::Context& ctx)>;

/// Home page, language switch, readiness probe and the admin page (outbox).
void AddRoutes(http::Router& router, db::Pool& pool, HomeFigures figures = {});

}  // namespace sohosolo::portal
