// How far a plan can be from the best one: bounds from the lazy queue's keys, from a Lagrangian
// relaxation, and the classical greedy guarantee.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "territory/wifi/greedy_impl.hpp"

namespace sohosolo::territory::wifi_internal {

// Let f(S) be the population the relays S reach beyond ADSL. f is monotone and submodular (a
// weighted area of a union of discs), so for any set S and the best plan O of m relays
//
//   f(O) ≤ f(S ∪ O) ≤ f(S) + Σ_{o ∈ O} Δ(o | S) ≤ f(S) + (sum of the m largest Δ(c | S))
//
// where Δ(c | S) = f(S ∪ {c}) − f(S) is c's marginal gain (Nemhauser, Wolsey and Fisher 1978;
// the "online bound" of Leskovec et al. 2007). The lazy queue holds for every candidate a gain
// computed at some earlier step, and by submodularity that stale gain is ≥ Δ(c | S) now, so the
// sum of the m largest keys in the queue is a valid bound after every step, at no extra gain
// computation. After the last step the top m keys are recomputed until all are current, which
// makes the last bound as tight as this argument allows. The plan reports the smallest bound
// over all steps (step 0 is "the sum of the m best single gains"), the classical greedy
// guarantee f(G_k) ≥ (1 − (1 − 1/k)^k)·f(O_k), and the whole uncovered population, whichever
// is smallest. With a target T the same bounds say that no m relays reach T when
// f(S_i) + (sum of the m largest keys at step i) < T for some step i.
//
// That bound counts the people several of the m best candidates share once per candidate, and
// the best candidates of a dense area share most of them. A tighter one keeps the communes:
// with a_ic the land of commune i's unreached part R_i inside candidate c's disc,
//
//   f(S ∪ O) − f(S) = Σ_i d_i · area(R_i ∩ ∪_{o ∈ O} disc_o) ≤ Σ_i d_i · min(area(R_i), Σ_{o ∈ O}
//   a_io)
//
// (d_i people per km²). The best O for the right side is at most the optimum of the linear
// programme max Σ_i d_i z_i, z_i ≤ area(R_i), z_i ≤ Σ_c a_ic x_c, Σ_c x_c = m, 0 ≤ x ≤ 1, and by
// weak duality at most, for any multipliers 0 ≤ u_i ≤ d_i,
//
//   L(u) = Σ_i (d_i − u_i) · area(R_i) + (sum of the m largest Σ_i u_i a_ic over candidates c).
//
// u = d gives the sum of the m best gains again; a subgradient descent on u (Held and Karp's
// method, Polyak steps) brings L(u) down towards the programme's optimum. Every L(u) is a valid
// bound, so stopping early only loosens it. It is computed at step 0 (R_i = the uncovered parts)
// from the gains computed to start the queue, so it costs no geometry. On the Gers it comes
// within 0.3 % of the programme's optimum (checked with GLPK) in 300 iterations, and cuts the
// gap left by the marginal-gain bound by three quarters. (The same relaxation after the last
// step, with every candidate recomputed, was tried: it was looser for 5 to 30 relays.) With a
// target, the step 0 bound for fewer relays than the plan also says how many relays at least
// any plan needs.

namespace {

/// The smallest bound over the steps on what `m` relays reach.
double BoundFor(const std::vector<StepBound>& bounds, std::size_t m) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& b : bounds) {
    if (m < b.prefix.size()) {
      best = std::min(best, b.value + b.prefix[m]);
    } else if (b.complete) {
      best = std::min(best, b.value + b.prefix.back());
    }
  }
  return best;
}

/// The fewest relays that the bounds allow to reach `target`: at step i, m relays reach at most
/// f(S_i) + prefix[m], so any plan reaching the target needs the smallest such m that gets there.
int RelaysLowerBound(const std::vector<StepBound>& bounds, double target) {
  std::size_t lower = 0;
  for (const auto& b : bounds) {
    std::size_t m = 0;
    while (m < b.prefix.size() && b.value + b.prefix[m] < target) ++m;
    // Past the keys kept it takes more relays than kept; when every key was kept and even all
    // together miss the target, the bound says nothing (the plan reached it: rounding).
    if (m == b.prefix.size() && b.complete) continue;
    lower = std::max(lower, m);
  }
  return static_cast<int>(lower);
}

