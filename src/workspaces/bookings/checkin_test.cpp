#include "workspaces/bookings/checkin.hpp"

#include <gtest/gtest.h>

namespace sohosolo::workspaces {

namespace {

constexpr core::UnixSeconds kStart = 1796119200;  // 2026-12-01 10:00 UTC
const CheckInPolicy kPolicy{};                    // 15 minutes early, 15 minutes of grace

Booking At(core::UnixSeconds start, core::UnixSeconds end) {
  Booking b;
  b.id = 7;
  b.period = {start, end};
  return b;
}

std::string RuleOf(const core::Status& status) {
  return status.ok() || status.error().fields.empty() ? ""
                                                      : status.error().fields.front().message_key;
}

}  // namespace

TEST(WorkspacesCheckIn, MembersFromFifteenMinutesBeforeUntilTheGraceEnds) {
  const auto b = At(kStart, kStart + 3600);
  const auto too_early = CheckInAllowed(b, CheckInBy::kMember, kStart - 15 * 60 - 1, kPolicy);
  EXPECT_EQ(too_early.error().code, core::ErrorCode::kInvalid);
  EXPECT_EQ(RuleOf(too_early), "error.booking.check_in_too_early");
  EXPECT_TRUE(CheckInAllowed(b, CheckInBy::kMember, kStart - 15 * 60, kPolicy).ok());
  EXPECT_TRUE(CheckInAllowed(b, CheckInBy::kMember, kStart + 15 * 60 - 1, kPolicy).ok());
  // From the end of the grace period the booking is a no-show: the member is too late.
  EXPECT_EQ(RuleOf(CheckInAllowed(b, CheckInBy::kMember, kStart + 15 * 60, kPolicy)),
            "error.booking.check_in_too_late");
  auto released = b;
  released.status = BookingStatus::kNoShow;
  EXPECT_EQ(RuleOf(CheckInAllowed(released, CheckInBy::kMember, kStart, kPolicy)),
            "error.booking.check_in_too_late");
}

TEST(WorkspacesCheckIn, StaffAtAnyTimeIncludingReleasedNoShows) {
  auto b = At(kStart, kStart + 3600);
  EXPECT_TRUE(CheckInAllowed(b, CheckInBy::kStaff, kStart - 86400, kPolicy).ok());
  EXPECT_TRUE(CheckInAllowed(b, CheckInBy::kStaff, kStart + 7200, kPolicy).ok());
  b.status = BookingStatus::kNoShow;
  EXPECT_TRUE(CheckInAllowed(b, CheckInBy::kStaff, kStart + 1800, kPolicy).ok());
}

TEST(WorkspacesCheckIn, TwiceOrCancelledIsAConflict) {
  auto b = At(kStart, kStart + 3600);
  b.checked_in_at = kStart - 60;
  for (auto by : {CheckInBy::kMember, CheckInBy::kStaff}) {
    const auto twice = CheckInAllowed(b, by, kStart, kPolicy);
    EXPECT_EQ(twice.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(twice.error().message_key, "error.booking.already_checked_in");
  }
  auto cancelled = At(kStart, kStart + 3600);
  cancelled.status = BookingStatus::kCancelled;
  EXPECT_EQ(CheckInAllowed(cancelled, CheckInBy::kStaff, kStart, kPolicy).error().message_key,
            "error.booking.already_cancelled");
}

TEST(WorkspacesCheckIn, NoShowAfterTheGracePeriodUnlessCheckedIn) {
  auto b = At(kStart, kStart + 3600);
  EXPECT_FALSE(IsNoShowDue(b, kStart + 15 * 60 - 1, kPolicy));
  EXPECT_TRUE(IsNoShowDue(b, kStart + 15 * 60, kPolicy));
  EXPECT_EQ(NoShowCutoff(kStart + 15 * 60, kPolicy), kStart);
  b.checked_in_at = kStart + 60;
  EXPECT_FALSE(IsNoShowDue(b, kStart + 7200, kPolicy));
  auto cancelled = At(kStart, kStart + 3600);
  cancelled.status = BookingStatus::kCancelled;
  EXPECT_FALSE(IsNoShowDue(cancelled, kStart + 7200, kPolicy));
  // A longer grace period is a configuration away.
  EXPECT_FALSE(IsNoShowDue(At(kStart, kStart + 3600), kStart + 20 * 60, CheckInPolicy{15, 30}));
}

}  // namespace sohosolo::workspaces
