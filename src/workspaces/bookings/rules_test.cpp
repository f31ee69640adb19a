#include "workspaces/bookings/rules.hpp"

#include <gtest/gtest.h>

namespace sohosolo::workspaces {

namespace {

/// A telecentre open Monday to Friday, 8:30-12:30 and 13:30-18:00, Paris time; and Sundays
/// 00:00-06:00, so that rules can be checked across the daylight-saving changes (Sunday nights).
Site Telecentre() {
  Site site;
  site.time_zone = "Europe/Paris";
  for (int day = 1; day <= 5; ++day) {
    site.hours.push_back({day, 8 * 60 + 30, 12 * 60 + 30});
    site.hours.push_back({day, 13 * 60 + 30, 18 * 60});
  }
  site.hours.push_back({7, 0, 6 * 60});
  return site;
}

Resource Office() {
  Resource r;
  r.rules = {30, 480, 30, 400, 60};
  return r;
}

core::UnixSeconds At(const char* rfc3339) { return core::ParseRfc3339(rfc3339)->utc; }

/// The rule keys a period breaks.
std::vector<std::string> Broken(const Period& p,
                                core::UnixSeconds now = At("2027-01-01T00:00:00Z")) {
  auto status = CheckRules(Telecentre(), Office(), p, now);
  std::vector<std::string> keys;
  if (!status) {
    for (const auto& f : status.error().fields) keys.push_back(f.message_key);
  }
  return keys;
}

using Keys = std::vector<std::string>;

}  // namespace

TEST(WorkspacesRules, AcceptsABookingWithinOpeningHours) {
  // Tuesday 2 March 2027, 9:00-10:30 in Paris (winter time, +01:00).
  EXPECT_EQ(Broken({At("2027-03-02T09:00:00+01:00"), At("2027-03-02T10:30:00+01:00")}), Keys{});
  // Ending exactly at closing time is fine.
  EXPECT_EQ(Broken({At("2027-03-02T16:00:00+01:00"), At("2027-03-02T18:00:00+01:00")}), Keys{});
}

TEST(WorkspacesRules, RefusesOutsideHoursAcrossLunchAndOnWeekends) {
  EXPECT_EQ(Broken({At("2027-03-02T07:30:00+01:00"), At("2027-03-02T09:00:00+01:00")}),
            Keys{"error.booking.outside_hours"});
  EXPECT_EQ(Broken({At("2027-03-02T12:00:00+01:00"), At("2027-03-02T14:00:00+01:00")}),
            Keys{"error.booking.outside_hours"});
  EXPECT_EQ(Broken({At("2027-03-06T10:00:00+01:00"), At("2027-03-06T11:00:00+01:00")}),
            Keys{"error.booking.outside_hours"});
}

TEST(WorkspacesRules, HoursAreLocalInSummerToo) {
  // 9:00 in July is 07:00 UTC: open. 18:30 local (16:30 UTC) is closed.
  EXPECT_EQ(Broken({At("2027-07-06T07:00:00Z"), At("2027-07-06T08:00:00Z")}), Keys{});
  EXPECT_EQ(Broken({At("2027-07-06T16:00:00Z"), At("2027-07-06T16:30:00Z")}),
            Keys{"error.booking.outside_hours"});
}

TEST(WorkspacesRules, StepDurationNoticeAndHorizon) {
  EXPECT_EQ(Broken({At("2027-03-02T09:10:00+01:00"), At("2027-03-02T10:10:00+01:00")}),
            Keys{"error.booking.step"});
  EXPECT_EQ(Broken({At("2027-03-02T09:00:00+01:00"), At("2027-03-02T09:15:00+01:00")}),
            (Keys{"error.booking.too_short", "error.booking.step"}));
  Resource short_max = Office();
  short_max.rules.max_minutes = 60;
  auto status = CheckRules(Telecentre(), short_max,
                           {At("2027-03-02T09:00:00+01:00"), At("2027-03-02T11:00:00+01:00")},
                           At("2027-01-01T00:00:00Z"));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().fields.front().message_key, "error.booking.too_long");
  // One hour of notice: booking 9:00 at 8:30 is too late.
  EXPECT_EQ(Broken({At("2027-03-02T09:00:00+01:00"), At("2027-03-02T10:00:00+01:00")},
                   At("2027-03-02T08:30:00+01:00")),
            Keys{"error.booking.notice"});
  // 400 days of horizon.
  EXPECT_EQ(Broken({At("2029-03-06T09:00:00+01:00"), At("2029-03-06T10:00:00+01:00")}),
            Keys{"error.booking.horizon"});
  EXPECT_EQ(Broken({At("2027-03-02T10:00:00+01:00"), At("2027-03-02T09:00:00+01:00")}),
            Keys{"error.booking.end_before_start"});
}

TEST(WorkspacesRules, BookingsAcrossDaylightSavingHaveTheirTrueDuration) {
  // Sunday 28 March 2027: 01:00 local (+01:00) to 04:00 local (+02:00) is two real hours.
  const Period spring{At("2027-03-28T01:00:00+01:00"), At("2027-03-28T04:00:00+02:00")};
  EXPECT_EQ(spring.end - spring.start, 2 * 3600);
  EXPECT_EQ(Broken(spring), Keys{});
  // Sunday 31 October 2027: 01:00 (+02:00) to 04:00 (+01:00) is four real hours.
  const Period autumn{At("2027-10-31T01:00:00+02:00"), At("2027-10-31T04:00:00+01:00")};
  EXPECT_EQ(autumn.end - autumn.start, 4 * 3600);
  EXPECT_EQ(Broken(autumn), Keys{});
}

