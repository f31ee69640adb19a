// CoveredArea (coverage.hpp): the covered region as WGS84 polygons, for GeoJSON and maps.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "territory/connectivity/coverage.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/geo.hpp"
#include "territory/test_support.hpp"

namespace sohosolo::territory {

namespace {

using testing::HasField;
using testing::kGers;
using testing::kReference;
using testing::ReadFile;

Commune Square(std::string code, double lon, double lat, double side_deg) {
  const double h = side_deg / 2;
  Commune c;
  c.code = std::move(code);
  c.name = c.code;
  c.population = 1000;
  c.polygons.push_back({{{{lon - h, lat - h},
                          {lon + h, lat - h},
                          {lon + h, lat + h},
                          {lon - h, lat + h},
                          {lon - h, lat - h}}}});
  return c;
}

// Twice the signed area of a lon/lat ring: positive when counter-clockwise.
double SignedArea2(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    sum += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
  return sum;
}

// The area of polygons measured independently of CoveredArea: a Territory made of them as one
// commune projects them to EPSG:3035 again and takes GEOS's area of their union.
double AreaKm2(const std::vector<Polygon>& polygons) {
  Commune c;
  c.code = "covered";
  c.name = "covered";
  c.polygons = polygons;
  return Territory({c}).AreaKm2();
}

void ExpectWellFormed(const std::vector<Polygon>& polygons) {
  for (const auto& polygon : polygons) {
    ASSERT_FALSE(polygon.rings.empty());
    for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
      const auto& ring = polygon.rings[r];
      ASSERT_GE(ring.size(), 4u);
      EXPECT_EQ(ring.front().lon, ring.back().lon);
      EXPECT_EQ(ring.front().lat, ring.back().lat);
      // RFC 7946: exterior counter-clockwise, holes clockwise.
      if (r == 0)
        EXPECT_GT(SignedArea2(ring), 0);
      else
        EXPECT_LT(SignedArea2(ring), 0);
      for (const auto& p : ring) {
        EXPECT_GE(p.lon, -180);
        EXPECT_LE(p.lon, 180);
        EXPECT_GE(p.lat, -90);
        EXPECT_LE(p.lat, 90);
      }
    }
  }
}

}  // namespace

TEST(TerritoryCoveredArea, OneDiscInsideASquareIsOneRingAtTheReachDistance) {
  const Territory territory({Square("A", 0.5, 43.6, 0.3)});
  const std::vector<Exchange> exchanges{{"X", "x", 0.5, 43.6, true}};
  const auto& params = DefaultAdslParameters();
  CoverageOptions options;
  options.threshold_mbps = 2;
  const auto exact = ExactCoverage(territory, exchanges, params, options);
  const auto covered = CoveredArea(territory, exchanges, params, options);
  ASSERT_EQ(covered.size(), 1u);
  ASSERT_EQ(covered[0].rings.size(), 1u);
  EXPECT_EQ(covered[0].rings[0].size(), static_cast<std::size_t>(options.disc_vertices) + 1);
  ExpectWellFormed(covered);
  // Every vertex lies on the scaled disc polygon: within the disc deviation of the reach radius,
  // measured on Lambert-93 where the discs are drawn.
  const Projector lambert93(Crs::kWgs84, Crs::kLambert93);
  const Xy centre = lambert93.Forward({0.5, 43.6});
  for (const auto& p : covered[0].rings[0]) {
    const Xy xy = lambert93.Forward({p.lon, p.lat});
    const double distance_m = std::hypot(xy.x - centre.x, xy.y - centre.y);
    EXPECT_NEAR(distance_m, exact.reach_km * 1000, exact.disc_deviation_m + 0.01);
  }
  EXPECT_NEAR(AreaKm2(covered), exact.covered_area_km2, exact.covered_area_km2 * 1e-6);
}

TEST(TerritoryCoveredArea, ClippedToTheTerritoryAndEmptyWhenNothingReaches) {
  // An exchange on the square's eastern edge: half of its disc is outside and is cut off.
  const Territory territory({Square("A", 0.5, 43.6, 0.3)});
  const std::vector<Exchange> edge{{"E", "e", 0.65, 43.6, true}};
  const auto& params = DefaultAdslParameters();
  CoverageOptions options;
  const auto exact = ExactCoverage(territory, edge, params, options);
  const auto covered = CoveredArea(territory, edge, params, options);
  ASSERT_EQ(covered.size(), 1u);
  ExpectWellFormed(covered);
  // The model draws edges straight on EPSG:3035, and the square's 33 km eastern edge, straight
  // there, bows by about 2e-5° (1.6 m) in lon/lat: allow 1e-4°.
  for (const auto& p : covered[0].rings[0]) EXPECT_LE(p.lon, 0.65 + 1e-4);
  EXPECT_NEAR(AreaKm2(covered), exact.covered_area_km2, exact.covered_area_km2 * 1e-6);

  const std::vector<Exchange> far{{"F", "f", 2.0, 43.6, false}};
  EXPECT_TRUE(CoveredArea(territory, far, params, options).empty());
  EXPECT_TRUE(CoveredArea(territory, {}, params, options).empty());
  options.threshold_mbps = 1000;  // beyond any ADSL rate: no reach at all
  EXPECT_TRUE(CoveredArea(territory, edge, params, options).empty());
}

TEST(TerritoryCoveredArea, GersGeometryHasTheExactCoveredArea) {
  SOHOSOLO_NEEDS_SHARED_DATA(!std::filesystem::exists(kGers), kGers);
  auto communes = ParseCommunesGeoJson(ReadFile(kGers / "communes-32-gers-cog2026.geojson"));
  auto exchanges = ParseExchangesCsv(ReadFile(kGers / "nra-osm-gers.csv"));
  ASSERT_TRUE(communes);
  ASSERT_TRUE(exchanges);
  const Territory territory(std::move(*communes));
  const auto& params = DefaultAdslParameters();
  for (double threshold : {2.0, 8.0}) {
    CoverageOptions options;
    options.threshold_mbps = threshold;
    const auto exact = ExactCoverage(territory, *exchanges, params, options);
    const auto covered = CoveredArea(territory, *exchanges, params, options);
    ASSERT_FALSE(covered.empty()) << threshold;
    ExpectWellFormed(covered);
    // Back and forth through WGS84 moves vertices by far less than a millimetre.
    EXPECT_NEAR(AreaKm2(covered), exact.covered_area_km2, 1e-3) << threshold;
  }
}

}  // namespace sohosolo::territory
