#include <gtest/gtest.h>

#include "community/events/model.hpp"

namespace sohosolo::community {

namespace {

std::string Local(core::UnixSeconds t) { return core::FormatLocal(t, "en"); }

}  // namespace

TEST(ClubRules, SeatsThenWaitlist) {
  EXPECT_EQ(SeatFor(0, 1), Seat::kRegistered);
  EXPECT_EQ(SeatFor(49, 50), Seat::kRegistered);
  EXPECT_EQ(SeatFor(50, 50), Seat::kWaitlisted);
  EXPECT_EQ(SeatFor(51, 50), Seat::kWaitlisted);  // capacity lowered below the seats taken
  EXPECT_EQ(FreeSeats(48, 50), 2);
  EXPECT_EQ(FreeSeats(52, 50), 0);
  for (auto seat : {Seat::kRegistered, Seat::kWaitlisted, Seat::kCancelled})
    EXPECT_EQ(ParseSeat(StateName(seat)), seat);
  EXPECT_EQ(ParseSeat("REGISTERED"), Seat::kNone);
}

TEST(ClubRules, FirstThursdayOfTheMonthAcrossDaylightSaving) {
  // Thursday 4 March 2027, 18:30-20:30 in Paris (UTC+1), the first Thursday of March.
  const core::UnixSeconds start = 1804181400;
  ASSERT_EQ(Local(start), "2027-03-04 18:30");
  const auto series = MonthlyOccurrences({start, start + 7200}, 4, "Europe/Paris");
  ASSERT_EQ(series.size(), 4u);
  EXPECT_EQ(Local(series[0].start), "2027-03-04 18:30");
  // Summer time from 28 March: the same wall-clock hour, one hour less in UTC.
  EXPECT_EQ(Local(series[1].start), "2027-04-01 18:30");
  EXPECT_EQ(Local(series[1].end), "2027-04-01 20:30");
  EXPECT_EQ(Local(series[2].start), "2027-05-06 18:30");
  EXPECT_EQ(Local(series[3].start), "2027-06-03 18:30");
  EXPECT_EQ(series[1].end - series[1].start, 7200);
}

TEST(ClubRules, FifthWeekMeansTheLastOneAndYearsRollOver) {
  // Wednesday 29 December 2021, the fifth (so last) Wednesday; an event ending after midnight.
  const auto first = core::FromLocal(18990, 21 * 60, "Europe/Paris");
  ASSERT_EQ(Local(first), "2021-12-29 21:00");
  const auto series = MonthlyOccurrences({first, first + 4 * 3600}, 3, "Europe/Paris");
  EXPECT_EQ(Local(series[1].start), "2022-01-26 21:00");  // last Wednesday of January
  EXPECT_EQ(Local(series[1].end), "2022-01-27 01:00");
  EXPECT_EQ(Local(series[2].start), "2022-02-23 21:00");
}

}  // namespace sohosolo::community
