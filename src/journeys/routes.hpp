#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "journeys/service.hpp"

namespace sohosolo::journeys {

/// GET/POST /api/v1/journeys, GET/PATCH /api/v1/journeys/{id}, GET
/// /api/v1/journeys/{id}/history, POST /api/v1/accompaniment-requests/{id}/journey (staff);
/// GET /api/v1/indicators (public).
void AddJourneyApi(http::Router& router, Journeys& journeys);
/// The committees', tasks' and newcomer's part of it (AddJourneyApi adds it).
void AddCommitteeApi(http::Router& router, Journeys& journeys);
/// /journeys (the advisors' board), /journeys/new, /journeys/{id} (the file), and
/// /demandes/{id}/dossier (a file from a request) (staff).
void AddJourneyPages(http::Router& router, Journeys& journeys);

/// The public figures as the home page shows them: {items: [{value, label, definition}], note}
/// (the note says when they were computed and whether demo files are counted).
http::ViewData FigureCards(const http::Context& ctx, const Indicators& figures);

}  // namespace sohosolo::journeys
