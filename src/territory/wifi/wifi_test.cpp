#include "territory/wifi/wifi.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "territory/connectivity/coverage.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/geo.hpp"
#include "territory/test_support.hpp"

namespace sohosolo::territory {

namespace {

using testing::HasField;
using testing::kGers;
using testing::ReadFile;

constexpr double kLat = 43.6;

// A square commune of `side_deg` degrees around (lon, kLat).
Commune Square(std::string code, double lon, std::int64_t population, double side_deg = 0.005) {
  const double h = side_deg / 2;
  Commune c;
  c.code = std::move(code);
  c.name = "Commune " + c.code;
  c.population = population;
  c.polygons.push_back({{{{lon - h, kLat - h},
                          {lon + h, kLat - h},
                          {lon + h, kLat + h},
                          {lon - h, kLat + h},
                          {lon - h, kLat - h}}}});
  c.point = {lon, kLat};
  return c;
}

RelaySite Site(std::string name, double lon) { return {"", std::move(name), {lon, kLat}}; }

// Four small communes (about 400 × 555 m) in a row 0.05° apart (4.03 km at 43.6°N), and one far
// east that no site reaches. With 3 km relays, a site halfway between two neighbours reaches
// both whole (2.01 km + a half-diagonal of 0.34 km < 3 km) and nothing else (the next commune's
// nearest corner is 6.04 − 0.2 = 5.8 km away). The sites are the classic trap of greedy maximum
// coverage: X (B + C = 10 inhabitants) is the best single relay, but Y (A + B = 9) and Z (C + D
// = 8) together reach 17, where X and then Y reach 14.
//
//   A(4)     B(5)     C(5)     D(3)               E(100)
//   0.00 Y   0.05 X   0.10 Z   0.15               0.50
//        0.025    0.075    0.125
std::vector<Commune> Row() {
  return {Square("A", 0.00, 4), Square("B", 0.05, 5), Square("C", 0.10, 5), Square("D", 0.15, 3),
          Square("E", 0.50, 100)};
}

WifiPlanOptions RowOptions() {
  WifiPlanOptions options;
  options.radius_km = 3;
  options.commune_sites = CommuneSites::kExclude;
  options.sites = {Site("Y", 0.025), Site("X", 0.075), Site("Z", 0.125)};
  return options;
}

WifiPlan Plan(const std::vector<Commune>& communes, const WifiPlanOptions& options,
              const std::vector<Exchange>& exchanges = {}) {
  auto plan = PlanWifi(communes, exchanges, DefaultAdslParameters(), options);
  EXPECT_TRUE(plan) << (plan ? "" : plan.error().message_key);
  return plan ? std::move(*plan) : WifiPlan{};
}

}  // namespace

TEST(TerritoryWifi, ARelayInsideACommuneReachesItsShareOfThePeople) {
  // One 0.3° square (about 24 × 33 km, ~805 km²) of 1,000 people, no exchange, one relay of 2 km
  // at its centre: it reaches π·2² = 12.566 km², so 1000 × 12.566 / area inhabitants.
  const std::vector<Commune> communes{Square("A", 0.5, 1000, 0.3)};
  WifiPlanOptions options;
  options.radius_km = 2;
  options.relays = 1;
  const auto plan = Plan(communes, options);
  ASSERT_EQ(plan.relays.size(), 1u);
  const double disc = std::numbers::pi * 4;
  EXPECT_NEAR(plan.uncovered_population, 1000, 1e-9);
  EXPECT_NEAR(plan.covered_population, 0, 1e-9);
  EXPECT_NEAR(plan.relays[0].area_gained_km2, disc, disc * 2e-3);
  EXPECT_NEAR(plan.relays[0].population_gained,
              1000 * plan.relays[0].area_gained_km2 / plan.uncovered_area_km2, 1e-9);
  EXPECT_NEAR(plan.relays[0].population_gained, 1000 * disc / 805, 0.2);
  EXPECT_EQ(plan.relays[0].site.id, "A");
  EXPECT_EQ(plan.relays[0].site.origin, RelaySiteOrigin::kCommune);
  // One relay: greedy is optimal, and every bound says so.
  EXPECT_NEAR(plan.upper_bound_population, plan.population_gained, 1e-9);
  EXPECT_DOUBLE_EQ(plan.certified_ratio, 1);
  // The disc for maps: closed, counter-clockwise, 65 positions, 2 km from the centre.
  const auto& ring = plan.relays[0].disc.rings.at(0);
  ASSERT_EQ(ring.size(), 65u);
  EXPECT_EQ(ring.front().lon, ring.back().lon);
  EXPECT_EQ(ring.front().lat, ring.back().lat);
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    twice_area += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
  EXPECT_GT(twice_area, 0);
  const double km_per_degree_lat = 111.1;
  EXPECT_NEAR((ring[16].lat - kLat) * km_per_degree_lat, 2, 0.02);  // due north
}

TEST(TerritoryWifi, GreedyOnTheHandCheckedRow) {
  auto options = RowOptions();
  options.relays = 1;
  const auto one = Plan(Row(), options);
  ASSERT_EQ(one.relays.size(), 1u);
  EXPECT_EQ(one.relays[0].site.name, "X");
  EXPECT_EQ(one.relays[0].site.id, "site-2");
  EXPECT_NEAR(one.population_gained, 10, 1e-9);
  EXPECT_NEAR(one.uncovered_population, 117, 1e-9);
  EXPECT_NEAR(one.best_single_relay_population, 10, 1e-9);
  ASSERT_EQ(one.relays[0].communes.size(), 2u);
  EXPECT_NEAR(one.relays[0].communes[0].population, 5, 1e-9);
  EXPECT_NEAR(one.relays[0].communes[1].population, 5, 1e-9);

  options.relays = 2;
  const auto two = Plan(Row(), options);
  ASSERT_EQ(two.relays.size(), 2u);
  EXPECT_EQ(two.relays[0].site.name, "X");
  EXPECT_EQ(two.relays[1].site.name, "Y");
  EXPECT_NEAR(two.relays[1].population_gained, 4, 1e-9);  // A only: B is already reached
  EXPECT_EQ(two.relays[1].communes.size(), 1u);
  EXPECT_EQ(two.relays[1].communes[0].code, "A");
  EXPECT_NEAR(two.population_gained, 14, 1e-9);
  EXPECT_NEAR(two.relays[1].cumulative_population, 14, 1e-9);
  EXPECT_NEAR(two.uncovered_share_reached, 14.0 / 117, 1e-12);
  EXPECT_EQ(two.end, WifiPlanEnd::kRelaysPlaced);
  // The best two relays, Y and Z, reach 17. The classical guarantee only says ≤ 14 / 0.75; the
  // sum of the two best single gains says ≤ 19; after the last step the marginal gains (Z: 3)
  // say ≤ 14 + 3 = 17: the optimum exactly.
  ASSERT_TRUE(two.greedy_guarantee_bound);
  EXPECT_NEAR(*two.greedy_guarantee_bound, 14 / 0.75, 1e-9);
  EXPECT_NEAR(two.upper_bound_population, 17, 1e-9);
  EXPECT_NEAR(two.certified_ratio, 14.0 / 17, 1e-9);

  // A third relay reaches D; a fourth has nothing left to reach (E is out of every disc).
  options.relays = 4;
  const auto all = Plan(Row(), options);
  EXPECT_EQ(all.relays.size(), 3u);
  EXPECT_EQ(all.end, WifiPlanEnd::kNothingLeft);
  EXPECT_NEAR(all.population_gained, 17, 1e-9);
  EXPECT_NEAR(all.upper_bound_population, 17, 1e-9);
  EXPECT_FALSE(all.greedy_guarantee_bound);
}

TEST(TerritoryWifi, TargetShareStopsAtTheFewestRelaysItCanProve) {
  auto options = RowOptions();
  options.target_share = 0.1;  // 11.7 of the 117 people out of reach
  const auto plan = Plan(Row(), options);
  ASSERT_EQ(plan.relays.size(), 2u);
  EXPECT_EQ(plan.end, WifiPlanEnd::kTargetReached);
  EXPECT_NEAR(plan.population_gained, 14, 1e-9);
  // No single relay reaches 11.7 (the best reaches 10): two is the fewest, and the plan has two.
  ASSERT_TRUE(plan.relays_lower_bound);
  EXPECT_EQ(*plan.relays_lower_bound, 2);
  EXPECT_EQ(plan.bound_relays, 2);

  // A target beyond what the sites can reach stops when nothing is left.
  options.target_share = 0.5;
  const auto short_of = Plan(Row(), options);
  EXPECT_EQ(short_of.end, WifiPlanEnd::kNothingLeft);
  EXPECT_NEAR(short_of.population_gained, 17, 1e-9);
  EXPECT_FALSE(short_of.relays_lower_bound);
}

TEST(TerritoryWifi, TheBoundHoldsAgainstEveryPairOnAGrid) {
  // A 4 × 4 grid of communes 0.04° apart with uneven populations, and 9 sites between them:
  // the best pair, found by trying all 36, never beats the plan's upper bound, and the plan is
  // never worse than the best single relay.
  std::vector<Commune> communes;
  for (int row = 0; row < 4; ++row) {
    for (int col = 0; col < 4; ++col) {
      auto c =
          Square(std::to_string(row * 4 + col), 0.04 * col, 10 + (row * 7 + col * 13) % 23, 0.03);
      for (auto& ring : c.polygons[0].rings)
        for (auto& p : ring) p.lat += 0.04 * row;
      communes.push_back(std::move(c));
    }
  }
  WifiPlanOptions options;
  options.radius_km = 2.5;
  options.commune_sites = CommuneSites::kExclude;
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 3; ++col)
      options.sites.push_back(
          {"", "s" + std::to_string(row * 3 + col), {0.02 + 0.04 * col, kLat + 0.02 + 0.04 * row}});
  }
  options.relays = 2;
  const auto plan = Plan(communes, options);
  ASSERT_EQ(plan.relays.size(), 2u);
  double best_pair = 0;
  double best_single = 0;
  for (std::size_t a = 0; a < options.sites.size(); ++a) {
    WifiPlanOptions one = options;
    one.sites = {options.sites[a]};
    one.relays = 1;
    best_single = std::max(best_single, Plan(communes, one).population_gained);
    for (std::size_t b = a + 1; b < options.sites.size(); ++b) {
      WifiPlanOptions pair = options;
      pair.sites = {options.sites[a], options.sites[b]};
      best_pair = std::max(best_pair, Plan(communes, pair).population_gained);
    }
  }
  EXPECT_NEAR(plan.best_single_relay_population, best_single, 1e-9);
  EXPECT_GE(plan.population_gained, best_single);
  EXPECT_GE(plan.upper_bound_population, best_pair - 1e-9);
  EXPECT_GE(plan.population_gained, (1 - 1 / std::numbers::e) * best_pair);
}

