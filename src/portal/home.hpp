#pragma once
// The home page: the programme in one sentence, its public figures, the finder's first question,
// the host villages and workspaces (a list, and a small map with JavaScript), the next club
// events. The portal does not know the modules that fill the blocks: each one is a function.

#include <functional>

#include "http/router.hpp"
#include "http/views.hpp"

namespace sohosolo::portal {

/// One block of the home page, as mustache data.
using HomeBlock = std::function<http::ViewData(const http::Context& ctx)>;

struct HomeBlocks {
  /// {items: [{value, label, definition}], note}: the journeys' public figures.
  HomeBlock figures;
  /// {villages: [{name, href, role, rate, band, lat, lon}], sites: [{name, href, kind, lat,
  /// lon}]}: the territory's host and associated villages and the workspaces.
  HomeBlock places;
  /// {events: [{title, href, when, place}]}: the next club events.
  HomeBlock events;
};

/// GET / with the blocks above. Places and events are kept a minute per programme and language
/// (the home page is the most visited page; they change a few times a week); the figures keep
/// their own cache.
void AddHomeRoute(http::Router& router, HomeBlocks blocks);

}  // namespace sohosolo::portal
