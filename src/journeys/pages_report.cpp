// The funders' report (page and CSV), the home page's figures, and the newcomer's own page.
#include <fmt/format.h>

#include "http/status.hpp"
#include "http/views.hpp"
#include "journeys/pages_common.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys {

namespace pages {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kReportView = "src/journeys/views/report.html";
constexpr const char* kOwnView = "src/journeys/views/own.html";

std::string Percent(double share) {
  return std::to_string(static_cast<int>(share * 100 + 0.5)) + " %";
}

std::string Days(double days) {
  if (days < 0) return "—";
  return std::to_string(static_cast<long long>(days + 0.5));
}

ViewData RowItems(const Context& ctx, const std::vector<ReportRow>& rows,
                  const char* label_prefix) {
  ViewData list{ViewData::type::list};
  for (const auto& row : rows) {
    ViewData item;
    item.set("key", row.key);
    std::string label = row.label.empty() ? row.key : row.label + " (" + row.key + ")";
    if (label_prefix && !row.key.empty())
      label = row.key + " — " + http::T(ctx, label_prefix + row.key);
    if (row.key.empty()) label = "—";
    item.set("label", label);
    item.set("households", std::to_string(row.households));
    item.set("residents", std::to_string(row.residents));
    list.push_back(item);
  }
  return list;
}

Response ReportPage(Request&, Context& ctx, Journeys& journeys) {
  const auto r = journeys.FundersReport(ctx.programme.id);
  ViewData data = FigureCards(ctx, r.totals);
  data.set("by_village", RowItems(ctx, r.by_village, nullptr));
  data.set("by_sector", RowItems(ctx, r.by_sector, "naf."));
  data.set("by_year", RowItems(ctx, r.arrivals_by_year, nullptr));
  ViewData funnel{ViewData::type::list};
  for (const auto& step : r.funnel) {
    ViewData item;
    item.set("label", http::T(ctx, "journey.stage." + step.stage));
    item.set("reached", std::to_string(step.reached));
    item.set("conversion", Percent(step.conversion));
    item.set("median_days", Days(step.median_days));
    funnel.push_back(item);
  }
  data.set("funnel", funnel);
  ViewData retention{ViewData::type::list};
  for (const auto& ret : r.retention) {
    ViewData item;
    item.set("years", std::to_string(ret.years));
    item.set("settled_before", std::to_string(ret.settled_before));
    item.set("still_here", std::to_string(ret.still_here));
    retention.push_back(item);
  }
  data.set("retention", retention);
  return http::Page(ctx, kReportView, std::move(data), "report.title");
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
  std::string csv = "table,key,label,households,residents,reached,conversion,median_days\r\n";
  const auto line = [&csv](const std::vector<std::string>& fields) {
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
  auto response = Response::Text(std::move(csv), "text/csv; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"soho-solo-report.csv\"");
  return response;
}

/// The newcomer's own page: where the file stands among the stages, who follows it, the visits
/// planned. Nothing of the advisors' notes, tasks or history.
Response OwnPage(Request& req, Context& ctx, Journeys& journeys) {
  auto j = journeys.OwnFile(ctx.programme.id, ctx.account->id);
  if (!j) return http::ErrorResponse(req, ctx, j.error());
  ViewData data;
  data.set("name", j->name);
  data.set("since", Day(j->stage_at));
  data.set("abandoned", j->stage == "abandoned");
  if (!j->advisor_name.empty()) data.set("advisor", j->advisor_name);
  const int here = StageIndex(j->stage);
  ViewData steps{ViewData::type::list};
  for (int i = 0; i < StageIndex("abandoned"); ++i) {
    ViewData step;
    step.set("label",
             http::T(ctx, std::string("journey.stage.") + kStages[static_cast<std::size_t>(i)]));
    step.set("done", j->stage != "abandoned" && i < here);
    step.set("current", i == here);
    steps.push_back(step);
  }
  data.set("steps", steps);
  ViewData visits{ViewData::type::list};
  for (const auto& v : journeys.Visits(ctx.programme.id, j->id)) {
    ViewData item;
    item.set("village", v.commune_code);
    item.set("planned", Minute(v.planned_at));
    item.set("done", v.done_at.has_value());
    visits.push_back(item);
  }
  data.set("has_visits", !visits.is_empty_list());
  data.set("visits", visits);
  return http::Page(ctx, kOwnView, std::move(data), "own.title");
}

}  // namespace

void AddReportPages(http::Router& router, Journeys& journeys) {
  router.Add("GET", "/my-file", Access::Roles({http::Role::kNewcomer}),
             [&journeys](Request& req, Context& ctx) { return OwnPage(req, ctx, journeys); });
  router.Add("GET", "/indicators/report", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportPage(req, ctx, journeys); });
  router.Add("GET", "/indicators/report.csv", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportCsv(req, ctx, journeys); });
}

}  // namespace pages

http::ViewData FigureCards(const http::Context& ctx, const Indicators& f) {
  using http::ViewData;
  ViewData list{ViewData::type::list};
  const auto add = [&](long long value, const char* key) {
    ViewData item;
    item.set("value", std::to_string(value));
    item.set("label", http::T(ctx, std::string("indicator.") + key));
    item.set("definition", http::T(ctx, std::string("indicator.") + key + "_definition"));
    list.push_back(item);
  };
  add(f.settled_households, "settled_households");
  add(f.new_residents, "new_residents");
  add(f.digital_households, "digital_households");
  add(f.files_open, "files_open");
  ViewData out;
  out.set("items", list);
  const auto day = core::FormatRfc3339Paris(f.computed_at).substr(0, 10);
  auto note = http::T(ctx, f.demo ? "indicator.note_demo" : "indicator.note");
  note.replace(note.find("{at}"), 4, day);
  out.set("note", note);
  return out;
}

}  // namespace sohosolo::journeys
