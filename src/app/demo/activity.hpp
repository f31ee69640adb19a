#pragma once

#include "auth/service.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::app {

/// The demo's workspace activity: fictitious members (who never log in), the demo host given
/// two sites, and weeks of bookings for the statistics. Prints what it made.
void SeedDemoActivity(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                      long long host_account);

}  // namespace sohosolo::app
