#include "territory/villages/service.hpp"

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

Listing Home(long long id, const char* kind, std::int64_t price, std::optional<int> rooms,
             bool available = true) {
  Listing l;
  l.id = id;
  l.kind = kind;
  l.title = "home " + std::to_string(id);
  l.price_eur = price;
  l.rooms = rooms;
  l.available = available;
  return l;
}

TEST(VillageFinder, HousingCountsAvailableHomesOfTheKindWithinBudget) {
  VillageFacts v = Village("A", 10, 0.5, false, {});
  v.workspace_km = 1;
  v.listings = {Home(1, "home_rent", 650, 3), Home(2, "home_rent", 900, 4),
                Home(3, "home_sale", 150000, 4), Home(4, "home_rent", 500, 2, false),
                Home(5, "premises", 300, {})};
  auto n = Needs(2, 10);
  n.housing = Housing::kRent;
  n.budget_eur = 700;
  const auto r = RankVillages({v}, n);
  ASSERT_EQ(r[0].criteria.size(), 3u);
  const auto& c = r[0].criteria[2];
  EXPECT_EQ(c.name, "housing");
  EXPECT_TRUE(c.met);
  EXPECT_DOUBLE_EQ(*c.value, 1);  // Only listing 1: 2 is over budget, 4 is taken, 3 is a sale.
  EXPECT_EQ(c.listing_ids, std::vector<long long>{1});
  EXPECT_EQ(c.cheapest_eur, 650);
  EXPECT_EQ(c.budget_eur, 700);

  n.housing = Housing::kBuy;
  n.budget_eur = 140000;
  const auto buy = RankVillages({v}, n);
  EXPECT_FALSE(buy[0].criteria[2].met);
  EXPECT_DOUBLE_EQ(*buy[0].criteria[2].value, 0);
}

TEST(VillageFinder, HouseholdNeedsOneRoomPerPerson) {
  EXPECT_EQ(RoomsNeeded(1), 1);
  EXPECT_EQ(RoomsNeeded(4), 4);
  VillageFacts v = Village("A", 10, 0.5, false, {});
  v.workspace_km = 1;
  v.listings = {Home(1, "home_rent", 650, 3), Home(2, "home_sale", 150000, 4),
                Home(3, "home_rent", 700, {})};
  auto n = Needs(2, 10);
  n.household_size = 4;
  // Without a housing need, the household criterion counts homes of either kind.
  auto r = RankVillages({v}, n);
  ASSERT_EQ(r[0].criteria.back().name, "household");
  EXPECT_EQ(r[0].criteria.back().listing_ids, std::vector<long long>{2});
  EXPECT_EQ(r[0].criteria.back().min_rooms, 4);
  // Renting for four: the three-room home and the one of unknown size do not fit.
  n.housing = Housing::kRent;
  r = RankVillages({v}, n);
  EXPECT_EQ(r[0].criteria.back().name, "housing");
  EXPECT_FALSE(r[0].criteria.back().met);
  n.household_size = 3;
  r = RankVillages({v}, n);
  EXPECT_TRUE(r[0].criteria.back().met);
  EXPECT_EQ(r[0].criteria.back().listing_ids, std::vector<long long>{1});
}

TEST(VillageFinder, FittingHomesRankAVillageFirst) {
  VillageFacts with = Village("With", 10, 0.5, false, {});
  VillageFacts without = Village("Without", 30, 0.5, false, {});
  with.workspace_km = without.workspace_km = 1;
  with.listings = {Home(1, "home_rent", 600, 3)};
  without.listings = {Home(2, "home_rent", 1600, 3)};
  auto n = Needs(2, 10);
  n.housing = Housing::kRent;
  n.budget_eur = 800;
  const auto r = RankVillages({without, with}, n);
  // "Without" has the faster line, but only "With" meets the housing criterion.
  EXPECT_EQ(r[0].village.name, "With");
  EXPECT_EQ(r[0].met, 3);
  EXPECT_EQ(r[1].met, 2);
}

TEST(VillageFinder, MoreFittingHomesScoreHigherUpToThree) {
  VillageFacts one = Village("One", 10, 0.5, false, {});
  VillageFacts three = Village("Three", 10, 0.5, false, {});
  VillageFacts five = Village("Five", 10, 0.5, false, {});
  one.workspace_km = three.workspace_km = five.workspace_km = 1;
  one.listings = {Home(1, "home_sale", 100000, 3)};
  for (long long i = 0; i < 3; ++i) three.listings.push_back(Home(10 + i, "home_sale", 100000, 3));
  for (long long i = 0; i < 5; ++i) five.listings.push_back(Home(20 + i, "home_sale", 100000, 3));
  auto n = Needs(2, 10);
  n.housing = Housing::kBuy;
  const auto r = RankVillages({one, three, five}, n);
  EXPECT_EQ(r[2].village.name, "One");
  EXPECT_LT(r[2].score, r[0].score);
  EXPECT_DOUBLE_EQ(r[0].score, r[1].score);  // Beyond three, more listings add nothing.
}

TEST(VillageFinder, SchoolDistanceAndServiceRows) {
  VillageServices legacy;
  legacy.train_station_km = 30;
  const auto merged = MergeServices(legacy, {{1, "school", "", 4.0, {}, false},
                                             {2, "school", "", 0.5, {}, false},
                                             {3, "train_station", "", 12, {}, false}});
  EXPECT_TRUE(merged.school);
  EXPECT_DOUBLE_EQ(*merged.school_km, 0.5);
  EXPECT_DOUBLE_EQ(*merged.train_station_km, 12);  // The rows replace the legacy figure.
  VillageFacts v = Village("A", 10, 0.5, false, {});
  v.workspace_km = 1;
  v.services = MergeServices({}, {{1, "school", "", 4.0, {}, false}});
  EXPECT_FALSE(v.services.school);  // 4 km away is not in the village.
  auto n = Needs(2, 10);
  n.max_km_to_school = 5;
  const auto r = RankVillages({v}, n);
  EXPECT_EQ(r[0].criteria.back().name, "max_km_to_school");
  EXPECT_TRUE(r[0].criteria.back().met);
  EXPECT_DOUBLE_EQ(*r[0].criteria.back().value, 4.0);
}

TEST(VillageFinder, ValidateHousingNeeds) {
  auto n = Needs(8, 10);
  n.budget_eur = 500;
  ASSERT_EQ(ValidateNeeds(n).size(), 1u);  // A budget without a housing need.
  EXPECT_EQ(ValidateNeeds(n)[0].field, "budget_eur");
  n.housing = Housing::kRent;
  EXPECT_TRUE(ValidateNeeds(n).empty());
  n.budget_eur = 0;
  n.max_km_to_school = -2;
  EXPECT_EQ(ValidateNeeds(n).size(), 2u);
}

}  // namespace
}  // namespace sohosolo::territory
