#pragma once
// The funders' report as tables, in the reader's language: the page, the PDF and the workbook
// show the same cells.

#include <string>
#include <vector>

#include "http/context.hpp"
#include "journeys/report/report.hpp"

namespace sohosolo::journeys {

struct ReportTable {
  std::string id;     ///< The page's element id ("report-villages"...).
  std::string sheet;  ///< The workbook's sheet name (31 characters at most).
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

/// Totals (with their definitions), villages, sectors, arrivals by year, the funnel, retention
/// and the workspaces' use, in that order. Percentages are whole numbers, durations in days.
std::vector<ReportTable> ReportTables(const http::Context& ctx, const Report& report);

}  // namespace sohosolo::journeys