TEST(TerritoryWifi, PeopleWithinAdslReachAreNotCountedAgain) {
  // Two adjacent 0.1° squares, an exchange at the centre of the left one: at 8 Mbit/s part of
  // the left is reached by ADSL, none of the right. A relay at the left centre only gains what
  // ADSL leaves, and the uncovered figures are ExactCoverage's.
  const std::vector<Commune> communes{Square("L", 0.5, 100, 0.1), Square("R", 0.6, 5000, 0.1)};
  const std::vector<Exchange> exchanges{{"X", "x", 0.5, kLat, true}};
  WifiPlanOptions options;
  options.threshold_mbps = 8;
  options.relays = 1;
  options.radius_km = 1;
  options.commune_sites = CommuneSites::kExclude;
  options.sites = {Site("left centre", 0.5)};
  const auto plan = Plan(communes, options, exchanges);
  CoverageOptions coverage;
  coverage.threshold_mbps = 8;
  const auto exact =
      ExactCoverage(Territory(communes), exchanges, DefaultAdslParameters(), coverage);
  ASSERT_GT(exact.reach_km, 1);  // the relay's disc is inside the exchange's
  EXPECT_NEAR(plan.reach_km, exact.reach_km, 1e-12);
  EXPECT_NEAR(plan.covered_population, *exact.covered_population, 1e-6);
  EXPECT_EQ(plan.communes_uncovered, 2u);
  EXPECT_TRUE(plan.relays.empty());
  EXPECT_EQ(plan.end, WifiPlanEnd::kNothingLeft);
}

