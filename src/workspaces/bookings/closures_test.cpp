#include <gtest/gtest.h>

#include "workspaces/bookings/rules.hpp"

namespace sohosolo::workspaces {
namespace {

core::UnixSeconds At(const char* rfc3339) { return core::ParseRfc3339(rfc3339)->utc; }

Site Weekdays() {
  Site site;
  site.id = 4;
  site.time_zone = "Europe/Paris";
  for (int day = 1; day <= 5; ++day) site.hours.push_back({day, 9 * 60, 12 * 60});
  return site;
}

TEST(WorkspacesClosures, HolidaysAndTheSitesOwnClosuresByLocalDay) {
  const auto site = Weekdays();
  const std::vector<Closure> closures{{1, 4, "2027-02-15", "2027-02-19", "Travaux"},
                                      {2, 5, "2027-02-22", "2027-02-22", "Autre site"}};
  auto easter_monday = ClosedOn(site, closures, {At("2027-03-29T09:00:00+02:00"), 0});
  ASSERT_TRUE(easter_monday);
  EXPECT_EQ(easter_monday->holiday_key, "holiday.easter_monday");
  EXPECT_EQ(easter_monday->date, "2027-03-29");
  auto works = ClosedOn(site, closures, {At("2027-02-19T11:00:00+01:00"), 0});
  ASSERT_TRUE(works);
  EXPECT_EQ(works->reason, "Travaux");
  EXPECT_FALSE(ClosedOn(site, closures, {At("2027-02-22T09:00:00+01:00"), 0}));  // another site's
  EXPECT_FALSE(ClosedOn(site, closures, {At("2027-02-20T09:00:00+01:00"), 0}));
  // 23:30 UTC on 13 July is already 14 July in Paris.
  auto bastille = ClosedOn(site, {}, {At("2027-07-13T23:30:00Z"), 0});
  ASSERT_TRUE(bastille);
  EXPECT_EQ(bastille->holiday_key, "holiday.bastille_day");
}

TEST(WorkspacesClosures, AvailabilityHasNothingFreeOnClosedDaysAndKeepsBuffers) {
  const auto site = Weekdays();
  const long long monday = *ParseDay("2027-02-15");
  Booking b;
  b.period = {At("2027-02-16T10:00:00+01:00"), At("2027-02-16T10:30:00+01:00")};
  b.blocked_end = b.period.end + 15 * 60;
  const std::vector<Closure> closures{{1, 4, "2027-02-15", "2027-02-15", "Travaux"}};
  auto a = ComputeAvailability(site, {b}, monday, monday + 1, closures, 15);
  ASSERT_EQ(a.free.size(), 2u);
  EXPECT_EQ(a.free[0].start, At("2027-02-16T09:00:00+01:00"));
  EXPECT_EQ(a.free[0].end, At("2027-02-16T09:45:00+01:00"));
  EXPECT_EQ(a.free[1].start, At("2027-02-16T10:45:00+01:00"));
  ASSERT_EQ(a.busy.size(), 1u);
  EXPECT_EQ(a.busy[0].start, At("2027-02-16T09:45:00+01:00"));
  // A pending request holds its slot too; a declined one does not.
  b.status = BookingStatus::kPending;
  EXPECT_EQ(ComputeAvailability(site, {b}, monday + 1, monday + 1, {}, 0).busy.size(), 1u);
  b.status = BookingStatus::kDeclined;
  EXPECT_EQ(ComputeAvailability(site, {b}, monday + 1, monday + 1, {}, 0).busy.size(), 0u);
}

}  // namespace
}  // namespace sohosolo::workspaces