/// min over the multipliers tried of L(u) (see the top of this file) for `m` relays. `floor` is a
/// value some plan reaches (≤ the programme's optimum), for the step sizes.
double LagrangianBound(const Relaxation& r, std::size_t m, double floor) {
  constexpr int kIterations = 300;
  constexpr int kPatience = 8;  ///< Iterations without progress before the step halves.
  const std::size_t n = r.density.size();
  const std::size_t candidates = r.rows.size();
  m = std::min(m, candidates);
  std::vector<double> u = r.density;
  std::vector<double> score(candidates);
  std::vector<std::size_t> order(candidates);
  std::vector<double> slope(n);
  double best = std::numeric_limits<double>::infinity();
  double theta = 1;
  int since = 0;
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    for (std::size_t c = 0; c < candidates; ++c) {
      score[c] = 0;
      for (const auto& o : r.rows[c]) score[c] += u[o.commune] * o.area_km2;
      order[c] = c;
    }
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(m), order.end(),
                     [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    double value = 0;
    for (std::size_t i = 0; i < n; ++i) value += (r.density[i] - u[i]) * r.capacity_km2[i];
    for (std::size_t j = 0; j < m; ++j) value += score[order[j]];
    if (value < best * (1 - 1e-9)) {
      best = value;
      since = 0;
    } else if (++since >= kPatience) {
      theta /= 2;
      since = 0;
    }
    // A subgradient: the chosen candidates' land, minus each commune's land where z_i is taken.
    for (std::size_t i = 0; i < n; ++i) slope[i] = u[i] < r.density[i] ? -r.capacity_km2[i] : 0;
    for (std::size_t j = 0; j < m; ++j)
      for (const auto& o : r.rows[order[j]]) slope[o.commune] += o.area_km2;
    double norm = 0;
    for (const double g : slope) norm += g * g;
    if (norm <= 0 || best <= floor) break;  // optimal, or as tight as it can get
    const double step = theta * (value - floor) / norm;
    for (std::size_t i = 0; i < n; ++i)
      u[i] = std::clamp(u[i] - step * slope[i], 0.0, r.density[i]);
  }
  return best;
}

/// The fewest relays any plan needs to reach `target`: one more than the most relays for which
/// the step 0 Lagrangian bound stays under the target (binary search between what the greedy
/// steps already prove and the plan's own count).
int RelaysNeeded(const Relaxation& initial, int proven, int placed, double target) {
  int low = proven;  // every plan needs at least this many
  int high = placed - 1;
  while (low <= high) {
    const int m = low + (high - low) / 2;
    if (LagrangianBound(initial, static_cast<std::size_t>(m), 0) < target) {
      proven = m + 1;
      low = m + 1;
    } else {
      high = m - 1;
    }
  }
  return proven;
}

}  // namespace

void SetBounds(const Greedy& greedy, WifiPlan& plan) {
  const auto k = plan.relays.size();
  const auto m = static_cast<std::size_t>(plan.bound_relays);
  plan.upper_bound_population =
      std::min({plan.uncovered_population, BoundFor(greedy.bounds(), m),
                LagrangianBound(greedy.initial(), m, plan.population_gained)});
  if (k == m && k > 0) {
    const double factor = 1 - std::pow(1 - 1.0 / static_cast<double>(k), static_cast<double>(k));
    plan.greedy_guarantee_bound = plan.population_gained / factor;
    plan.upper_bound_population =
        std::min(plan.upper_bound_population, *plan.greedy_guarantee_bound);
  }
  // Rounding must not make the bound fall below what the plan does.
  plan.upper_bound_population = std::max(plan.upper_bound_population, plan.population_gained);
  plan.certified_ratio =
      plan.upper_bound_population > 0 ? plan.population_gained / plan.upper_bound_population : 1;
  if (plan.target_share && plan.end == WifiPlanEnd::kTargetReached) {
    const double target = *plan.target_share * plan.uncovered_population * (1 - 1e-9);
    const int proven = RelaysLowerBound(greedy.bounds(), target);
    plan.relays_lower_bound =
        RelaysNeeded(greedy.initial(), proven, static_cast<int>(plan.relays.size()), target);
  }
}

}  // namespace sohosolo::territory::wifi_internal
