#pragma once

#include "http/context.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/sites/access.hpp"

namespace sohosolo::workspaces {

/// The actor of a request. Site hosts get the sites they host, read in one query (only for
/// them: other requests pay nothing).
Actor ActorFor(Service& service, const http::Context& ctx);

}  // namespace sohosolo::workspaces