TEST(TerritoryWifi, OptionsAndSitesAreValidated) {
  WifiPlanOptions options;
  EXPECT_TRUE(HasField({core::ErrorCode::kInvalid, "", ValidateWifiOptions(options), {}}, "relays",
                       "error.territory.relays_or_target"));
  options.relays = 0;
  options.target_share = 0.5;
  options.radius_km = std::nan("");
  options.threshold_mbps = 0;
  options.commune_sites = CommuneSites::kExclude;
  const core::Error all{core::ErrorCode::kInvalid, "", ValidateWifiOptions(options), {}};
  EXPECT_TRUE(HasField(all, "relays", "error.territory.relays_or_target"));
  EXPECT_TRUE(HasField(all, "relays", "error.territory.bad_relays"));
  EXPECT_TRUE(HasField(all, "radius_km", "error.territory.bad_radius"));
  EXPECT_TRUE(HasField(all, "threshold_mbps", "error.territory.bad_threshold"));
  EXPECT_TRUE(HasField(all, "candidates", "error.territory.no_sites"));

  options = {};
  options.target_share = 1.5;
  options.sites = {{"t", "", {0.5, 43.6}}, {"t", "Tower", {200, 43.6}}};
  const core::Error sites{core::ErrorCode::kInvalid, "", ValidateWifiOptions(options), {}};
  EXPECT_TRUE(HasField(sites, "target_share", "error.territory.bad_target_share"));
  EXPECT_TRUE(HasField(sites, "candidates[0].name", "error.territory.missing_site_name"));
  EXPECT_TRUE(HasField(sites, "candidates[1].id", "error.territory.duplicate_site"));
  EXPECT_TRUE(HasField(sites, "candidates[1]", "error.territory.lon_lat_out_of_range"));
  const auto refused = PlanWifi(Row(), {}, DefaultAdslParameters(), options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalid);

  options = RowOptions();
  options.relays = 1;
  const std::vector<Commune> points{Commune{"P", "point", 1, {}, 0, {0.5, 43.5}}};
  EXPECT_THROW((void)PlanWifi(points, {}, DefaultAdslParameters(), options), std::invalid_argument);
}

