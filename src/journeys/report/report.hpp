#pragma once
// The funders' report: the programme's figures in tables, computed from the files and their
// history by a pure function (tested against figures counted by hand).

#include <map>
#include <string>
#include <vector>

#include "journeys/model.hpp"

namespace sohosolo::journeys {

/// A stage move of the history: which file, when, to which stage.
struct StageMoveAt {
  long long journey_id = 0;
  core::UnixSeconds at = 0;
  std::string to_stage;
};

struct ReportRow {
  std::string key;    ///< A village code, a NAF section, a year, a stage...
  std::string label;  ///< Its name where there is one (a village's).
  long long households = 0;
  long long residents = 0;
};

struct FunnelStep {
  std::string stage;
  long long reached = 0;    ///< Files that reached this stage (or went beyond it).
  double conversion = 0;    ///< reached / reached at the stage before (1 for the first).
  double median_days = -1;  ///< Median time spent at the stage before moving on; -1: none.
};

struct Retention {
  int years = 0;
  long long settled_before = 0;  ///< Households settled at least `years` ago.
  long long still_here = 0;      ///< Of those, the ones not abandoned since.
};

/// How much a telecentre or coworking space of the programme was used over the report's year
/// (from the workspaces' statistics: confirmed bookings within opening hours).
struct WorkspaceUse {
  std::string site;
  long long bookings = 0;
  long long members = 0;  ///< Distinct people who booked.
  double booked_hours = 0;
  double occupancy = 0;  ///< Booked hours over open hours.
};

struct Report {
  Indicators totals;
  std::vector<ReportRow> by_village;
  std::vector<ReportRow> by_sector;
  std::vector<ReportRow> arrivals_by_year;
  std::vector<FunnelStep> funnel;
  std::vector<Retention> retention;
  std::vector<WorkspaceUse> workspace_use;   ///< Over the 365 days before the report's day.
  std::string workspace_from, workspace_to;  ///< That period (YYYY-MM-DD, inclusive).
};

/// The report of `files` (every file of a programme) and their stage moves, at `now`;
/// `village_names` gives names to codes.
Report BuildReport(const std::vector<Journey>& files, const std::vector<StageMoveAt>& moves,
                   const std::map<std::string, std::string>& village_names, core::UnixSeconds now);

}  // namespace sohosolo::journeys
