#pragma once

#include "community/profiles/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

/// GET /api/v1/members, GET /api/v1/members/map (the skills map), GET and PUT
/// /api/v1/me/profile, PUT and DELETE /api/v1/me/profile/photo, GET /api/v1/skills (members)
/// and PUT /api/v1/skills (staff).
void AddDirectoryApi(http::Router& router, Directory& directory);
/// /members (the directory), /members/map (the skills map), /members/{id}/photo, /profile (the
/// member's own profile form) and its photo form, /manage/skills (the programme's list).
void AddDirectoryPages(http::Router& router, Directory& directory);

/// A profile as the directory's cards show it (the fields `p` holds: see Profile::SeenBy).
http::ViewData ProfileCard(const http::Context& ctx, const Profile& p);

}  // namespace sohosolo::community
