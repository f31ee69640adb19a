#include "workspaces/stats/stats.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

namespace sohosolo::workspaces {

namespace {

long long Day(int y, unsigned m, unsigned d) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch().count();
}

core::UnixSeconds At(const char* rfc3339) { return core::ParseRfc3339(rfc3339)->utc; }

/// Monday to Friday, 8:30-12:30 and 13:30-18:00 in Paris: 8.5 open hours a weekday.
Site Telecentre() {
  Site site;
  site.id = 1;
  for (int day = 1; day <= 5; ++day) {
    site.hours.push_back({day, 8 * 60 + 30, 12 * 60 + 30});
    site.hours.push_back({day, 13 * 60 + 30, 18 * 60});
  }
  return site;
}

/// Open all day, every day: its open hours show the daylight-saving changes.
Site AlwaysOpen() {
  Site site;
  site.id = 2;
  for (int day = 1; day <= 7; ++day) site.hours.push_back({day, 0, 24 * 60});
  return site;
}

Resource Office(long long id, bool bookable = true) {
  Resource r;
  r.id = id;
  r.site_id = 1;
  r.kind = "office";
  r.name = "Bureau " + std::to_string(id);
  r.bookable = bookable;
  return r;
}

Booking B(long long resource, long long account, const char* start, const char* end,
          const char* status = "confirmed") {
  Booking b;
  b.resource_id = resource;
  b.account_id = account;
  b.period = {At(start), At(end)};
  b.status = *ParseBookingStatus(status);
  return b;
}

}  // namespace

TEST(WorkspacesStats, IsoWeeksAcrossYearEnds) {
  EXPECT_EQ(IsoWeekKey(Day(2026, 11, 26)), "2026-W48");
  EXPECT_EQ(IsoWeekKey(Day(2026, 11, 2)), "2026-W45");
  // 2026 begins on a Thursday, so it has 53 weeks; 1 January 2027 is in its last one.
  EXPECT_EQ(IsoWeekKey(Day(2027, 1, 1)), "2026-W53");
  EXPECT_EQ(IsoWeekKey(Day(2024, 12, 30)), "2025-W01");
}

TEST(WorkspacesStats, OneWeekOfATelecentre) {
  // Week 45 of 2026: Monday 2 to Sunday 8 November, Paris on winter time (+01:00).
  const std::vector<Booking> bookings{
      B(1, 1, "2026-11-02T09:00:00+01:00", "2026-11-02T11:00:00+01:00"),  // 2 h
      B(1, 2, "2026-11-03T12:00:00+01:00", "2026-11-03T14:00:00+01:00"),  // 1 h open (lunch)
      B(1, 3, "2026-11-04T09:00:00+01:00", "2026-11-04T10:00:00+01:00", "no_show"),  // released
      B(1, 4, "2026-11-05T09:00:00+01:00", "2026-11-05T10:00:00+01:00", "cancelled"),
      B(1, 1, "2026-11-07T10:00:00+01:00", "2026-11-07T11:00:00+01:00"),  // Saturday: closed
      B(1, 5, "2026-11-09T09:00:00+01:00", "2026-11-09T10:00:00+01:00"),  // the next week
  };
  const auto stats =
      ComputeSiteStats(Telecentre(), {Office(1)}, bookings, Day(2026, 11, 2), Day(2026, 11, 8));
  EXPECT_DOUBLE_EQ(stats.total.open_hours, 5 * 8.5);
  EXPECT_DOUBLE_EQ(stats.total.booked_hours, 3.0);
  EXPECT_DOUBLE_EQ(stats.total.Occupancy(), 3.0 / 42.5);
  EXPECT_EQ(stats.total.bookings, 3);
  EXPECT_EQ(stats.total.members, 3);  // accounts 1 (twice), 2 and 3 (the no-show); not 4 nor 5
  EXPECT_EQ(stats.total.no_shows, 1);
  EXPECT_EQ(stats.total.cancellations, 1);
  ASSERT_EQ(stats.weeks.size(), 1u);
  EXPECT_EQ(stats.weeks[0].key, "2026-W45");
  EXPECT_EQ(stats.weeks[0].first_day, Day(2026, 11, 2));
  EXPECT_EQ(stats.weeks[0].last_day, Day(2026, 11, 8));
  ASSERT_EQ(stats.months.size(), 1u);
  EXPECT_EQ(stats.months[0].key, "2026-11");
  ASSERT_EQ(stats.resources.size(), 1u);
  EXPECT_DOUBLE_EQ(stats.resources[0].total.booked_hours, 3.0);
  // Monday 9:00-11:00, and Tuesday's two open half hours around lunch.
  EXPECT_DOUBLE_EQ(stats.busiest[0][9], 1.0);
  EXPECT_DOUBLE_EQ(stats.busiest[0][10], 1.0);
  EXPECT_DOUBLE_EQ(stats.busiest[1][12], 0.5);
  EXPECT_DOUBLE_EQ(stats.busiest[1][13], 0.5);
  EXPECT_DOUBLE_EQ(stats.busiest[5][10], 0.0);
}

