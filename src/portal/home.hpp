#pragma once
// The home page: the programme in one sentence, its public figures, the finder's first question,
// the host villages and workspaces (a list, and a small map with JavaScript), the next club
// events. The portal does not know the modules that fill the blocks: each one is a function.

#include <cstdint>
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
  /// A number that changes whenever the figures change in this process (a file moved here must
  /// show at once); null: the figures never change the whole page kept for visitors.
  std::function<std::uint64_t()> version;
};

/// GET / with the blocks above. Places and events are kept a minute per programme and language
/// (the home page is the most visited page; they change a few times a week); the figures keep
/// their own cache. The whole page a visitor without an account gets at "/" is the same for
/// every such visitor of a programme in a language: it is kept two seconds, and made again at
/// once when `version` changes.
void AddHomeRoute(http::Router& router, HomeBlocks blocks);

}  // namespace sohosolo::portal
