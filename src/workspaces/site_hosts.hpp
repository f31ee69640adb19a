#pragma once

#include "http/context.hpp"
#include "workspaces/service.hpp"

namespace sohosolo::workspaces {

/// True when the actor runs the site: advisors and admins every site, site hosts the ones they
/// host.
bool ManagesSite(const Actor& actor, long long site_id);

/// The actor of a request. Site hosts get the sites they host, read in one query (only for
/// them: other requests pay nothing).
Actor ActorFor(Service& service, const http::Context& ctx);

}  // namespace sohosolo::workspaces
