#include "territory/villages.hpp"

#include <gtest/gtest.h>

namespace sohosolo::territory {
namespace {

VillageFacts Village(std::string name, double mbps, double lon, bool school,
                     std::optional<double> station) {
  VillageFacts v;
  v.code = name;
  v.name = std::move(name);
  v.role = "host";
  v.adsl2plus_mbps = mbps;
  v.point = {lon, 43.6};
  v.services.school = school;
  v.services.train_station_km = station;
  return v;
}

FinderNeeds Needs(double mbps, double km) {
  FinderNeeds n;
  n.min_mbps = mbps;
  n.max_km_to_workspace = km;
  return n;
}

TEST(Villages, StraightLineKmMatchesAHandComputation) {
  // One degree of latitude on a 6371 km sphere: 6371 * pi / 180 = 111.19 km.
  EXPECT_NEAR(StraightLineKm({0.5, 43}, {0.5, 44}), 111.19, 0.01);
  EXPECT_DOUBLE_EQ(StraightLineKm({0.5, 43}, {0.5, 43}), 0);
}

TEST(Villages, NearestWorkspaceIsAttached) {
  std::vector<VillageFacts> v{Village("A", 10, 0.5, false, {})};
  AttachNearestWorkspace(v, {{"far", {1.5, 43.6}}, {"near", {0.6, 43.6}}});
  ASSERT_TRUE(v[0].workspace_km);
  EXPECT_EQ(v[0].workspace_name, "near");
  // 0.1 degree of longitude at 43.6 N: 111.19 * cos(43.6°) * 0.1 = 8.05 km.
  EXPECT_NEAR(*v[0].workspace_km, 8.05, 0.02);
}

TEST(Villages, RanksByCriteriaMetThenScore) {
  std::vector<VillageFacts> v{Village("Slow", 1, 0.5, true, 5), Village("Fast", 20, 0.5, false, 5),
                              Village("Faster", 30, 0.5, true, 5)};
  for (auto& x : v) x.workspace_km = 3;
  auto n = Needs(8, 10);
  n.needs_school = true;
  const auto r = RankVillages(v, n);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].village.name, "Faster");  // 3 of 3
  EXPECT_EQ(r[0].met, 3);
  EXPECT_EQ(r[1].met, 2);
  EXPECT_EQ(r[2].met, 2);
  // Fast (rate, workspace) and Slow (school, workspace) both meet two: Fast has the larger rate
  // margin.
  EXPECT_EQ(r[1].village.name, "Fast");
  EXPECT_FALSE(r[1].criteria[2].met);
  EXPECT_EQ(r[1].criteria[2].name, "school");
}

TEST(Villages, EveryCriterionCarriesItsFigure) {
  std::vector<VillageFacts> v{Village("A", 4.5, 0.5, false, 12)};
  v[0].workspace_km = 20;
  auto n = Needs(8, 10);
  n.max_km_to_station = 15;
  const auto r = RankVillages(v, n);
  ASSERT_EQ(r[0].criteria.size(), 3u);
  EXPECT_EQ(r[0].criteria[0].name, "min_mbps");
  EXPECT_FALSE(r[0].criteria[0].met);
  EXPECT_DOUBLE_EQ(*r[0].criteria[0].value, 4.5);
  EXPECT_FALSE(r[0].criteria[1].met);
  EXPECT_DOUBLE_EQ(*r[0].criteria[1].value, 20);
  EXPECT_TRUE(r[0].criteria[2].met);
  EXPECT_DOUBLE_EQ(r[0].criteria[2].limit, 15);
}

TEST(Villages, StricterRateGivesFewerFullMatches) {
  std::vector<VillageFacts> v{Village("A", 3, 0.5, false, {}), Village("B", 9, 0.5, false, {}),
                              Village("C", 16, 0.5, false, {})};
  for (auto& x : v) x.workspace_km = 1;
  const auto full = [&](double mbps) {
    int n = 0;
    for (const auto& r : RankVillages(v, Needs(mbps, 5)))
      n += r.met == static_cast<int>(r.criteria.size());
    return n;
  };
  EXPECT_EQ(full(2), 3);
  EXPECT_EQ(full(8), 2);
  EXPECT_EQ(full(15), 1);
}

TEST(Villages, UnknownFiguresAreNeverMet) {
  VillageFacts v = Village("A", 0, 0.5, false, {});
  v.adsl2plus_mbps.reset();
  auto n = Needs(1, 10);
  n.max_km_to_station = 10;
  const auto r = RankVillages({v}, n);
  EXPECT_EQ(r[0].met, 0);
  for (const auto& c : r[0].criteria) EXPECT_FALSE(c.value);
}

TEST(Villages, ValidateNeeds) {
  EXPECT_TRUE(ValidateNeeds(Needs(8, 10)).empty());
  EXPECT_EQ(ValidateNeeds(Needs(0, 10)).size(), 1u);
  EXPECT_EQ(ValidateNeeds(Needs(8, -1)).size(), 1u);
  auto n = Needs(8, 10);
  n.household_size = 0;
  n.max_km_to_station = 1000;
  EXPECT_EQ(ValidateNeeds(n).size(), 2u);
}

TEST(Villages, ParseServices) {
  const auto s = ParseServices(R"({"school":true,"doctor":false,"train_station_km":12.5})");
  EXPECT_TRUE(s.school);
  EXPECT_FALSE(s.doctor);
  EXPECT_DOUBLE_EQ(*s.train_station_km, 12.5);
  EXPECT_FALSE(ParseServices("[]").school);
  EXPECT_FALSE(ParseServices("not json").train_station_km);
}

}  // namespace
}  // namespace sohosolo::territory
