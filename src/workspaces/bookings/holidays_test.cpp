#include "workspaces/bookings/holidays.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

namespace sohosolo::workspaces {
namespace {

std::string Ymd(long long day) { return date::format("%F", date::sys_days{date::days{day}}); }

TEST(Holidays, EasterSundayOfKnownYears) {
  // Published dates of Easter Sunday, including the extremes of the range (22 March, 25 April).
  EXPECT_EQ(Ymd(EasterSunday(2024)), "2024-03-31");
  EXPECT_EQ(Ymd(EasterSunday(2025)), "2025-04-20");
  EXPECT_EQ(Ymd(EasterSunday(2026)), "2026-04-05");
  EXPECT_EQ(Ymd(EasterSunday(2027)), "2027-03-28");
  EXPECT_EQ(Ymd(EasterSunday(2038)), "2038-04-25");
  EXPECT_EQ(Ymd(EasterSunday(2285)), "2285-03-22");
  EXPECT_EQ(Ymd(EasterSunday(2000)), "2000-04-23");
}

TEST(Holidays, FrenchHolidaysOf2025) {
  std::vector<std::string> got;
  for (const auto& h : FrenchHolidays(2025)) got.push_back(Ymd(h.day) + " " + h.key);
  const std::vector<std::string> expected{
      "2025-01-01 holiday.new_year",     "2025-04-21 holiday.easter_monday",
      "2025-05-01 holiday.labour_day",   "2025-05-08 holiday.victory_1945",
      "2025-05-29 holiday.ascension",    "2025-06-09 holiday.whit_monday",
      "2025-07-14 holiday.bastille_day", "2025-08-15 holiday.assumption",
      "2025-11-01 holiday.all_saints",   "2025-11-11 holiday.armistice_1918",
      "2025-12-25 holiday.christmas"};
  EXPECT_EQ(got, expected);
}

TEST(Holidays, MovableFeastsOfOtherYears) {
  // 2008: Ascension fell on 1 May, the same day as Labour Day; both are listed.
  auto y2008 = FrenchHolidays(2008);
  EXPECT_EQ(y2008.size(), 11u);
  int on_may_first = 0;
  for (const auto& h : y2008) on_may_first += Ymd(h.day) == "2008-05-01";
  EXPECT_EQ(on_may_first, 2);
  auto find = [](int year, const std::string& key) {
    for (const auto& h : FrenchHolidays(year)) {
      if (h.key == key) return Ymd(h.day);
    }
    return std::string();
  };
  EXPECT_EQ(find(2026, "holiday.easter_monday"), "2026-04-06");
  EXPECT_EQ(find(2026, "holiday.ascension"), "2026-05-14");
  EXPECT_EQ(find(2026, "holiday.whit_monday"), "2026-05-25");
  EXPECT_EQ(find(2027, "holiday.easter_monday"), "2027-03-29");
  EXPECT_EQ(find(2027, "holiday.ascension"), "2027-05-06");
  EXPECT_EQ(find(2027, "holiday.whit_monday"), "2027-05-17");
}

TEST(Holidays, OnADay) {
  const auto bastille = date::sys_days{date::year{2031} / 7 / 14}.time_since_epoch().count();
  ASSERT_TRUE(FrenchHolidayOn(bastille));
  EXPECT_EQ(FrenchHolidayOn(bastille)->key, "holiday.bastille_day");
  EXPECT_FALSE(FrenchHolidayOn(bastille + 1));
}

}  // namespace
}  // namespace sohosolo::workspaces
