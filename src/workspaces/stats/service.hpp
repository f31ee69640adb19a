#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/stats/stats.hpp"

namespace sohosolo::workspaces {

/// What statistics are asked for: one site or every site the actor runs, over local days.
struct StatsQuery {
  std::optional<long long> site_id;
  std::string from;  ///< YYYY-MM-DD; empty: four weeks before `to` (or before this week's Sunday).
  std::string to;    ///< YYYY-MM-DD, inclusive.
};

struct StatsReport {
  long long from_day = 0;
  long long to_day = 0;
  std::vector<SiteStats> sites;
};

/// Occupancy and use of sites for the people who run them: advisors and admins see every site,
/// site hosts the ones they host. No HTTP, no SQL.
class StatsService {
 public:
  /// Periods longer than this are refused (a page of two years of weeks is already long).
  static constexpr long long kMaxDays = 731;

  /// Bookings are read through their service, which releases the no-shows due first (with the
  /// waitlist promotions that go with it), so the figures agree with every listing.
  StatsService(db::Pool& pool, Service& bookings) : pool_(pool), bookings_(bookings) {}

  /// Errors: kInvalid (dates, range), kNotFound (site), kForbidden (a site the actor does not run).
  core::Result<StatsReport> Compute(core::ProgrammeId p, const Actor& actor,
                                    const StatsQuery& query);

  /// The sites the actor may ask about, as (id, name).
  std::vector<std::pair<long long, std::string>> SiteChoices(core::ProgrammeId p,
                                                             const Actor& actor);

 private:
  /// The site asked for, or every site the actor runs; refused when not theirs.
  core::Result<std::vector<Site>> SitesAsked(core::ProgrammeId p, const Actor& actor,
                                             std::optional<long long> site_id);

  db::Pool& pool_;
  Service& bookings_;
};

/// The report as CSV (RFC 4180: comma-separated, CRLF line ends, quoted when needed; UTF-8):
/// one row per site or resource and per total, ISO week and month.
std::string StatsCsv(const StatsReport& report);

/// One CSV field, quoted when it holds a comma, a quote or a line break.
std::string CsvField(std::string_view text);

}  // namespace sohosolo::workspaces
