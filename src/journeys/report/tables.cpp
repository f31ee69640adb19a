#include "journeys/report/tables.hpp"

#include <fmt/format.h>

#include "http/views.hpp"

namespace sohosolo::journeys {

namespace {

std::string Percent(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)); }

std::string Days(double days) {
  if (days < 0) return "—";
  return std::to_string(static_cast<long long>(days + 0.5));
}

ReportTable Households(const http::Context& ctx, const char* id, const char* title,
                       const char* first, const std::vector<ReportRow>& rows,
                       const char* label_prefix) {
  ReportTable t{
      id,
      http::T(ctx, std::string(title) + "_sheet"),
      http::T(ctx, title),
      {http::T(ctx, first), http::T(ctx, "report.households"), http::T(ctx, "report.residents")},
      {}};
  for (const auto& row : rows) {
    std::string label = row.label.empty() ? row.key : row.label + " (" + row.key + ")";
    if (label_prefix && !row.key.empty())
      label = row.key + " — " + http::T(ctx, label_prefix + row.key);
    if (row.key.empty()) label = "—";
    t.rows.push_back({label, std::to_string(row.households), std::to_string(row.residents)});
  }
  return t;
}

ReportTable Totals(const http::Context& ctx, const Indicators& f) {
  ReportTable t{"report-totals",
                http::T(ctx, "report.totals_sheet"),
                http::T(ctx, "report.totals"),
                {http::T(ctx, "report.figure"), http::T(ctx, "report.value"),
                 http::T(ctx, "report.definition")},
                {}};
  for (const auto& [key, value] : {std::pair{"settled_households", f.settled_households},
                                   {"new_residents", f.new_residents},
                                   {"digital_households", f.digital_households},
                                   {"files_open", f.files_open}})
    t.rows.push_back({http::T(ctx, std::string("indicator.") + key), std::to_string(value),
                      http::T(ctx, std::string("indicator.") + key + "_definition")});
  return t;
}

ReportTable Funnel(const http::Context& ctx, const Report& r) {
  ReportTable t{"report-funnel",
                http::T(ctx, "report.funnel_sheet"),
                http::T(ctx, "report.funnel"),
                {http::T(ctx, "report.stage"), http::T(ctx, "report.reached"),
                 http::T(ctx, "report.conversion"), http::T(ctx, "report.median_days")},
                {}};
  for (const auto& step : r.funnel)
    t.rows.push_back({http::T(ctx, "journey.stage." + step.stage), std::to_string(step.reached),
                      Percent(step.conversion), Days(step.median_days)});
  return t;
}

ReportTable RetentionTable(const http::Context& ctx, const Report& r) {
  ReportTable t{"report-retention",
                http::T(ctx, "report.retention_sheet"),
                http::T(ctx, "report.retention"),
                {http::T(ctx, "report.years"), http::T(ctx, "report.settled_before"),
                 http::T(ctx, "report.still_here")},
                {}};
  for (const auto& ret : r.retention)
    t.rows.push_back({std::to_string(ret.years), std::to_string(ret.settled_before),
                      std::to_string(ret.still_here)});
  return t;
}

ReportTable Workspaces(const http::Context& ctx, const Report& r) {
  auto title = http::T(ctx, "report.workspaces");
  title += " (" + r.workspace_from + " — " + r.workspace_to + ")";
  ReportTable t{
      "report-workspaces",
      http::T(ctx, "report.workspaces_sheet"),
      title,
      {http::T(ctx, "report.site"), http::T(ctx, "report.bookings"), http::T(ctx, "report.members"),
       http::T(ctx, "report.booked_hours"), http::T(ctx, "report.occupancy")},
      {}};
  for (const auto& w : r.workspace_use)
    t.rows.push_back({w.site, std::to_string(w.bookings), std::to_string(w.members),
                      fmt::format("{:.1f}", w.booked_hours), Percent(w.occupancy)});
  return t;
}

}  // namespace

std::vector<ReportTable> ReportTables(const http::Context& ctx, const Report& r) {
  return {
      Totals(ctx, r.totals),
      Households(ctx, "report-villages", "report.by_village", "journey.village", r.by_village,
                 nullptr),
      Households(ctx, "report-sectors", "report.by_sector", "journey.sector", r.by_sector, "naf."),
      Households(ctx, "report-years", "report.by_year", "report.year", r.arrivals_by_year, nullptr),
      Funnel(ctx, r),
      RetentionTable(ctx, r),
      Workspaces(ctx, r)};
}

}  // namespace sohosolo::journeys
