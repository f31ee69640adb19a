#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>

#include "auth/service.hpp"
#include "http/router.hpp"

namespace sohosolo::auth {

/// Adds fields to the JSON of GET /api/v1/me for the current account. Other modules enrich the
/// answer this way (the workspaces' calendar feed) without auth depending on them.
using MeFields =
    std::function<void(const http::Request&, const http::Context&, boost::json::object&)>;

/// Registers login, logout, account, people (invitations), password reset and the token API.
/// Links sent by mail start with the programme's public address (ctx.programme.public_url).
void AddRoutes(http::Router& router, Service& service, MeFields me_fields = {});

}  // namespace sohosolo::auth
