#pragma once
// The public figures as the home page shows them, kept a short while per programme: the home
// page is the most visited page and its figures cost two statements over every settled file.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "core/ids.hpp"
#include "journeys/model.hpp"

namespace sohosolo::journeys {

/// Each programme's figures with when they were computed and the generation of the files they
/// saw. A change to a file in this process bumps the generation (its figures are recomputed on
/// the next visit); a change by another process (the command line, a second server) shows within
/// kFiguresMaxAge. Each figure carries its computation time, so a visitor sees how fresh it is.
class FiguresCache {
 public:
  static constexpr std::chrono::seconds kFiguresMaxAge{60};

  /// The figures kept for `p`, if they are still current.
  std::optional<Indicators> Find(core::ProgrammeId p) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(p);
    if (it == entries_.end() || it->second.generation != generation_.load() ||
        std::chrono::steady_clock::now() - it->second.at > kFiguresMaxAge)
      return std::nullopt;
    return it->second.figures;
  }
  /// Keeps `figures`, computed from the files as they were at `generation` (Generation() read
  /// before computing: a change made meanwhile leaves them stale, never current).
  void Keep(core::ProgrammeId p, const Indicators& figures, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    entries_[p] = {figures, std::chrono::steady_clock::now(), generation};
  }
  std::uint64_t Generation() const { return generation_.load(); }
  /// A file changed: every programme's figures are computed again on their next visit.
  void Invalidate() { ++generation_; }

 private:
  struct Entry {
    Indicators figures;
    std::chrono::steady_clock::time_point at;
    std::uint64_t generation = 0;
  };
  mutable std::mutex mutex_;
  std::map<core::ProgrammeId, Entry> entries_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace sohosolo::journeys
