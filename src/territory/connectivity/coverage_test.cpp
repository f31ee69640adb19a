#include "territory/connectivity/coverage.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>

#include "territory/connectivity/connectivity.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/geo.hpp"
#include "territory/test_support.hpp"

namespace sohosolo::territory {

namespace {

using testing::HasField;
using testing::kGers;
using testing::kReference;
using testing::ReadFile;

// A square commune of `side_deg` degrees around (lon, lat).
Commune Square(std::string code, double lon, double lat, double side_deg, std::int64_t population) {
  const double h = side_deg / 2;
  Commune c;
  c.code = std::move(code);
  c.name = c.code;
  c.population = population;
  c.polygons.push_back({{{{lon - h, lat - h},
                          {lon + h, lat - h},
                          {lon + h, lat + h},
                          {lon - h, lat + h},
                          {lon - h, lat - h}}}});
  return c;
}

}  // namespace

// The Gers is read once for the suite: parsing and the union of 458 communes are the slow part.
class TerritoryCoverageGers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kGers)) return;
    auto communes = ParseCommunesGeoJson(ReadFile(kGers / "communes-32-gers-cog2026.geojson"));
    auto exchanges = ParseExchangesCsv(ReadFile(kGers / "nra-osm-gers.csv"));
    ASSERT_TRUE(communes);
    ASSERT_TRUE(exchanges);
    territory_ = new Territory(std::move(*communes));
    exchanges_ = new std::vector<Exchange>(std::move(*exchanges));
  }
  static void TearDownTestSuite() {
    delete territory_;
    delete exchanges_;
    territory_ = nullptr;
    exchanges_ = nullptr;
  }
  void SetUp() override { SOHOSOLO_NEEDS_SHARED_DATA(!territory_, kGers); }

  static inline Territory* territory_ = nullptr;
  static inline std::vector<Exchange>* exchanges_ = nullptr;
};

TEST_F(TerritoryCoverageGers, OutlineAndExchangesInside) {
  EXPECT_NEAR(territory_->AreaKm2(), 6300.65, 6300.65 * 0.001);
  // PROVENANCE.md: 11 of the 27 exchanges lie in the Gers.
  auto exchanges = *exchanges_;
  MarkInTerritory(*territory_, exchanges);
  EXPECT_EQ(std::count_if(exchanges.begin(), exchanges.end(),
                          [](const Exchange& e) { return e.in_territory; }),
            11);
  EXPECT_TRUE(territory_->Contains({0.585, 43.646}));   // Auch
  EXPECT_FALSE(territory_->Contains({1.444, 43.604}));  // Toulouse
}

