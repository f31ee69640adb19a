#pragma once

// Lazy greedy maximum coverage over the planner's candidates, and the bounds on the best plan
// that its queue gives at every step (bounds.cpp explains them). Internal to PlanWifi.
#include <cstddef>
#include <optional>
#include <vector>

#include "territory/wifi/planner_impl.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory::wifi_internal {

/// A candidate in the queue.
struct Entry {
  Gain gain;
  std::size_t candidate = 0;
  std::size_t step = 0;  ///< The step at which `gain` was computed.
};

/// f(S_i) and the prefix sums of the largest keys at step i (prefix[j]: the j largest).
struct StepBound {
  double value = 0;
  std::vector<double> prefix;
  bool complete = false;  ///< prefix covers every key in the queue.
};

/// The queue of candidates by their last computed gain. By submodularity a gain computed at an
/// earlier step is at least the gain now, so only the candidates that may beat the best are
/// computed again.
class Greedy {
 public:
  Greedy(Planner& planner, std::size_t keep) : planner_(planner), keep_(keep) {}

  /// Computes every candidate's gain once, fills the queue with those that reach anyone, and
  /// keeps their rows for the Lagrangian bound.
  void Start(WifiPlan& plan);
  /// The best candidate now, with its current gain; nullopt when the queue is empty.
  std::optional<Entry> Best(WifiPlan& plan);
  /// Takes the best candidate out of the queue (it became a relay) and starts the next step.
  void Remove();
  /// Keeps this step's largest keys, with `value` the population the relays placed reach.
  void RecordBound(double value);
  /// Recomputes the `m` largest keys until all are current; records that last bound.
  void Tighten(double value, std::size_t m, WifiPlan& plan);
  const std::vector<StepBound>& bounds() const { return bounds_; }
  const Relaxation& initial() const { return initial_; }

 private:
  Planner& planner_;
  std::size_t keep_;  ///< How many of the largest keys to keep per step.
  std::vector<Entry> heap_;
  std::size_t step_ = 0;
  std::vector<StepBound> bounds_;
  Relaxation initial_;  ///< At step 0, with every candidate's row.
};

/// Fills the plan's bounds once the relays are placed: upper_bound_population, the greedy
/// guarantee, certified_ratio and, with a target reached, relays_lower_bound.
void SetBounds(const Greedy& greedy, WifiPlan& plan);

}  // namespace sohosolo::territory::wifi_internal
