#pragma once

#include <string>

#include "auth/service.hpp"
#include "http/router.hpp"

namespace sohosolo::auth {

/// Registers login, logout, account, people (invitations), password reset and the token API.
/// `public_url` is the base of links sent by mail; empty means "from the Host header".
void AddRoutes(http::Router& router, Service& service, std::string public_url);

}  // namespace sohosolo::auth