TEST_F(TerritoryCoverageGers, ExactAndRasterAgreeWithinTheBoundAt2Mbps) {
  const auto& params = DefaultAdslParameters();
  CoverageOptions options;
  options.threshold_mbps = 2;
  options.official_area_km2 = 6257;
  options.covered_outline = true;
  const auto exact = ExactCoverage(*territory_, *exchanges_, params, options);
  EXPECT_NEAR(exact.reach_km, 66.8 / 15 / std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(exact.territory_area_km2, 6300.65, 6.3);
  // The 11 exchanges inside, and Aire-sur-l'Adour's (Landes) across the western border.
  EXPECT_EQ(exact.exchanges_reaching, 12u);
  EXPECT_GT(exact.covered_area_km2, 0);
  // Discs cannot cover more than 12 × π × r².
  EXPECT_LT(exact.covered_area_km2, 12 * std::numbers::pi * exact.reach_km * exact.reach_km);
  ASSERT_TRUE(exact.population_share);
  EXPECT_EQ(*exact.population, 192645);
  // The exchanges sit in towns, so the population share exceeds the area share.
  EXPECT_GT(*exact.population_share, exact.area_share);
  EXPECT_NEAR(*exact.official_area_share, exact.covered_area_km2 / 6257, 1e-12);

  double sum = 0;
  for (const auto& c : exact.communes) {
    EXPECT_GE(c.covered_share, 0);
    EXPECT_LE(c.covered_share, 1);
    sum += c.covered_km2;
  }
  // The communes tile the outline, so their covered parts add up to the covered area.
  EXPECT_NEAR(sum, exact.covered_area_km2, 0.01);

  for (double cell_m : {100.0, 50.0}) {
    const auto raster = RasterCoverage(*territory_, *exchanges_, params, options, cell_m);
    const double bound = RasterAreaErrorBoundKm2(cell_m, exact);
    EXPECT_LE(std::abs(raster.covered_area_km2 - exact.covered_area_km2), bound) << cell_m;
    EXPECT_EQ(raster.communes_without_cells, 0);
    ASSERT_TRUE(raster.population_share);
    EXPECT_NEAR(*raster.population_share, *exact.population_share, 0.005) << cell_m;
    // The territory's own area obeys the same kind of bound with its outline.
    const double d = std::numbers::sqrt2 * cell_m / 1000;
    EXPECT_LE(std::abs(raster.territory_area_km2 - exact.territory_area_km2),
              2 * d * territory_->OutlineKm());
  }
}

TEST_F(TerritoryCoverageGers, SumOfTheSharesIsTheUnionsAreaWhenCommunesTile) {
  // The Gers' communes tile it: without the outline, the covered area is the sum of the
  // communes' shares, and it is the union's area; the shares themselves do not change.
  CoverageOptions options;
  options.threshold_mbps = 2;
  const auto summed = ExactCoverage(*territory_, *exchanges_, DefaultAdslParameters(), options);
  options.covered_outline = true;
  const auto united = ExactCoverage(*territory_, *exchanges_, DefaultAdslParameters(), options);
  EXPECT_FALSE(summed.covered_outline_measured);
  EXPECT_TRUE(united.covered_outline_measured);
  EXPECT_GT(united.covered_boundary_km, 0);
  EXPECT_NEAR(summed.covered_area_km2, united.covered_area_km2, united.covered_area_km2 * 1e-9);
  ASSERT_EQ(summed.communes.size(), united.communes.size());
  for (std::size_t i = 0; i < summed.communes.size(); ++i)
    EXPECT_EQ(summed.communes[i].covered_km2, united.communes[i].covered_km2) << i;
  // A raster bound from a result without its outline would be too small: refused.
  EXPECT_THROW(RasterAreaErrorBoundKm2(25, summed), std::invalid_argument);
}

TEST_F(TerritoryCoverageGers, CommunesTooFarAreSortedByUncoveredPopulation) {
  CoverageOptions options;
  options.threshold_mbps = 8;
  const auto exact = ExactCoverage(*territory_, *exchanges_, DefaultAdslParameters(), options);
  const auto far = CommunesTooFar(exact, 0.5);
  ASSERT_FALSE(far.empty());
  EXPECT_LT(far.size(), exact.communes.size());
  for (std::size_t i = 1; i < far.size(); ++i) {
    EXPECT_GE(far[i - 1].uncovered_population, far[i].uncovered_population);
  }
  for (const auto& c : far) EXPECT_LT(c.covered_share, 0.5);
  // Auch has two exchanges in town: part of it is within reach, though not half of its land.
  const auto auch = std::find_if(exact.communes.begin(), exact.communes.end(),
                                 [](const CommuneCoverage& c) { return c.code == "32013"; });
  ASSERT_NE(auch, exact.communes.end());
  EXPECT_GT(auch->covered_share, 0.05);
  // It is also the commune with the most people out of reach.
  EXPECT_EQ(far.front().code, "32013");
}

TEST(TerritoryCoverage, OneDiscInsideASquareHasTheCircleArea) {
  // A 0.3° square (about 24 × 33 km) with one exchange in the middle: the covered area is the
  // whole reach disc, π r², whatever the projections do, and the raster finds the same.
  const Territory territory({Square("A", 0.5, 43.6, 0.3, 1000)});
  const std::vector<Exchange> exchanges{{"X", "x", 0.5, 43.6, true}};
  const auto& params = DefaultAdslParameters();
  CoverageOptions options;
  options.threshold_mbps = 2;
  const auto exact = ExactCoverage(territory, exchanges, params, options);
  const double circle = std::numbers::pi * exact.reach_km * exact.reach_km;
  EXPECT_NEAR(exact.covered_area_km2, circle, circle * 1e-3);
  EXPECT_NEAR(*exact.population_share, exact.area_share, 1e-12);
  EXPECT_NEAR(exact.communes[0].uncovered_population, 1000 * (1 - exact.area_share), 1e-9);
  const auto raster = RasterCoverage(territory, exchanges, params, options, 25);
  EXPECT_NEAR(raster.covered_area_km2, circle, circle * 5e-3);
}

TEST(TerritoryCoverage, OverlappingDiscsCountOnceAndPartsOutsideDoNot) {
  // Two exchanges 1 km apart (well under the 6.3 km reach diameter) and one 30 km away,
  // outside the square: it adds nothing.
  const Territory territory({Square("A", 0.5, 43.6, 0.3, 1000)});
  const std::vector<Exchange> one{{"X", "x", 0.5, 43.6, true}};
  const std::vector<Exchange> three{
      {"X", "x", 0.5, 43.6, true}, {"Y", "y", 0.5, 43.609, true}, {"Z", "z", 0.9, 43.6, false}};
  CoverageOptions options;
  options.covered_outline = true;
  const auto single = ExactCoverage(territory, one, DefaultAdslParameters(), options);
  const auto overlap = ExactCoverage(territory, three, DefaultAdslParameters(), options);
  EXPECT_EQ(overlap.exchanges_reaching, 2u);
  EXPECT_GT(overlap.covered_area_km2, single.covered_area_km2);
  EXPECT_LT(overlap.covered_area_km2, 1.5 * single.covered_area_km2);
  const auto raster = RasterCoverage(territory, three, DefaultAdslParameters(), options, 25);
  EXPECT_LE(std::abs(raster.covered_area_km2 - overlap.covered_area_km2),
            RasterAreaErrorBoundKm2(25, overlap));
}

TEST(TerritoryCoverage, OverlappingCommunesCountTheOverlapOnce) {
  // Two squares overlapping over half their width, the exchange in the overlap: the communes do
  // not tile the territory, so the covered area is the union's, not the sum of the shares.
  const Territory territory({Square("A", 0.5, 43.6, 0.2, 100), Square("B", 0.6, 43.6, 0.2, 100)});
  const std::vector<Exchange> exchanges{{"X", "x", 0.55, 43.6, true}};
  const auto exact = ExactCoverage(territory, exchanges, DefaultAdslParameters(), {});
  EXPECT_TRUE(exact.covered_outline_measured);
  const double circle = std::numbers::pi * exact.reach_km * exact.reach_km;
  EXPECT_NEAR(exact.covered_area_km2, circle, circle * 1e-3);
  EXPECT_GT(exact.communes[0].covered_km2 + exact.communes[1].covered_km2, 1.5 * circle);
}

TEST(TerritoryCoverage, ShareOfTwoCommunesSplitByTheReach) {
  // Two adjacent squares, the exchange at the centre of the left one: only the left is covered,
  // and communes under 50 % come first by uncovered population.
  const Territory territory({Square("L", 0.5, 43.6, 0.1, 100), Square("R", 0.6, 43.6, 0.1, 5000)});
  const std::vector<Exchange> exchanges{{"X", "x", 0.5, 43.6, true}};
  CoverageOptions options;
  options.threshold_mbps = 8;
  const auto exact = ExactCoverage(territory, exchanges, DefaultAdslParameters(), options);
  ASSERT_EQ(exact.communes.size(), 2u);
  EXPECT_GT(exact.communes[0].covered_share, 0);
  EXPECT_DOUBLE_EQ(exact.communes[1].covered_share, 0);
  const auto far = CommunesTooFar(exact, 0.5);
  ASSERT_EQ(far.size(), 2u);
  EXPECT_EQ(far[0].code, "R");
  EXPECT_DOUBLE_EQ(far[0].uncovered_population, 5000);
  EXPECT_THROW(Territory({Commune{"P", "point", 1, {}, 0, {0.5, 43.5}}}), std::invalid_argument);
}

}  // namespace sohosolo::territory
