#pragma once

// WiFi relay planning: where to put relays so that they reach the most people left without a
// usable ADSL connection. Pure functions on EPSG:3035 (areas) and Lambert-93 (distances).
#include <boost/json/object.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// Where a candidate relay site comes from.
enum class RelaySiteOrigin {
  kCommune,  ///< A commune's representative point.
  kGiven,    ///< A point given by an advisor (a water tower, a church steeple, a hill).
};

/// A place where a relay could stand.
struct RelaySite {
  /// The commune's code, or for a given site its own id ("site-N" when it has none).
  std::string id;
  std::string name;
  LonLat point;
  RelaySiteOrigin origin = RelaySiteOrigin::kGiven;
};

/// Whether every commune's representative point is a candidate site.
enum class CommuneSites { kInclude, kExclude };

/// Limits of a plan, so that one request cannot occupy a server for minutes.
inline constexpr int kMaxWifiRelays = 1000;
inline constexpr std::size_t kMaxGivenSites = 5000;
inline constexpr double kMaxRelayRadiusKm = 50;

/// What a plan is asked: exactly one of `relays` (place that many) and `target_share` (place the
/// fewest that reach this share of the people left without the threshold rate).
struct WifiPlanOptions {
  double threshold_mbps = 2;
  Technology technology = Technology::kAdsl2Plus;
  double radius_km = 5;
  std::optional<int> relays;
  std::optional<double> target_share;
  /// Sites given in addition to (or instead of) the communes' points.
  std::vector<RelaySite> sites;
  CommuneSites commune_sites = CommuneSites::kInclude;
  /// Vertices of each relay disc, scaled to the circle's area (64: the edge stays within 0.08 %
  /// of the radius, 4 m at 5 km).
  int disc_vertices = 64;
};

/// Every problem of `options`, as field errors: threshold_mbps, radius_km, relays, target_share
/// (exactly one of those two), and each given site ("candidates[N]" counting from 0, its name
/// and position). Empty when the options can be planned.
std::vector<core::FieldError> ValidateWifiOptions(const WifiPlanOptions& options);

/// Reads given relay sites from CSV: columns `name`, `lon`, `lat`, optionally `id` (or `code`).
/// Each rejected row is a field error "line N: column".
core::Result<std::vector<RelaySite>> ParseRelaySitesCsv(std::string_view text);

/// What one relay brings to one commune.
struct RelayCommuneGain {
  std::string code;
  std::string name;
  double population = 0;  ///< Inhabitants newly reached (population spread over the area).
  double area_km2 = 0;    ///< Land newly reached.
};

/// One relay of a plan, in the order the plan places them.
struct PlannedRelay {
  RelaySite site;
  double population_gained = 0;  ///< Not reached by ADSL nor by the relays placed before.
  double area_gained_km2 = 0;
  double cumulative_population = 0;        ///< Reached by this relay and those before it.
  double cumulative_share = 0;             ///< cumulative_population / plan's uncovered_population.
  std::vector<RelayCommuneGain> communes;  ///< By population gained, largest first.
  Polygon disc;                            ///< The relay's reach in WGS84, for maps.
};

/// Why the plan has as many relays as it has.
enum class WifiPlanEnd {
  kRelaysPlaced,  ///< The number of relays asked.
  kTargetReached,
  kNothingLeft,  ///< No candidate reaches anyone more (the rest is out of every disc).
  kLimit,        ///< kMaxWifiRelays placed without reaching the target.
};

std::string_view ToString(WifiPlanEnd end);
std::string_view ToString(RelaySiteOrigin origin);

/// A relay plan and how far it can be from the best one.
struct WifiPlan {
  // The question.
  double threshold_mbps = 0;
  Technology technology = Technology::kAdsl2Plus;
  double reach_km = 0;  ///< ADSL reach at the threshold (coverage.hpp's discs).
  double radius_km = 0;
  std::optional<int> relays_asked;
  std::optional<double> target_share;
  ParametersUsed parameters;

  // The territory before the relays. Communes without population count for their land only.
  std::size_t communes = 0;
  std::size_t communes_without_population = 0;
  std::size_t communes_uncovered = 0;  ///< With some land out of ADSL reach.
  double population = 0;
  double covered_population = 0;    ///< Reached by ADSL at the threshold.
  double uncovered_population = 0;  ///< Not reached: what the relays are for.
  double uncovered_area_km2 = 0;
  std::size_t candidates = 0;        ///< Sites considered (communes' points and given sites).
  std::size_t given_candidates = 0;  ///< Of which given.

  // The plan.
  std::vector<PlannedRelay> relays;
  WifiPlanEnd end = WifiPlanEnd::kRelaysPlaced;
  double population_gained = 0;
  double area_gained_km2 = 0;
  double uncovered_share_reached = 0;  ///< population_gained / uncovered_population.
  double population_share_before = 0;  ///< covered_population / population.
  double population_share_after = 0;   ///< (covered_population + gained) / population.

  // How good it is: bounds on what the best plan of `bound_relays` relays from the same
  // candidates reaches (the number asked, or with a target the number placed).
  int bound_relays = 0;
  double best_single_relay_population = 0;  ///< What the best relay alone reaches.
  /// The classical guarantee of greedy maximum coverage: k relays placed greedily reach at least
  /// 1 − (1 − 1/k)^k ≥ 1 − 1/e of what the best k relays reach, so the best reach at most
  /// population_gained / (1 − 1/e). Absent when fewer relays than bound_relays were placed.
  std::optional<double> greedy_guarantee_bound;
  /// The best bound known for this instance: the smallest of the above, of the bounds from the
  /// marginal gains and from a Lagrangian relaxation (see bounds.cpp), and of the whole uncovered
  /// population.
  double upper_bound_population = 0;
  /// population_gained / upper_bound_population: the plan is at least this share of the best.
  double certified_ratio = 1;
  /// With a target: no plan of fewer relays than this reaches it (from the same bounds).
  std::optional<int> relays_lower_bound;
  std::size_t gain_evaluations = 0;  ///< Exact gain computations the lazy greedy needed.
};

/// Plans WiFi relays for `communes` (each with polygons; throws std::invalid_argument for one
/// without) served by `exchanges` (inside the territory or not) under the ADSL model `params`.
///
/// The people to reach are those outside every exchange's reach disc at the threshold (the parts
/// of communes that ExactCoverage leaves uncovered), population spread uniformly over each
/// commune's area. A relay reaches its disc of `radius_km` (straight line, Lambert-93) around its
/// site; its gain is Σ over communes of population × (area of the commune's still unreached part
/// inside the disc / commune area). Relays are chosen by lazy greedy maximum coverage: the
/// objective is monotone and submodular, so a candidate's last computed gain is an upper bound
/// of its gain now, and only candidates that may beat the best are recomputed. Ties go to the
/// larger area, then to the earlier candidate (communes in their order, then given sites).
///
/// kInvalid with ValidateWifiOptions's field errors when the options are not usable.
core::Result<WifiPlan> PlanWifi(const std::vector<Commune>& communes,
                                const std::vector<Exchange>& exchanges,
                                const AdslParameters& params, const WifiPlanOptions& options);

/// The plan as the API and `sohosolo plan-wifi --json` give it, without the GeoJSON.
boost::json::object WifiPlanJson(const WifiPlan& plan);

/// The sites (Points) and their discs (Polygons) as a GeoJSON FeatureCollection in WGS84; each
/// feature's properties carry `kind` ("relay" or "disc"), `rank` (from 1), `id` and `name`.
boost::json::object WifiPlanGeoJson(const WifiPlan& plan);

}  // namespace sohosolo::territory