TEST(WorkspacesRules, SpringForwardGapIsNonexistent) {
  // 02:30 on 28 March 2027 does not exist in Paris; 02:30 on 27 March does.
  EXPECT_TRUE(core::IsNonexistentLocalTime(core::ParseRfc3339("2027-03-28T02:30:00Z")->local_as_utc,
                                           "Europe/Paris"));
  EXPECT_FALSE(core::IsNonexistentLocalTime(
      core::ParseRfc3339("2027-03-27T02:30:00Z")->local_as_utc, "Europe/Paris"));
}

TEST(WorkspacesRules, OnlyAWallTimeWrittenWithTheZonesOffsetFallsInTheGap) {
  const auto skipped = [](const char* text) {
    return core::IsSkippedWallTime(*core::ParseRfc3339(text), "Europe/Paris");
  };
  // Paris wall times that do not exist, written with the offset before or after the change.
  EXPECT_TRUE(skipped("2027-03-28T02:30:00+01:00"));
  EXPECT_TRUE(skipped("2027-03-28T02:00:00+02:00"));
  // The instant 02:00 UTC (04:00 in Paris) however it is written: always a real moment.
  EXPECT_FALSE(skipped("2027-03-28T02:00:00Z"));
  EXPECT_FALSE(skipped("2027-03-28T02:00:00-00:00"));
  EXPECT_FALSE(skipped("2027-03-28T02:00:00+00:00"));
  EXPECT_FALSE(skipped("2027-03-28T04:00:00+02:00"));
  EXPECT_FALSE(skipped("2027-03-27T21:00:00-05:00"));
  EXPECT_FALSE(skipped("2027-03-28T02:30:00+00:00"));
  // Digits of the gap with an offset Paris never has: a real instant somewhere else.
  EXPECT_FALSE(skipped("2027-03-28T02:30:00+05:30"));
  // Outside the gap, nothing is skipped.
  EXPECT_FALSE(skipped("2027-03-27T02:30:00+01:00"));
  EXPECT_FALSE(skipped("2027-10-31T02:30:00+01:00"));
  EXPECT_FALSE(skipped("2027-10-31T02:30:00+02:00"));
}

TEST(WorkspacesAvailability, SplitsOpeningHoursAroundBookingsBackToBack) {
  const auto day = At("2027-03-02T00:00:00Z") / 86400;
  std::vector<Booking> bookings{
      {1,
       1,
       1,
       {At("2027-03-02T09:00:00+01:00"), At("2027-03-02T10:00:00+01:00")},
       "",
       BookingStatus::kConfirmed,
       0},
      {2,
       1,
       2,
       {At("2027-03-02T10:00:00+01:00"), At("2027-03-02T11:00:00+01:00")},
       "",
       BookingStatus::kConfirmed,
       0},
      {3,
       1,
       2,
       {At("2027-03-02T15:00:00+01:00"), At("2027-03-02T16:00:00+01:00")},
       "",
       BookingStatus::kCancelled,
       0},
  };
  const auto a = ComputeAvailability(Telecentre(), bookings, day, day);
  ASSERT_EQ(a.busy.size(), 2u);
  ASSERT_EQ(a.free.size(), 3u);
  EXPECT_EQ(a.free[0].start, At("2027-03-02T08:30:00+01:00"));
  EXPECT_EQ(a.free[0].end, At("2027-03-02T09:00:00+01:00"));
  EXPECT_EQ(a.free[1].start, At("2027-03-02T11:00:00+01:00"));
  EXPECT_EQ(a.free[2].start, At("2027-03-02T13:30:00+01:00"));
  EXPECT_EQ(a.free[2].end, At("2027-03-02T18:00:00+01:00"));
}

TEST(WorkspacesUsage, CountsTheLocalWeekAndMonth) {
  std::vector<Booking> bookings{
      {1,
       1,
       1,
       {At("2027-03-01T09:00:00+01:00"), At("2027-03-01T11:00:00+01:00")},
       "",
       BookingStatus::kConfirmed,
       0},  // Mon
      {2,
       1,
       1,
       {At("2027-03-05T09:00:00+01:00"), At("2027-03-05T10:00:00+01:00")},
       "",
       BookingStatus::kConfirmed,
       0},  // Fri
      {3,
       1,
       1,
       {At("2027-02-26T09:00:00+01:00"), At("2027-02-26T12:00:00+01:00")},
       "",
       BookingStatus::kConfirmed,
       0},  // Feb
      {4,
       1,
       1,
       {At("2027-03-03T09:00:00+01:00"), At("2027-03-03T12:00:00+01:00")},
       "",
       BookingStatus::kCancelled,
       0},
  };
  const auto usage = ComputeUsage(bookings, At("2027-03-03T10:00:00+01:00"), "Europe/Paris");
  EXPECT_DOUBLE_EQ(usage.week_hours, 3.0);
  EXPECT_DOUBLE_EQ(usage.month_hours, 3.0);
}

}  // namespace sohosolo::workspaces
