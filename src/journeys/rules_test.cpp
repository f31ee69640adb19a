// The rules of a file without a database: stages, a move's effects, and the figures counted by
// hand from a handful of households.
#include <gtest/gtest.h>

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
