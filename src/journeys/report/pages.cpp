// The funders' report for staff: a page, a CSV (one long table), a PDF and an XLSX workbook
// (one sheet per table), all from the same computation.
#include <fmt/format.h>

#include "documents/document.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "journeys/pages_common.hpp"
#include "journeys/report/tables.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys::pages {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kReportView = "src/journeys/report/views/report.html";

ViewData Strings(const std::vector<std::string>& cells) {
  ViewData list{ViewData::type::list};
  for (const auto& c : cells) list.push_back(ViewData(c));
  return list;
}

Response ReportPage(Request&, Context& ctx, Journeys& journeys) {
  const auto r = journeys.FundersReport(ctx.programme.id);
  ViewData data = FigureCards(ctx, r.totals);
  ViewData tables{ViewData::type::list};
  auto all = ReportTables(ctx, r);
  for (std::size_t i = 1; i < all.size(); ++i) {  // the totals are the figure cards above
    ViewData table;
    table.set("id", all[i].id);
    table.set("title", all[i].title);
    table.set("header", Strings(all[i].header));
    ViewData rows{ViewData::type::list};
    for (const auto& row : all[i].rows) {
      ViewData item;
      item.set("cells", Strings(row));
      rows.push_back(item);
    }
    table.set("rows", rows);
    tables.push_back(table);
  }
  data.set("tables", tables);
  return http::Page(ctx, kReportView, std::move(data), "report.title");
}

/// "Rapport ... — Soho Solo Gers", and when it was computed (with the demo notice).
documents::Document ReportDocument(const Context& ctx, const Report& r) {
  documents::Document d;
  d.title = http::T(ctx, "report.title") + " — " + ctx.programme.name;
  d.subtitle = FigureCards(ctx, r.totals).get("note")->string_value();
  for (auto& table : ReportTables(ctx, r)) {
    d.Heading(table.title);
    std::vector<std::vector<std::string>> rows{table.header};
    for (auto& row : table.rows) rows.push_back(std::move(row));
    if (rows.size() == 1) rows.push_back({"—"});
    d.Table(std::move(rows));
  }
  return d;
}

Response Attachment(std::string body, const char* type, const char* filename) {
  auto response = Response::Text(std::move(body), type);
  response.SetHeader("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
  return response;
}

Response ReportPdf(Request&, Context& ctx, Journeys& journeys) {
  const auto r = journeys.FundersReport(ctx.programme.id);
  return Attachment(documents::ToPdf(ReportDocument(ctx, r)), "application/pdf",
                    "soho-solo-report.pdf");
}

Response ReportXlsx(Request&, Context& ctx, Journeys& journeys) {
  const auto r = journeys.FundersReport(ctx.programme.id);
  std::vector<documents::Sheet> sheets;
  for (auto& table : ReportTables(ctx, r)) {
    documents::Sheet sheet{table.sheet, {table.header}};
    for (auto& row : table.rows) sheet.rows.push_back(std::move(row));
    sheets.push_back(std::move(sheet));
  }
  return Attachment(documents::ToXlsx(sheets),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "soho-solo-report.xlsx");
}

/// One field of a CSV line: quoted when it holds a separator, a quote or a line break; a
/// leading = + - @ is neutralised (a spreadsheet would run it as a formula).
std::string CsvField(std::string v) {
  if (!v.empty() && std::string("=+-@").find(v[0]) != std::string::npos) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Response ReportCsv(Request&, Context& ctx, Journeys& journeys) {
  const auto r = journeys.FundersReport(ctx.programme.id);
  // One table of rows; each kind of row fills its own columns, the others stay empty.
  std::string csv =
      "table,key,label,households,residents,reached,conversion,median_days,bookings,members,"
      "booked_hours,occupancy\r\n";
  const auto line = [&csv](std::vector<std::string> fields) {
    fields.resize(12);
    for (std::size_t i = 0; i < fields.size(); ++i) csv += (i ? "," : "") + CsvField(fields[i]);
    csv += "\r\n";
  };
  line({"totals", "settled_households", "", std::to_string(r.totals.settled_households), "", "", "",
        ""});
  line({"totals", "new_residents", "", "", std::to_string(r.totals.new_residents), "", "", ""});
  line({"totals", "digital_households", "", std::to_string(r.totals.digital_households), "", "", "",
        ""});
  line({"totals", "files_open", "", std::to_string(r.totals.files_open), "", "", "", ""});
  for (const auto& [table, rows] :
       {std::pair{"village", &r.by_village}, std::pair{"sector", &r.by_sector},
        std::pair{"year", &r.arrivals_by_year}})
    for (const auto& row : *rows)
      line({table, row.key, row.label, std::to_string(row.households),
            std::to_string(row.residents), "", "", ""});
  for (const auto& step : r.funnel)
    line({"funnel", step.stage, "", "", "", std::to_string(step.reached),
          fmt::format("{:.3f}", step.conversion),
          step.median_days < 0 ? "" : fmt::format("{:.1f}", step.median_days)});
  for (const auto& ret : r.retention)
    line({"retention", std::to_string(ret.years), "", std::to_string(ret.settled_before), "",
          std::to_string(ret.still_here), "", ""});
  // The telecentres' use over the report's year (period in the key: first day/last day).
  for (const auto& w : r.workspace_use)
    line({"workspaces", r.workspace_from + "/" + r.workspace_to, w.site, "", "", "", "", "",
          std::to_string(w.bookings), std::to_string(w.members),
          fmt::format("{:.1f}", w.booked_hours), fmt::format("{:.3f}", w.occupancy)});
  return Attachment(std::move(csv), "text/csv; charset=utf-8", "soho-solo-report.csv");
}

}  // namespace

void AddReportPages(http::Router& router, Journeys& journeys) {
  router.Add("GET", "/indicators/report", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportPage(req, ctx, journeys); });
  router.Add("GET", "/indicators/report.csv", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportCsv(req, ctx, journeys); });
  router.Add("GET", "/indicators/report.pdf", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportPdf(req, ctx, journeys); });
  router.Add("GET", "/indicators/report.xlsx", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportXlsx(req, ctx, journeys); });
}

}  // namespace sohosolo::journeys::pages
