#pragma once
// The public figures as the home page shows them, kept a short while per programme: the home
// page is the most visited page and its figures cost two statements over every settled file.

#include <chrono>

#include "core/ids.hpp"
#include "core/kept_values.hpp"
#include "journeys/model.hpp"

namespace sohosolo::journeys {

/// Each programme's figures: a change to a file in this process shows at once (the journeys
/// service invalidates them after each write), one made by another process (the command line, a
/// second server) within kFiguresMaxAge. Each figure carries its computation time, so a visitor
/// sees how fresh it is.
inline constexpr std::chrono::seconds kFiguresMaxAge{60};

class FiguresCache : public core::KeptValues<core::ProgrammeId, Indicators> {
 public:
  FiguresCache() : KeptValues(kFiguresMaxAge, 1000) {}
};

}  // namespace sohosolo::journeys
