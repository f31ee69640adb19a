#pragma once

#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"

namespace sohosolo::workspaces {

/// Who takes part in the demo's activity.
struct DemoActivity {
  std::vector<long long> members;   ///< Fictitious members who book.
  long long host_account = 0;       ///< The demo site host, given the sites below.
  std::vector<std::string> hosted;  ///< Names of the sites the demo host runs.
  /// Names of the sites that get bookings, and whether only their offices and desks do (true)
  /// or every resource (false).
  std::vector<std::pair<std::string, bool>> busy_sites;
};

/// Four weeks of past bookings (checked in, a few no-shows and cancellations) and two weeks of
/// future ones on the given sites, flagged as demo data. Deterministic: the same pattern relative
/// to `now` on every run. Returns the number of bookings written.
int SeedDemoBookings(db::Pool& pool, core::ProgrammeId p, const DemoActivity& activity,
                     core::UnixSeconds now);

}  // namespace sohosolo::workspaces
