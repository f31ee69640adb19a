#pragma once

#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/model.hpp"
#include "workspaces/rentals/model.hpp"

namespace sohosolo::workspaces {

/// Whether rental contracts leave a desk free for this occasional booking. A desk under contract
/// is kept for its holders: anyone else is refused (kConflict, error.rental.desk_under_contract)
/// on a day when the desk's contracts fill its capacity (one for a desk, N for a floating-desk
/// pool); a holder's own bookings of their desk are always allowed. Call it inside the booking's
/// write transaction: SQLite's BEGIN IMMEDIATE, and on PostgreSQL a shared lock on the resource
/// that contract creation takes exclusively, make the check and the insert one step.
core::Status CheckDeskHold(db::Lease& lease, core::ProgrammeId programme, const Site& site,
                           const Resource& resource, long long account_id, const Period& period);

/// The local days of [first_day, last_day] on which the desk's contracts fill it and `account_id`
/// holds none of them: the days CheckDeskHold would refuse, for availability. Sorted; empty for
/// anything but a desk.
std::vector<Day> HeldDays(db::Lease& lease, core::ProgrammeId programme, const Site& site,
                          const Resource& resource, long long account_id, Day first_day,
                          Day last_day);

}  // namespace sohosolo::workspaces
