// The rules of a file without a database: stages, a move's effects, and the figures counted by
// hand from a handful of households.
#include <gtest/gtest.h>

#include "journeys/report/report.hpp"
#include "journeys/service.hpp"

namespace sohosolo::journeys {
namespace {

Journey Household(const std::string& stage, int adults, std::vector<int> children,
                  const std::string& sector, bool demo = false) {
  Journey j;
  j.stage = stage;
  j.adults = adults;
  j.children_ages = std::move(children);
  j.sector = sector;
  j.demo = demo;
  return j;
}

TEST(JourneyRules, TheFiguresAreTheSettledHouseholdsAndTheirPeople) {
  // Counted by hand: 3 households (2+2, 1+0, 2+3) = 10 residents, 2 of them in section J.
  const std::vector<Journey> settled = {Household("settled", 2, {4, 9}, "J"),
                                        Household("followed_6", 1, {}, "M"),
                                        Household("followed_24", 2, {1, 3, 15}, "J")};
  const auto f = CountSettled(settled);
  EXPECT_EQ(f.settled_households, 3);
  EXPECT_EQ(f.new_residents, 10);
  EXPECT_EQ(f.digital_households, 2);
  EXPECT_FALSE(f.demo);
  EXPECT_TRUE(CountSettled({Household("settled", 1, {}, "", true)}).demo);
  EXPECT_EQ(CountSettled({}).new_residents, 0);
}

TEST(JourneyRules, StagesKeepTheirOrderAndSettledMeansSettledOrFollowed) {
  EXPECT_EQ(StageIndex("first_contact"), 0);
  EXPECT_EQ(StageIndex("settled"), 6);
  EXPECT_EQ(StageIndex("nope"), -1);
  for (const char* s : {"settled", "followed_6", "followed_12", "followed_24"})
    EXPECT_TRUE(IsSettled(s)) << s;
  for (const char* s : {"settling", "abandoned", "first_contact", ""})
    EXPECT_FALSE(IsSettled(s)) << s;
}

TEST(JourneyRules, AMoveToSettledTakesAVillageAndAMoveBackForgetsIt) {
  Journey j;
  j.villages = {"32013", "32147"};
  std::vector<core::FieldError> errors;
  ApplyMove(j, {"settled", "", ""}, 1000, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(j.settled_village, "32013");  // the first considered
  EXPECT_EQ(j.settled_at, 1000);
  EXPECT_EQ(j.stage_at, 1000);
  ApplyMove(j, {"followed_6", "", ""}, 2000, errors);
  EXPECT_EQ(j.settled_at, 1000);  // still the day they settled
  ApplyMove(j, {"settling", "", ""}, 3000, errors);
  EXPECT_EQ(j.settled_village, "");
  EXPECT_FALSE(j.settled_at);
  ApplyMove(j, {"abandoned", "", ""}, 4000, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "abandon_reason");
  EXPECT_EQ(j.stage, "settling");  // refused: unchanged
  Journey none;
  errors.clear();
  ApplyMove(none, {"settled", "", ""}, 1, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "village");
}

TEST(JourneyRules, ConsentIsDatedWhenGivenAndForgottenWhenWithdrawn) {
  Journey j;
  std::vector<core::FieldError> errors;
  JourneyInput in;
  in.consent_committees = true;
  ApplyInput(j, in, errors);
  EXPECT_TRUE(j.consent_committees);
  EXPECT_TRUE(j.consent_at);
  in.consent_committees = false;
  ApplyInput(j, in, errors);
  EXPECT_FALSE(j.consent_at);
  EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace sohosolo::journeys

namespace sohosolo::journeys {
namespace {

constexpr long long kDay = 86400;

// Four files, counted by hand (docs in each line); "now" is day 1000.
TEST(JourneyReport, FunnelRetentionAndTablesMatchWhatIsCountedByHand) {
  Journey f1 = Household("followed_6", 2, {3}, "J");  // settled on day 60 in Auch
  f1.id = 1;
  f1.settled_village = "32013";
  f1.settled_at = 60 * kDay;
  Journey f2 = Household("abandoned", 1, {}, "M");  // left after the information
  f2.id = 2;
  Journey f3 = Household("visit_planned", 1, {}, "");  // still on its way
  f3.id = 3;
  Journey f4 = Household("abandoned", 2, {}, "C");  // settled on day 100, left on day 500
  f4.id = 4;
  const std::vector<StageMoveAt> moves = {
      {1, 10 * kDay, "information_sent"}, {1, 20 * kDay, "visit_planned"},
      {1, 30 * kDay, "visit_done"},       {1, 40 * kDay, "project_validated"},
      {1, 50 * kDay, "settling"},         {1, 60 * kDay, "settled"},
      {1, 250 * kDay, "followed_6"},      {2, 4 * kDay, "information_sent"},
      {2, 10 * kDay, "abandoned"},        {3, 2 * kDay, "information_sent"},
      {3, 8 * kDay, "visit_planned"},     {4, 100 * kDay, "settled"},
      {4, 500 * kDay, "abandoned"}};
  const auto r = BuildReport({f1, f2, f3, f4}, moves, {{"32013", "Auch"}}, 1000 * kDay);

  EXPECT_EQ(r.totals.settled_households, 1);
  EXPECT_EQ(r.totals.new_residents, 3);
  EXPECT_EQ(r.totals.digital_households, 1);
  EXPECT_EQ(r.totals.files_open, 1);
  ASSERT_EQ(r.by_village.size(), 1u);
  EXPECT_EQ(r.by_village[0].label, "Auch");
  EXPECT_EQ(r.by_village[0].residents, 3);
  ASSERT_EQ(r.arrivals_by_year.size(), 1u);
  EXPECT_EQ(r.arrivals_by_year[0].key, "1970");  // day 60 of 1970

  // Reached: 4, 4, 3, 2, 2, 2, 2 (f4 went straight to settled: it passed every stage before).
  const std::vector<long long> reached = {4, 4, 3, 2, 2, 2, 2};
  ASSERT_EQ(r.funnel.size(), reached.size());
  for (std::size_t i = 0; i < reached.size(); ++i) EXPECT_EQ(r.funnel[i].reached, reached[i]) << i;
  EXPECT_DOUBLE_EQ(r.funnel[2].conversion, 0.75);
  EXPECT_NEAR(r.funnel[3].conversion, 2.0 / 3, 1e-9);
  // Days at first contact: 10, 4, 2, 100 -> median 7; at information sent: 10, 6, 6 -> 6.
  EXPECT_DOUBLE_EQ(r.funnel[0].median_days, 7);
  EXPECT_DOUBLE_EQ(r.funnel[1].median_days, 6);
  EXPECT_DOUBLE_EQ(r.funnel[2].median_days, 10);  // f3 is still there: not counted
  EXPECT_DOUBLE_EQ(r.funnel[6].median_days, -1);

  // Settled at least 1 and 2 years ago: f1 and f4; still here: f1. Five years: nobody yet.
  ASSERT_EQ(r.retention.size(), 3u);
  EXPECT_EQ(r.retention[0].settled_before, 2);
  EXPECT_EQ(r.retention[0].still_here, 1);
  EXPECT_EQ(r.retention[1].settled_before, 2);
  EXPECT_EQ(r.retention[2].settled_before, 0);
}

}  // namespace
}  // namespace sohosolo::journeys
