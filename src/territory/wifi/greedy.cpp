// The lazy greedy's queue: started with every candidate's gain, recomputed only at the top, and
// the largest keys kept at each step for the bounds.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <utility>

#include "territory/wifi/greedy_impl.hpp"

namespace sohosolo::territory::wifi_internal {

namespace {

/// Heap order: larger population first, then larger area, then the earlier candidate.
bool Below(const Entry& a, const Entry& b) {
  if (a.gain.population != b.gain.population) return a.gain.population < b.gain.population;
  if (a.gain.area_km2 != b.gain.area_km2) return a.gain.area_km2 < b.gain.area_km2;
  return a.candidate > b.candidate;
}

}  // namespace

void Greedy::Start(WifiPlan& plan) {
  initial_ = planner_.Relax();
  initial_.rows.resize(planner_.Candidates());
  for (std::size_t c = 0; c < planner_.Candidates(); ++c) {
    const Gain gain = planner_.Evaluate(c, &initial_.rows[c]);
    ++plan.gain_evaluations;
    // By submodularity a candidate that reaches nothing now never will.
    if (gain.Positive()) heap_.push_back({gain, c, 0});
  }
  std::make_heap(heap_.begin(), heap_.end(), Below);
  if (!heap_.empty()) plan.best_single_relay_population = heap_.front().gain.population;
  RecordBound(0);
}

std::optional<Entry> Greedy::Best(WifiPlan& plan) {
  while (!heap_.empty() && heap_.front().step != step_) {
    std::pop_heap(heap_.begin(), heap_.end(), Below);
    auto entry = heap_.back();
    heap_.pop_back();
    entry.gain = planner_.Evaluate(entry.candidate);
    entry.step = step_;
    ++plan.gain_evaluations;
    if (!entry.gain.Positive()) continue;
    heap_.push_back(entry);
    std::push_heap(heap_.begin(), heap_.end(), Below);
  }
  if (heap_.empty()) return std::nullopt;
  return heap_.front();
}

void Greedy::Remove() {
  std::pop_heap(heap_.begin(), heap_.end(), Below);
  heap_.pop_back();
  ++step_;
}

void Greedy::RecordBound(double value) {
  StepBound bound{value, {0.0}, false};
  std::vector<double> keys;
  keys.reserve(heap_.size());
  for (const auto& e : heap_) keys.push_back(e.gain.population);
  const std::size_t m = std::min(keep_, keys.size());
  std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(m), keys.end(),
                   std::greater<>());
  std::sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(m), std::greater<>());
  for (std::size_t j = 0; j < m; ++j) bound.prefix.push_back(bound.prefix.back() + keys[j]);
  bound.complete = m == keys.size();
  bounds_.push_back(std::move(bound));
}

void Greedy::Tighten(double value, std::size_t m, WifiPlan& plan) {
  std::vector<Entry> current;
  while (current.size() < m && !heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), Below);
    auto entry = heap_.back();
    heap_.pop_back();
    if (entry.step != step_) {
      entry.gain = planner_.Evaluate(entry.candidate);
      entry.step = step_;
      ++plan.gain_evaluations;
      if (!entry.gain.Positive()) continue;
      heap_.push_back(entry);
      std::push_heap(heap_.begin(), heap_.end(), Below);
      continue;
    }
    current.push_back(entry);
  }
  for (const auto& e : current) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), Below);
  }
  RecordBound(value);
}

}  // namespace sohosolo::territory::wifi_internal
