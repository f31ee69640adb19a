#include "workspaces/bookings/recurrence.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

namespace sohosolo::workspaces {
namespace {

const std::string kParis = "Europe/Paris";

long long Day(int y, unsigned m, unsigned d) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch().count();
}

Period Local(long long day, int from, int to) {
  return {core::FromLocal(day, from, kParis), core::FromLocal(day, to, kParis)};
}

TEST(Recurrence, KeepsWallClockAcrossSpringForward) {
  // Thursdays 9:00-12:00 from 19 March 2026; Paris springs forward on Sunday 29 March.
  const auto first = Local(Day(2026, 3, 19), 9 * 60, 12 * 60);
  auto got = ExpandWeekly(first, {1, std::nullopt, 3}, kParis);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 3u);
  for (size_t i = 0; i < got->size(); ++i) {
    const auto start = core::ToLocal((*got)[i].start, kParis);
    const auto end = core::ToLocal((*got)[i].end, kParis);
    EXPECT_EQ(start.days, Day(2026, 3, 19) + 7 * static_cast<long long>(i));
    EXPECT_EQ(start.minute, 9 * 60);
    EXPECT_EQ(end.minute, 12 * 60);
  }
  // In UTC the third occurrence (2 April, after the change) starts an hour earlier in the day.
  EXPECT_EQ(core::ToLocal((*got)[1].start, kParis).offset_minutes, 60);
  EXPECT_EQ(core::ToLocal((*got)[2].start, kParis).offset_minutes, 120);
  EXPECT_EQ((*got)[1].start - (*got)[0].start, 7 * 86400);
  EXPECT_EQ((*got)[2].start - (*got)[1].start, 7 * 86400 - 3600);
}

TEST(Recurrence, KeepsWallClockAcrossFallBack) {
  // Every second Monday 14:00-16:00 until 9 November 2026; Paris falls back on 25 October.
  const auto first = Local(Day(2026, 10, 12), 14 * 60, 16 * 60);
  auto got = ExpandWeekly(first, {2, Day(2026, 11, 9), std::nullopt}, kParis);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 3u);  // 12 Oct, 26 Oct, 9 Nov
  EXPECT_EQ(core::ToLocal((*got)[2].start, kParis).days, Day(2026, 11, 9));
  EXPECT_EQ((*got)[1].start - (*got)[0].start, 14 * 86400 + 3600);
  for (const auto& p : *got) {
    EXPECT_EQ(core::ToLocal(p.start, kParis).minute, 14 * 60);
    EXPECT_EQ(p.end - p.start, 2 * 3600);
  }
}

TEST(Recurrence, RefusesBadRulesAndTooManyOccurrences) {
  const auto first = Local(Day(2026, 1, 5), 9 * 60, 10 * 60);
  auto too_many = ExpandWeekly(first, {1, std::nullopt, kMaxOccurrences + 1}, kParis);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().message_key, "error.booking.recurrence_too_many");
  EXPECT_TRUE(ExpandWeekly(first, {1, std::nullopt, kMaxOccurrences}, kParis).ok());
  auto until_far = ExpandWeekly(first, {1, Day(2027, 6, 1), std::nullopt}, kParis);
  ASSERT_FALSE(until_far.ok());
  EXPECT_EQ(until_far.error().fields.front().field, "recurrence.until");
  EXPECT_FALSE(ExpandWeekly(first, {0, std::nullopt, 2}, kParis).ok());
  EXPECT_FALSE(ExpandWeekly(first, {1, std::nullopt, 0}, kParis).ok());
  EXPECT_FALSE(ExpandWeekly(first, {1, Day(2026, 1, 4), std::nullopt}, kParis).ok());
  EXPECT_FALSE(ExpandWeekly(first, {1, Day(2026, 2, 4), 3}, kParis).ok());
  EXPECT_FALSE(ExpandWeekly(first, {1, std::nullopt, std::nullopt}, kParis).ok());
}

}  // namespace
}  // namespace sohosolo::workspaces
