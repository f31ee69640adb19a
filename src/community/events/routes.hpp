#pragma once

#include "community/events/service.hpp"
#include "http/router.hpp"

namespace sohosolo::community {

/// /api/v1/events: the list (public), an event, creation and changes (staff), registrations
/// (members), the host's list and attendance (staff).
void AddClubApi(http::Router& router, Club& club);
/// /events pages, the .ics of an event and the programme's feed of events.
void AddClubPages(http::Router& router, Club& club);

}  // namespace sohosolo::community
