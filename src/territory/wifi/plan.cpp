// PlanWifi: the planner's state, then relays placed one by one by the lazy greedy until the
// number asked, the target or nothing left, then the bounds on the best plan.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "territory/connectivity/connectivity.hpp"
#include "territory/wifi/greedy_impl.hpp"
#include "territory/wifi/planner_impl.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory {

namespace {

using wifi_internal::CommunePiece;
using wifi_internal::Gain;
using wifi_internal::Greedy;
using wifi_internal::Planner;
using wifi_internal::SetBounds;

/// A relay that would reach fewer people than this is not planned: past that point what is left
/// within the discs is slivers of floating-point noise where disc edges meet (0.01 inhabitant is
/// about 300 m² of the Gers' average density; a sliver is far smaller).
constexpr double kMinGainPopulation = 0.01;

void AddRelay(Planner& planner, std::size_t c, const std::vector<Commune>& communes,
              WifiPlan& plan) {
  std::vector<CommunePiece> pieces;
  const Gain gain = planner.Apply(c, pieces);
  PlannedRelay relay;
  relay.site = planner.Site(c);
  relay.population_gained = gain.population;
  relay.area_gained_km2 = gain.area_km2;
  plan.population_gained += gain.population;
  plan.area_gained_km2 += gain.area_km2;
  relay.cumulative_population = plan.population_gained;
  relay.cumulative_share =
      plan.uncovered_population > 0 ? plan.population_gained / plan.uncovered_population : 0;
  std::sort(pieces.begin(), pieces.end(), [](const CommunePiece& a, const CommunePiece& b) {
    if (a.population != b.population) return a.population > b.population;
    if (a.area_km2 != b.area_km2) return a.area_km2 > b.area_km2;
    return a.commune < b.commune;
  });
  for (const auto& p : pieces) {
    const auto& commune = communes[p.commune];
    relay.communes.push_back({commune.code, commune.name, p.population, p.area_km2});
  }
  relay.disc = planner.DiscWgs84(c);
  plan.relays.push_back(std::move(relay));
}

/// A plan holding the question (threshold, reach, relays or target, parameters), before anything
/// is placed.
WifiPlan PlanFor(const std::vector<Commune>& communes, const AdslParameters& params,
                 const WifiPlanOptions& options) {
  WifiPlan plan;
  plan.threshold_mbps = options.threshold_mbps;
  plan.technology = options.technology;
  plan.radius_km = options.radius_km;
  plan.relays_asked = options.relays;
  plan.target_share = options.target_share;
  plan.parameters = Summarise(params);
  plan.reach_km = ReachKm(options.threshold_mbps, options.technology, params);
  plan.communes = communes.size();
  return plan;
}

/// Places the greedy's best relay, one at a time, until `limit` relays, the target share of the
/// people left without, or no candidate reaching anyone more; records why in `plan.end`.
void PlaceRelays(Planner& planner, Greedy& greedy, const std::vector<Commune>& communes,
                 const WifiPlanOptions& options, std::size_t limit, WifiPlan& plan) {
  // Slightly under the target, so that rounding in the sums cannot miss a target reached.
  const double target = options.target_share
                            ? *options.target_share * plan.uncovered_population * (1 - 1e-12)
                            : std::numeric_limits<double>::infinity();
  plan.end = options.relays ? WifiPlanEnd::kRelaysPlaced : WifiPlanEnd::kLimit;
  while (plan.relays.size() < limit) {
    if (plan.population_gained >= target) {
      plan.end = WifiPlanEnd::kTargetReached;
      break;
    }
    const auto best = greedy.Best(plan);
    if (!best || best->gain.population < kMinGainPopulation) {
      plan.end = WifiPlanEnd::kNothingLeft;
      break;
    }
    greedy.Remove();
    AddRelay(planner, best->candidate, communes, plan);
    greedy.RecordBound(plan.population_gained);
  }
  if (options.target_share && plan.population_gained >= target)
    plan.end = WifiPlanEnd::kTargetReached;
}

}  // namespace

std::string_view ToString(WifiPlanEnd end) {
  switch (end) {
    case WifiPlanEnd::kRelaysPlaced:
      return "relays_placed";
    case WifiPlanEnd::kTargetReached:
      return "target_reached";
    case WifiPlanEnd::kNothingLeft:
      return "nothing_left";
    case WifiPlanEnd::kLimit:
      return "limit";
  }
  return "relays_placed";
}

core::Result<WifiPlan> PlanWifi(const std::vector<Commune>& communes,
                                const std::vector<Exchange>& exchanges,
                                const AdslParameters& params, const WifiPlanOptions& options) {
  auto errors = ValidateWifiOptions(options);
  if (!errors.empty()) return core::Invalid(std::move(errors));

  WifiPlan plan = PlanFor(communes, params, options);
  Planner planner(communes, options);
  planner.SetUncovered(exchanges, plan.reach_km, plan);
  planner.AddCandidates();
  plan.candidates = planner.Candidates();
  plan.given_candidates = options.sites.size();
  plan.population_share_before =
      plan.population > 0 ? plan.covered_population / plan.population : 0;

  const auto limit = static_cast<std::size_t>(options.relays.value_or(kMaxWifiRelays));
  Greedy greedy(planner, limit);
  greedy.Start(plan);
  PlaceRelays(planner, greedy, communes, options, limit, plan);

  plan.bound_relays = options.relays ? *options.relays : static_cast<int>(plan.relays.size());
  greedy.Tighten(plan.population_gained, static_cast<std::size_t>(plan.bound_relays), plan);
  SetBounds(greedy, plan);
  plan.uncovered_share_reached =
      plan.uncovered_population > 0 ? plan.population_gained / plan.uncovered_population : 0;
  plan.population_share_after =
      plan.population > 0 ? (plan.covered_population + plan.population_gained) / plan.population
                          : 0;
  return plan;
}

}  // namespace sohosolo::territory