TEST(TerritoryWifi, SitesFromCsv) {
  const auto sites = ParseRelaySitesCsv(
      "name,lon,lat,id\nChâteau d'eau de Lupiac,0.1789,43.6801,ce-lupiac\nClocher,0.5,43.6,\n");
  ASSERT_TRUE(sites);
  ASSERT_EQ(sites->size(), 2u);
  EXPECT_EQ((*sites)[0].name, "Château d'eau de Lupiac");
  EXPECT_EQ((*sites)[0].id, "ce-lupiac");
  EXPECT_DOUBLE_EQ((*sites)[0].point.lat, 43.6801);
  EXPECT_EQ((*sites)[1].id, "");

  const auto bad = ParseRelaySitesCsv("name,lon,lat\n,0.1,43\nTower,181,43\n");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(HasField(bad.error(), "line 2: name", "error.territory.missing_site_name"));
  EXPECT_TRUE(HasField(bad.error(), "line 3: lon", "error.territory.lon_lat_out_of_range"));
  const auto columns = ParseRelaySitesCsv("nom,x,y\nTower,0.1,43\n");
  ASSERT_FALSE(columns);
  EXPECT_TRUE(HasField(columns.error(), "name", "error.csv.missing_column"));
  EXPECT_TRUE(HasField(columns.error(), "lat", "error.csv.missing_column"));
}

TEST(TerritoryWifi, GeoJsonHasADiscAndASitePerRelay) {
  auto options = RowOptions();
  options.relays = 2;
  const auto plan = Plan(Row(), options);
  const auto geojson = WifiPlanGeoJson(plan);
  EXPECT_EQ(geojson.at("type").as_string(), "FeatureCollection");
  const auto& features = geojson.at("features").as_array();
  ASSERT_EQ(features.size(), 4u);
  EXPECT_EQ(features[0].at("properties").at("kind").as_string(), "disc");
  EXPECT_EQ(features[0].at("geometry").at("type").as_string(), "Polygon");
  EXPECT_EQ(features[2].at("properties").at("kind").as_string(), "relay");
  EXPECT_EQ(features[2].at("properties").at("name").as_string(), "X");
  EXPECT_EQ(features[3].at("properties").at("rank").to_number<int>(), 2);
  const auto json = WifiPlanJson(plan);
  EXPECT_EQ(json.at("relays").as_array().size(), 2u);
  EXPECT_EQ(json.at("totals").at("end").as_string(), "relays_placed");
  EXPECT_NEAR(json.at("bounds").at("upper_bound_population").to_number<double>(), 17, 1e-9);
}

