#include "territory/connectivity/connectivity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "territory/connectivity/reference.hpp"
#include "territory/test_support.hpp"

namespace sohosolo::territory {

namespace {

using testing::HasField;
using testing::kGers;
using testing::kReference;
using testing::ReadFile;

LonLat PointOf(const std::vector<Commune>& communes, const std::string& code) {
  for (const auto& c : communes) {
    if (c.code == code) return c.point;
  }
  ADD_FAILURE() << "no commune " << code;
  return {};
}

}  // namespace

TEST(TerritoryConnectivity, HandCheckedCommunesOfTheGers) {
  SOHOSOLO_NEEDS_SHARED_DATA(!std::filesystem::exists(kGers), kGers);
  const auto communes = ParseCommunesCsv(ReadFile(kGers / "communes-32-gers-cog2026.csv"));
  const auto exchanges = ParseExchangesCsv(ReadFile(kGers / "nra-osm-gers.csv"));
  ASSERT_TRUE(communes);
  ASSERT_TRUE(exchanges);
  const ExchangeLocator locator(*exchanges);
  const auto& params = DefaultAdslParameters();

  // Hand computation, on the GRS80 ellipsoid with the local radii (meridian M, parallel N·cos φ),
  // from the centroid in communes-32-gers-cog2026.csv to the exchange in nra-osm-gers.csv:
  //
  // Endoufielle 32121, centroid (1.02213, 43.54445), exchange 32121END (1.028618, 43.565705):
  //   north 0.021255° × 6,365,765 m/rad = 2,361.5 m; east 0.006488° × 4,629,678 m/rad = 524.3 m;
  //   distance 2.419 km; × √2 = 3.421 km of line; × 15 dB/km = 51.32 dB;
  //   between the rows 47.6 dB (ADSL 4.2, ADSL2+ 5.4) and 53.0 dB (3.1, 4.3): t = 3.72 / 5.4 =
  //   0.688, ADSL2+ 5.4 − 0.688 × 1.1 = 4.643 Mbit/s, ADSL 4.2 − 0.688 × 1.1 = 3.443 Mbit/s.
  // Lambert-93 lengthens distances by 0.04 % here (2.4199 km), hence the tolerances.
  auto endoufielle = EstimateAt(locator, PointOf(*communes, "32121"), params);
  ASSERT_TRUE(endoufielle);
  EXPECT_EQ(endoufielle->exchange.code, "32121END");
  EXPECT_NEAR(endoufielle->distance_km, 2.419, 0.0015);
  EXPECT_NEAR(endoufielle->line_length_km, 3.421, 0.002);
  EXPECT_NEAR(endoufielle->attenuation_db, 51.32, 0.03);
  EXPECT_NEAR(endoufielle->adsl2plus_mbps, 4.643, 0.01);
  EXPECT_NEAR(endoufielle->adsl_mbps, 3.443, 0.01);
  EXPECT_EQ(endoufielle->line_class, LineClass::kAdsl);

  // Nogaro 32296, centroid (−0.03038, 43.76136), exchange way/95861807 (−0.041784, 43.757093):
  //   north 474.1 m, east 918.4 m: 1.0335 km; × √2 = 1.4616 km; × 15 = 21.92 dB;
  //   between 20.3 dB (7.3, 14.2) and 29.7 dB (6.0, 11.3): t = 1.62 / 9.4 = 0.173,
  //   ADSL2+ 14.2 − 0.173 × 2.9 = 13.699, ADSL 7.3 − 0.173 × 1.3 = 7.075 Mbit/s.
  auto nogaro = EstimateAt(locator, PointOf(*communes, "32296"), params);
  ASSERT_TRUE(nogaro);
  EXPECT_EQ(nogaro->exchange.code, "way/95861807");
  EXPECT_NEAR(nogaro->distance_km, 1.0335, 0.001);
  EXPECT_NEAR(nogaro->attenuation_db, 21.92, 0.02);
  EXPECT_NEAR(nogaro->adsl2plus_mbps, 13.699, 0.01);
  EXPECT_NEAR(nogaro->adsl_mbps, 7.075, 0.01);

  // Eauze 32119, centroid (0.1056, 43.86074), exchange way/110288468 (0.069502, 43.857459):
  //   north 364.6 m, east 2,902.1 m: 2.9249 km; × √2 = 4.1365 km; × 15 = 62.05 dB, past the last
  //   row (60.8 dB: 2.0, 3.0), so the last slope goes on: ADSL2+ 3.0 − 1.25 × 1.3/7.8 = 2.792,
  //   ADSL 2.0 − 1.25 × 1.1/7.8 = 1.824 Mbit/s.
  auto eauze = EstimateAt(locator, PointOf(*communes, "32119"), params);
  ASSERT_TRUE(eauze);
  EXPECT_EQ(eauze->exchange.code, "way/110288468");
  EXPECT_NEAR(eauze->distance_km, 2.9249, 0.0015);
  EXPECT_NEAR(eauze->adsl2plus_mbps, 2.792, 0.01);
  EXPECT_NEAR(eauze->adsl_mbps, 1.824, 0.01);

  // Each answer says what produced it.
  EXPECT_DOUBLE_EQ(eauze->parameters.detour_factor, std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(eauze->parameters.gauge_mm, 0.4);
  EXPECT_DOUBLE_EQ(eauze->parameters.db_per_km, 15);
  EXPECT_EQ(eauze->parameters.origin, kAdslDefaultsResource);
}

TEST(TerritoryConnectivity, NearestExchangeMayBeOutsideTheTerritory) {
  SOHOSOLO_NEEDS_SHARED_DATA(!std::filesystem::exists(kGers), kGers);
  const auto exchanges = ParseExchangesCsv(ReadFile(kGers / "nra-osm-gers.csv"));
  ASSERT_TRUE(exchanges);
  const ExchangeLocator locator(*exchanges);
  // Barcelonne-du-Gers' centroid (−0.21264, 43.69310) is served from Aire-sur-l'Adour, in the
  // Landes (−0.269011, 43.70117): north 896.6 m, west 4,544.2 m, 4.632 km on the ellipsoid.
  const auto nearest = locator.NearestTo({-0.21264, 43.69310});
  ASSERT_TRUE(nearest);
  EXPECT_EQ(nearest->exchange->code, "40001AIR");
  EXPECT_NEAR(nearest->distance_km, 4.632, 0.003);
}

TEST(TerritoryConnectivity, ClassRules) {
  const auto& params = DefaultAdslParameters();
  EXPECT_EQ(RatesAtAttenuation(70.0, params).line_class, LineClass::kAdsl);
  const auto readsl = RatesAtAttenuation(70.01, params);
  EXPECT_EQ(readsl.line_class, LineClass::kReadsl);
  EXPECT_DOUBLE_EQ(readsl.adsl_mbps, 0.512);
  EXPECT_DOUBLE_EQ(readsl.adsl2plus_mbps, 0.512);
  EXPECT_EQ(RatesAtAttenuation(78.0, params).line_class, LineClass::kReadsl);
  const auto none = RatesAtAttenuation(78.01, params);
  EXPECT_EQ(none.line_class, LineClass::kNone);
  EXPECT_DOUBLE_EQ(none.adsl2plus_mbps, 0);
  EXPECT_EQ(ToString(none.line_class), "none");

  // Short lines get the first row; rows are met exactly.
  EXPECT_DOUBLE_EQ(RatesAtAttenuation(1.0, params).adsl2plus_mbps, 19.4);
  EXPECT_DOUBLE_EQ(RatesAtAttenuation(39.6, params).adsl2plus_mbps, 7.4);
  EXPECT_DOUBLE_EQ(RatesAtAttenuation(39.6, params).adsl_mbps, 5.7);

  // Past the table: the last slope by default, or the last row if the programme says so.
  EXPECT_NEAR(RatesAtAttenuation(66.8, params).adsl2plus_mbps, 2.0, 1e-9);
  auto hold = params;
  hold.beyond_table = BeyondTable::kHoldLast;
  EXPECT_DOUBLE_EQ(RatesAtAttenuation(66.8, hold).adsl2plus_mbps, 3.0);

  // A thicker gauge attenuates less: 4 km of 0.6 mm line is 41.2 dB instead of 60 dB.
  auto thick = params;
  thick.gauge_mm = 0.6;
  const auto estimate = EstimateAtDistance(Exchange{}, 4 / std::sqrt(2.0), thick);
  EXPECT_NEAR(estimate.attenuation_db, 41.2, 1e-9);
}

TEST(TerritoryConnectivity, ReachInvertsTheModel) {
  const auto& params = DefaultAdslParameters();
  // 2 Mbit/s in ADSL2+: 3.0 − (a − 60.8) × 1.3/7.8 = 2 at a = 66.8 dB, i.e. 66.8 / 15 / √2 km.
  EXPECT_NEAR(ReachKm(2, Technology::kAdsl2Plus, params), 66.8 / 15 / std::sqrt(2.0), 1e-9);
  // 8 Mbit/s in ADSL: the 8.0 plateau ends at 15.5 dB.
  EXPECT_NEAR(ReachKm(8, Technology::kAdsl, params), 15.5 / 15 / std::sqrt(2.0), 1e-9);
  // READSL's 512 kbit/s carries a low threshold to the 78 dB limit; nothing reaches 25 Mbit/s.
  EXPECT_NEAR(ReachKm(0.5, Technology::kAdsl2Plus, params), 78.0 / 15 / std::sqrt(2.0), 1e-9);
  EXPECT_DOUBLE_EQ(ReachKm(25, Technology::kAdsl2Plus, params), 0);
  for (double threshold : {1.0, 2.0, 4.0, 8.0, 12.0, 18.0}) {
    for (auto technology : {Technology::kAdsl, Technology::kAdsl2Plus}) {
      const double reach = ReachKm(threshold, technology, params);
      if (reach == 0) continue;
      const auto at = EstimateAtDistance(Exchange{}, reach, params);
      const auto beyond = EstimateAtDistance(Exchange{}, reach + 0.01, params);
      const auto rate = [&](const ConnectivityEstimate& e) {
        return technology == Technology::kAdsl ? e.adsl_mbps : e.adsl2plus_mbps;
      };
      EXPECT_GE(rate(at), threshold - 1e-9) << threshold;
      EXPECT_LT(rate(beyond), threshold) << threshold;
    }
  }
}

TEST(TerritoryConnectivity, ErrorsWithoutExchangesOrWithBadParameters) {
  const ExchangeLocator empty({});
  const auto none = EstimateAt(empty, {0.5, 43.5}, DefaultAdslParameters());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, core::ErrorCode::kNotFound);

  const ExchangeLocator one({Exchange{"X", "x", 0.5, 43.5, true}});
  auto params = DefaultAdslParameters();
  params.gauge_mm = 0.45;
  const auto bad = EstimateAt(one, {0.5, 43.5}, params);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalid);
}

}  // namespace sohosolo::territory

