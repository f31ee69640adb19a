#include "workspaces/bookings/checkin.hpp"

namespace sohosolo::workspaces {

namespace {

core::Error Rule(const char* rule) {
  return core::Error{core::ErrorCode::kInvalid, "error.booking.check_in", {{"start", rule}}, {}};
}

}  // namespace

core::UnixSeconds NoShowCutoff(core::UnixSeconds now, const CheckInPolicy& policy) {
  return now - policy.grace_minutes * 60LL;
}

bool IsNoShowDue(const Booking& booking, core::UnixSeconds now, const CheckInPolicy& policy) {
  return booking.status == BookingStatus::kConfirmed && !booking.checked_in_at &&
         booking.period.start <= NoShowCutoff(now, policy);
}

core::Status CheckInAllowed(const Booking& booking, CheckInBy by, core::UnixSeconds now,
                            const CheckInPolicy& policy) {
  if (booking.status == BookingStatus::kCancelled) {
    return core::Error::Of(core::ErrorCode::kConflict, "error.booking.already_cancelled");
  }
  if (booking.checked_in_at) {
    return core::Error::Of(core::ErrorCode::kConflict, "error.booking.already_checked_in");
  }
  if (by == CheckInBy::kStaff) return core::Ok();
  if (now < booking.period.start - policy.early_minutes * 60LL) {
    return Rule("error.booking.check_in_too_early");
  }
  // Past the grace period the slot is released (or about to be): the member is too late, even if
  // the booked period has not ended; a site host can still confirm the visit.
  if (booking.status == BookingStatus::kNoShow || IsNoShowDue(booking, now, policy) ||
      now >= booking.period.end) {
    return Rule("error.booking.check_in_too_late");
  }
  return core::Ok();
}

}  // namespace sohosolo::workspaces