// The Gers with the partial exchange list (27 from OpenStreetMap, about 10 % of the real ones):
// at 2 Mbit/s ADSL leaves most of the département, so relays have much to reach.
class TerritoryWifiGers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kGers)) return;
    auto communes = ParseCommunesGeoJson(ReadFile(kGers / "communes-32-gers-cog2026.geojson"));
    auto exchanges = ParseExchangesCsv(ReadFile(kGers / "nra-osm-gers.csv"));
    ASSERT_TRUE(communes);
    ASSERT_TRUE(exchanges);
    communes_ = new std::vector<Commune>(std::move(*communes));
    exchanges_ = new std::vector<Exchange>(std::move(*exchanges));
    WifiPlanOptions options;
    options.relays = 10;
    auto plan = PlanWifi(*communes_, *exchanges_, DefaultAdslParameters(), options);
    ASSERT_TRUE(plan);
    plan_ = new WifiPlan(std::move(*plan));
  }
  static void TearDownTestSuite() {
    delete communes_;
    delete exchanges_;
    delete plan_;
    communes_ = nullptr;
    exchanges_ = nullptr;
    plan_ = nullptr;
  }
  void SetUp() override { SOHOSOLO_NEEDS_SHARED_DATA(!plan_, kGers); }

  static inline std::vector<Commune>* communes_ = nullptr;
  static inline std::vector<Exchange>* exchanges_ = nullptr;
  static inline WifiPlan* plan_ = nullptr;
};

TEST_F(TerritoryWifiGers, StartsFromExactCoverage) {
  const auto& plan = *plan_;
  CoverageOptions options;
  options.threshold_mbps = 2;
  const auto exact =
      ExactCoverage(Territory(*communes_), *exchanges_, DefaultAdslParameters(), options);
  EXPECT_EQ(plan.communes, 458u);
  EXPECT_DOUBLE_EQ(plan.population, 192645);
  EXPECT_NEAR(plan.covered_population, *exact.covered_population, 0.01);
  double uncovered_km2 = 0;
  for (const auto& c : exact.communes) uncovered_km2 += c.area_km2 - c.covered_km2;
  EXPECT_NEAR(plan.uncovered_area_km2, uncovered_km2, 0.01);
  EXPECT_EQ(plan.candidates, 458u);
}

TEST_F(TerritoryWifiGers, TenRelaysRaiseTheCoveredPopulation) {
  const auto& plan = *plan_;
  ASSERT_EQ(plan.relays.size(), 10u);
  EXPECT_GT(plan.population_share_after, plan.population_share_before);
  EXPECT_NEAR(plan.population_share_after,
              (plan.covered_population + plan.population_gained) / 192645, 1e-12);
  // Never worse than the single best relay, which is the first one placed.
  EXPECT_NEAR(plan.relays[0].population_gained, plan.best_single_relay_population, 1e-6);
  EXPECT_GE(plan.population_gained, plan.best_single_relay_population);
  double sum = 0;
  for (std::size_t i = 0; i < plan.relays.size(); ++i) {
    const auto& r = plan.relays[i];
    // Each step gains no more than the step before (submodularity), up to rounding.
    if (i > 0) {
      EXPECT_LE(r.population_gained, plan.relays[i - 1].population_gained + 1e-6) << i;
    }
    double pieces = 0;
    for (const auto& c : r.communes) pieces += c.population;
    EXPECT_NEAR(pieces, r.population_gained, 1e-6);
    // A 5 km disc holds 78.5 km²: no relay gains more land than that.
    EXPECT_LE(r.area_gained_km2, std::numbers::pi * 25 * 1.003);
    sum += r.population_gained;
    EXPECT_NEAR(r.cumulative_population, sum, 1e-6);
  }
  EXPECT_NEAR(plan.population_gained, sum, 1e-6);
  // The bounds: valid, and the instance's own is tighter than the classical guarantee.
  ASSERT_TRUE(plan.greedy_guarantee_bound);
  EXPECT_GE(plan.upper_bound_population, plan.population_gained);
  EXPECT_LE(plan.upper_bound_population, *plan.greedy_guarantee_bound);
  EXPECT_GE(plan.certified_ratio, 1 - std::pow(0.9, 10));
  // The Lagrangian bound certifies far more than the classical 65 % (94 % when written).
  EXPECT_GT(plan.certified_ratio, 0.9);
  EXPECT_LE(plan.certified_ratio, 1);
  // Lazy evaluation: far fewer gain computations than 10 rounds over 458 candidates.
  EXPECT_LT(plan.gain_evaluations, 458u * 3);
}

}  // namespace sohosolo::territory