TEST(WorkspacesStats, PendingAndDeclinedRequestsAreNotCounted) {
  // A request awaiting the host's approval, or refused by them, was never a booking held: it
  // adds no booking, no booked hour, no member and no busy hour; only the confirmed one counts.
  const std::vector<Booking> bookings{
      B(1, 1, "2026-11-02T09:00:00+01:00", "2026-11-02T11:00:00+01:00"),
      B(1, 2, "2026-11-03T09:00:00+01:00", "2026-11-03T11:00:00+01:00", "pending"),
      B(1, 3, "2026-11-04T09:00:00+01:00", "2026-11-04T11:00:00+01:00", "declined"),
  };
  const auto stats =
      ComputeSiteStats(Telecentre(), {Office(1)}, bookings, Day(2026, 11, 2), Day(2026, 11, 8));
  EXPECT_EQ(stats.total.bookings, 1);
  EXPECT_DOUBLE_EQ(stats.total.booked_hours, 2.0);
  EXPECT_EQ(stats.total.members, 1);
  EXPECT_EQ(stats.total.cancellations, 0);
  EXPECT_EQ(stats.total.no_shows, 0);
  ASSERT_EQ(stats.resources.size(), 1u);
  EXPECT_EQ(stats.resources[0].total.bookings, 1);
  EXPECT_DOUBLE_EQ(stats.busiest[1][9], 0.0);
  EXPECT_DOUBLE_EQ(stats.busiest[2][9], 0.0);
}

TEST(WorkspacesStats, WeeksAndMonthsAreCutToThePeriod) {
  // Monday 26 October to Sunday 8 November 2026: weeks 44 and 45, October and November.
  const std::vector<Booking> bookings{
      B(1, 1, "2026-10-30T14:00:00+01:00", "2026-10-30T18:00:00+01:00"),
      B(1, 1, "2026-11-02T09:00:00+01:00", "2026-11-02T10:00:00+01:00"),
  };
  const auto stats =
      ComputeSiteStats(Telecentre(), {Office(1)}, bookings, Day(2026, 10, 26), Day(2026, 11, 8));
  ASSERT_EQ(stats.weeks.size(), 2u);
  EXPECT_EQ(stats.weeks[0].key, "2026-W44");
  EXPECT_DOUBLE_EQ(stats.weeks[0].figures.booked_hours, 4.0);
  EXPECT_DOUBLE_EQ(stats.weeks[1].figures.booked_hours, 1.0);
  ASSERT_EQ(stats.months.size(), 2u);
  EXPECT_EQ(stats.months[0].key, "2026-10");
  EXPECT_EQ(stats.months[0].first_day, Day(2026, 10, 26));
  EXPECT_EQ(stats.months[0].last_day, Day(2026, 10, 31));
  EXPECT_DOUBLE_EQ(stats.months[0].figures.open_hours, 5 * 8.5);
  EXPECT_EQ(stats.months[1].key, "2026-11");
  EXPECT_EQ(stats.months[1].first_day, Day(2026, 11, 1));
  EXPECT_DOUBLE_EQ(stats.months[1].figures.open_hours, 5 * 8.5);
  EXPECT_DOUBLE_EQ(stats.months[1].figures.Occupancy(), 1.0 / 42.5);
  EXPECT_EQ(stats.months[0].figures.members, 1);
  EXPECT_EQ(stats.total.members, 1);
}

