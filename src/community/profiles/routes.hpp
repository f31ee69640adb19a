#pragma once

#include "community/profiles/service.hpp"
#include "http/router.hpp"

namespace sohosolo::community {

/// GET /api/v1/members, GET and PUT /api/v1/me/profile.
void AddDirectoryApi(http::Router& router, Directory& directory);
/// /members (the directory) and /profile (the member's own profile form).
void AddDirectoryPages(http::Router& router, Directory& directory);

}  // namespace sohosolo::community
