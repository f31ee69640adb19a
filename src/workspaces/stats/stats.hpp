#pragma once

#include <array>
#include <string>
#include <vector>

#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// The periods a site is open on local day `day` (days since 1970-01-01 in the site's zone),
/// from its weekly hours, as UTC instants: none on a public holiday or one of the site's
/// `closures`. Every open-hours figure of the statistics comes from here.
std::vector<Period> OpenPeriods(const Site& site, long long day,
                                const std::vector<Closure>& closures = {});

/// What happened on a resource or site during a period.
struct Figures {
  double booked_hours = 0;  ///< Confirmed bookings, within opening hours.
  double open_hours = 0;    ///< Opening hours times the resources counted.
  int bookings = 0;         ///< Confirmed bookings.
  int members = 0;          ///< Distinct accounts with a confirmed booking or a no-show.
  int no_shows = 0;
  int cancellations = 0;
  /// Booked hours over open hours, 0 when nothing was open.
  double Occupancy() const { return open_hours > 0 ? booked_hours / open_hours : 0; }
};

/// One ISO week ("2026-W48") or month ("2026-11") of the period, cut to the period's days.
struct Bucket {
  std::string key;
  long long first_day = 0;
  long long last_day = 0;
  Figures figures;
};

struct ResourceStats {
  Resource resource;
  Figures total;
  std::vector<Bucket> weeks;
  std::vector<Bucket> months;
};

/// Booked hours by local weekday (0 = Monday) and hour of the day (0-23).
using HourGrid = std::array<std::array<double, 24>, 7>;

struct SiteStats {
  Site site;
  long long from_day = 0;
  long long to_day = 0;
  Figures total;
  std::vector<Bucket> weeks;
  std::vector<Bucket> months;
  HourGrid busiest{};
  std::vector<ResourceStats> resources;
};

/// The statistics of a site over the local days [from_day, to_day] in the site's zone. A
/// booking belongs to the local day it starts on; `bookings` may hold any status and days outside
/// the period (they are left out). A resource counts in the site's open hours when it is bookable
/// or was booked in the period.
SiteStats ComputeSiteStats(const Site& site, const std::vector<Resource>& resources,
                           const std::vector<Booking>& bookings, long long from_day,
                           long long to_day, const std::vector<Closure>& closures = {});

/// "2026-W48": the ISO 8601 week of a day.
std::string IsoWeekKey(long long day);

}  // namespace sohosolo::workspaces