TEST(WorkspacesStats, DaylightSavingWeeksHave167And169Hours) {
  // Paris springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October 2026.
  const auto spring =
      ComputeSiteStats(AlwaysOpen(), {Office(1)}, {}, Day(2026, 3, 23), Day(2026, 3, 29));
  ASSERT_EQ(spring.weeks.size(), 1u);
  EXPECT_EQ(spring.weeks[0].key, "2026-W13");
  EXPECT_DOUBLE_EQ(spring.weeks[0].figures.open_hours, 167.0);
  const auto autumn =
      ComputeSiteStats(AlwaysOpen(), {Office(1)}, {}, Day(2026, 10, 19), Day(2026, 10, 25));
  EXPECT_EQ(autumn.weeks[0].key, "2026-W43");
  EXPECT_DOUBLE_EQ(autumn.weeks[0].figures.open_hours, 169.0);
}

TEST(WorkspacesStats, ABookingAcrossTheSpringGapIsItsRealLength) {
  // 1:00 (+01:00) to 4:00 (+02:00) on 29 March 2026 lasts two hours: 2:00-3:00 never happens.
  const std::vector<Booking> bookings{
      B(1, 1, "2026-03-29T01:00:00+01:00", "2026-03-29T04:00:00+02:00")};
  const auto stats =
      ComputeSiteStats(AlwaysOpen(), {Office(1)}, bookings, Day(2026, 3, 23), Day(2026, 3, 29));
  EXPECT_DOUBLE_EQ(stats.total.booked_hours, 2.0);
  EXPECT_DOUBLE_EQ(stats.total.Occupancy(), 2.0 / 167.0);
  EXPECT_DOUBLE_EQ(stats.busiest[6][1], 1.0);
  EXPECT_DOUBLE_EQ(stats.busiest[6][2], 0.0);
  EXPECT_DOUBLE_EQ(stats.busiest[6][3], 1.0);
}

TEST(WorkspacesStats, SiteFiguresAddResourcesAndCountMembersOnce) {
  // Resource 3 is not bookable and unused: it does not count in the site's open hours.
  const std::vector<Booking> bookings{
      B(1, 7, "2026-11-02T09:00:00+01:00", "2026-11-02T10:00:00+01:00"),
      B(2, 7, "2026-11-02T09:00:00+01:00", "2026-11-02T10:00:00+01:00"),
  };
  const auto stats = ComputeSiteStats(Telecentre(), {Office(1), Office(2), Office(3, false)},
                                      bookings, Day(2026, 11, 2), Day(2026, 11, 8));
  EXPECT_DOUBLE_EQ(stats.total.open_hours, 2 * 42.5);
  EXPECT_DOUBLE_EQ(stats.total.booked_hours, 2.0);
  EXPECT_EQ(stats.total.members, 1);
  ASSERT_EQ(stats.resources.size(), 2u);
  EXPECT_EQ(stats.resources[1].total.members, 1);
  EXPECT_DOUBLE_EQ(stats.busiest[0][9], 2.0);
}

TEST(WorkspacesStats, OpenPeriodsFollowTheSiteZone) {
  auto site = Telecentre();
  site.time_zone = "America/Martinique";  // UTC-4, no daylight saving
  const auto open = OpenPeriods(site, Day(2026, 11, 2));
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].start, At("2026-11-02T12:30:00Z"));
  EXPECT_EQ(open[1].end, At("2026-11-02T22:00:00Z"));
  EXPECT_TRUE(OpenPeriods(site, Day(2026, 11, 7)).empty());
}

TEST(WorkspacesStats, NothingIsOpenOnHolidaysAndClosures) {
  const auto site = Telecentre();
  // Wednesday 11 November 2026 is Armistice Day; the site closes itself on Thursday 12th.
  const std::vector<Closure> closures{{1, site.id, "2026-11-12", "2026-11-12", "Inventaire"}};
  EXPECT_TRUE(OpenPeriods(site, Day(2026, 11, 11), closures).empty());
  EXPECT_TRUE(OpenPeriods(site, Day(2026, 11, 12), closures).empty());
  EXPECT_EQ(OpenPeriods(site, Day(2026, 11, 13), closures).size(), 2u);
  // A week with both: three open days of the five.
  const auto stats =
      ComputeSiteStats(site, {Office(1)}, {}, Day(2026, 11, 9), Day(2026, 11, 15), closures);
  const auto full = ComputeSiteStats(site, {Office(1)}, {}, Day(2026, 11, 2), Day(2026, 11, 8));
  EXPECT_DOUBLE_EQ(stats.total.open_hours * 5, full.total.open_hours * 3);
}

}  // namespace sohosolo::workspaces
