#include "workspaces/bookings/holidays.hpp"

#include <date/date.h>

#include <algorithm>

namespace sohosolo::workspaces {

namespace {

long long DayOf(int year, unsigned month, unsigned day) {
  return date::sys_days{date::year{year} / date::month{month} / date::day{day}}
      .time_since_epoch()
      .count();
}

}  // namespace

long long EasterSunday(int year) {
  // Meeus/Jones/Butcher: the Gregorian computus in integer arithmetic.
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return DayOf(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> FrenchHolidays(int year) {
  const long long easter = EasterSunday(year);
  std::vector<Holiday> out{
      {DayOf(year, 1, 1), "holiday.new_year"},      {easter + 1, "holiday.easter_monday"},
      {DayOf(year, 5, 1), "holiday.labour_day"},    {DayOf(year, 5, 8), "holiday.victory_1945"},
      {easter + 39, "holiday.ascension"},           {easter + 50, "holiday.whit_monday"},
      {DayOf(year, 7, 14), "holiday.bastille_day"}, {DayOf(year, 8, 15), "holiday.assumption"},
      {DayOf(year, 11, 1), "holiday.all_saints"},   {DayOf(year, 11, 11), "holiday.armistice_1918"},
      {DayOf(year, 12, 25), "holiday.christmas"},
  };
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
  return out;
}

std::optional<Holiday> FrenchHolidayOn(long long day) {
  const date::year_month_day ymd{date::sys_days{date::days{day}}};
  for (auto& h : FrenchHolidays(static_cast<int>(ymd.year()))) {
    if (h.day == day) return h;
  }
  return std::nullopt;
}

}  // namespace sohosolo::workspaces
