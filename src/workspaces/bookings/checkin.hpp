#pragma once

#include "core/error.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// Who checks a booking in: its member on arrival, or staff (site hosts, advisors, admins).
enum class CheckInBy { kMember, kStaff };

/// Whether `booking` may be checked in at `now`. Members: from `early_minutes` before the start
/// until the booking becomes a no-show (kInvalid naming the rule, error.booking.check_in_too_early
/// or error.booking.check_in_too_late). Staff: at any time, a released no-show included (the
/// caller then reinstates it). Either: kConflict when it is cancelled or already checked in.
core::Status CheckInAllowed(const Booking& booking, CheckInBy by, core::UnixSeconds now,
                            const CheckInPolicy& policy);

/// True when a confirmed booking nobody checked in has passed its grace period at `now`.
bool IsNoShowDue(const Booking& booking, core::UnixSeconds now, const CheckInPolicy& policy);

/// Bookings starting at or before this instant, still confirmed and not checked in, are no-shows
/// at `now` (the same rule as IsNoShowDue, for a query).
core::UnixSeconds NoShowCutoff(core::UnixSeconds now, const CheckInPolicy& policy);

}  // namespace sohosolo::workspaces