namespace sohosolo::territory {

// The grid search gives what a scan of every exchange gives, ties to the first exchange
// included, for points inside, at the edge of and far outside the exchanges' box.
TEST(TerritoryExchangeLocator, GridSearchAgreesWithAFullScan) {
  std::uint64_t state = 20261126;
  const auto uniform = [&state](double lo, double hi) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (hi - lo) * static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  std::vector<Exchange> exchanges;
  for (int i = 0; i < 3000; ++i) {
    exchanges.push_back(
        {"X" + std::to_string(i), "", uniform(-0.5, 1.2), uniform(43.2, 44.1), true});
  }
  // Duplicates: the first of each pair must win.
  for (int i = 0; i < 50; ++i) exchanges.push_back(exchanges[static_cast<std::size_t>(i) * 7]);
  const ExchangeLocator locator(exchanges);
  const Projector lambert93(Crs::kWgs84, Crs::kLambert93);
  std::vector<Xy> positions;
  for (const auto& e : exchanges) positions.push_back(lambert93.Forward({e.lon, e.lat}));
  for (int q = 0; q < 2000; ++q) {
    const LonLat p = q % 10 == 0   ? LonLat{uniform(-3, 4), uniform(41, 47)}     // outside too
                     : q % 10 == 1 ? LonLat{exchanges[q].lon, exchanges[q].lat}  // on one
                                   : LonLat{uniform(-0.5, 1.2), uniform(43.2, 44.1)};
    const Xy here = lambert93.Forward({p.lon, p.lat});
    std::size_t best = 0;
    double best_d2 = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < positions.size(); ++i) {
      const double dx = positions[i].x - here.x, dy = positions[i].y - here.y;
      if (dx * dx + dy * dy < best_d2) {
        best_d2 = dx * dx + dy * dy;
        best = i;
      }
    }
    const auto nearest = locator.NearestTo(p);
    ASSERT_TRUE(nearest);
    ASSERT_EQ(nearest->exchange, &locator.exchanges()[best]) << q;
    ASSERT_DOUBLE_EQ(nearest->distance_km, std::sqrt(best_d2) / 1000) << q;
  }
}

}  // namespace sohosolo::territory
