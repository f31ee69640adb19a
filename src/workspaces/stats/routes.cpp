#include "workspaces/sites/routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "http/bind.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "workspaces/sites/hosts.hpp"
#include "workspaces/stats/service.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

const Access kRunsSites = Access::RunsSites();

/// Rounded to `digits` decimals (dividing by a power of ten keeps 0.0875 exactly that in JSON).
double Round(double value, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(value * scale) / scale;
}

boost::json::object FiguresJson(const Figures& f) {
  return {{"booked_hours", Round(f.booked_hours, 2)},
          {"open_hours", Round(f.open_hours, 2)},
          {"occupancy", Round(f.Occupancy(), 4)},
          {"bookings", f.bookings},
          {"members", f.members},
          {"no_shows", f.no_shows},
          {"cancellations", f.cancellations}};
}

boost::json::array BucketsJson(const std::vector<Bucket>& buckets) {
  boost::json::array out;
  for (const auto& b : buckets) {
    auto item = FiguresJson(b.figures);
    item["period"] = b.key;
    item["from"] = DayText(b.first_day);
    item["to"] = DayText(b.last_day);
    out.push_back(std::move(item));
  }
  return out;
}

boost::json::object SiteStatsJson(const SiteStats& s) {
  boost::json::array busiest, resources;
  for (int day = 0; day < 7; ++day) {
    boost::json::array hours;
    for (const double h : s.busiest[day]) hours.push_back(Round(h, 2));
    busiest.push_back({{"weekday", day + 1}, {"hours", hours}});
  }
  for (const auto& r : s.resources) {
    resources.push_back({{"resource_id", r.resource.id},
                         {"name", r.resource.name},
                         {"kind", r.resource.kind},
                         {"totals", FiguresJson(r.total)},
                         {"weeks", BucketsJson(r.weeks)},
                         {"months", BucketsJson(r.months)}});
  }
  return {{"site_id", s.site.id},          {"name", s.site.name},
          {"time_zone", s.site.time_zone}, {"totals", FiguresJson(s.total)},
          {"weeks", BucketsJson(s.weeks)}, {"months", BucketsJson(s.months)},
          {"busiest_hours", busiest},      {"resources", resources}};
}

/// The query of the API, the page and the CSV: ?site_id=&from=&to=.
core::Result<StatsQuery> QueryOf(const Request& req) {
  StatsQuery q;
  q.from = req.Query("from").value_or("");
  q.to = req.Query("to").value_or("");
  const auto site = req.Query("site_id").value_or("");
  if (site.empty()) return q;
  q.site_id = http::ParseId(site);
  if (!q.site_id)
    return core::Error{
        core::ErrorCode::kInvalid, "error.stats.invalid", {{"site_id", "error.field.integer"}}, {}};
  return q;
}

/// Figures as the page shows them: a decimal comma in French ("7,5 %"), a point in English.
std::string Decimal(double value, const std::string& lang) {
  auto text = fmt::format("{:.1f}", value);
  if (lang == "fr") std::replace(text.begin(), text.end(), '.', ',');
  return text;
}
std::string Percent(double ratio, const std::string& lang) {
  return Decimal(ratio * 100, lang) + "\u00a0%";
}

ViewData FiguresData(const Figures& f, const std::string& lang) {
  ViewData d;
  d.set("booked", Decimal(f.booked_hours, lang));
  d.set("open", Decimal(f.open_hours, lang));
  d.set("occupancy", Percent(f.Occupancy(), lang));
  d.set("bookings", std::to_string(f.bookings));
  d.set("members", std::to_string(f.members));
  d.set("no_shows", std::to_string(f.no_shows));
  d.set("cancellations", std::to_string(f.cancellations));
  return d;
}

ViewData BucketRows(const std::vector<Bucket>& buckets, const std::string& lang) {
  ViewData rows{ViewData::type::list};
  for (const auto& b : buckets) {
    auto row = FiguresData(b.figures, lang);
    row.set("period", b.key);
    row.set("from", DayText(b.first_day));
    row.set("to", DayText(b.last_day));
    rows.push_back(row);
  }
  return rows;
}

/// Bars of the weekly occupancy chart (0 to 100 %), drawn by the template as SVG rectangles.
ViewData OccupancyBars(const std::vector<Bucket>& weeks, const std::string& lang) {
  constexpr double kHeight = 160, kSlot = 36;
  ViewData bars{ViewData::type::list};
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    const double ratio = std::clamp(weeks[i].figures.Occupancy(), 0.0, 1.0);
    const double h = ratio * kHeight;
    ViewData bar;
    bar.set("x", fmt::format("{:.0f}", 40 + i * kSlot));
    bar.set("label_x", fmt::format("{:.0f}", 40 + i * kSlot + kSlot / 2 - 2));
    bar.set("y", fmt::format("{:.1f}", 10 + kHeight - h));
    bar.set("height", fmt::format("{:.1f}", h));
    bar.set("label", weeks[i].key.substr(5));
    bar.set("value", Percent(weeks[i].figures.Occupancy(), lang));
    bars.push_back(bar);
  }
  return bars;
}

/// The weekday x hour grid as table rows and SVG cells (opacity by share of the busiest hour).
void BusiestData(ViewData& site, const HourGrid& grid, const Context& ctx) {
  double max = 0;
  for (const auto& day : grid) max = std::max(max, *std::max_element(day.begin(), day.end()));
  // Only the hours in which something was ever booked, or 8-19 by default, keep the table short.
  int first = 8, last = 19;
  for (const auto& day : grid) {
    for (int h = 0; h < 24; ++h) {
      if (day[h] > 0) first = std::min(first, h), last = std::max(last, h);
    }
  }
  ViewData header{ViewData::type::list}, rows{ViewData::type::list}, cells{ViewData::type::list};
  for (int h = first; h <= last; ++h) {
    ViewData item;
    item.set("hour", fmt::format("{:02}", h));
    item.set("x", std::to_string(60 + (h - first) * 28 + 14));
    header.push_back(item);
  }
  for (int d = 0; d < 7; ++d) {
    ViewData row, values{ViewData::type::list};
    row.set("day", http::T(ctx, "day." + std::to_string(d + 1)));
    row.set("y", std::to_string(20 + d * 24 + 16));
    for (int h = first; h <= last; ++h) {
      ViewData v;
      v.set("value", Decimal(grid[d][h], ctx.lang));
      values.push_back(v);
      ViewData cell;
      cell.set("x", std::to_string(60 + (h - first) * 28));
      cell.set("y", std::to_string(20 + d * 24));
      cell.set("opacity", fmt::format("{:.2f}", max > 0 ? 0.05 + 0.95 * grid[d][h] / max : 0.05));
      cells.push_back(cell);
    }
    row.set("values", values);
    rows.push_back(row);
  }
  site.set("hour_header", header);
  site.set("hour_rows", rows);
  site.set("hour_cells", cells);
  site.set("grid_width", std::to_string(60 + (last - first + 1) * 28));
}

ViewData SiteData(const SiteStats& s, const Context& ctx) {
  ViewData site;
  site.set("id", std::to_string(s.site.id));
  site.set("name", s.site.name);
  site.set("zone", s.site.time_zone);
  site.set("total", FiguresData(s.total, ctx.lang));
  site.set("weeks", BucketRows(s.weeks, ctx.lang));
  site.set("months", BucketRows(s.months, ctx.lang));
  site.set("bars", OccupancyBars(s.weeks, ctx.lang));
  site.set("chart_width", std::to_string(40 + s.weeks.size() * 36 + 10));
  BusiestData(site, s.busiest, ctx);
  ViewData resources{ViewData::type::list};
  for (const auto& r : s.resources) {
    auto row = FiguresData(r.total, ctx.lang);
    row.set("name", r.resource.name);
    row.set("kind", http::T(ctx, "sites.resource_" + r.resource.kind));
    resources.push_back(row);
  }
  site.set("resources", resources);
  return site;
}

std::string CsvName(const StatsReport& report) {
  return "statistiques-" + DayText(report.from_day) + "-" + DayText(report.to_day) + ".csv";
}

class StatsPages {
 public:
  StatsPages(Service& service, StatsService& stats) : service_(service), stats_(stats) {}

  Response Api(Request& req, Context& ctx) {
    auto query = QueryOf(req);
    if (!query) return http::Problem(ctx, query.error());
    auto report = stats_.Compute(ctx.programme.id, ActorFor(service_, ctx), *query);
    if (!report) return http::Problem(ctx, report.error());
    boost::json::array sites;
    for (const auto& s : report->sites) sites.push_back(SiteStatsJson(s));
    return Response::Json(boost::json::object{
        {"from", DayText(report->from_day)}, {"to", DayText(report->to_day)}, {"sites", sites}});
  }

  Response Csv(Request& req, Context& ctx) {
    auto query = QueryOf(req);
    if (!query) return http::ErrorResponse(req, ctx, query.error());
    auto report = stats_.Compute(ctx.programme.id, ActorFor(service_, ctx), *query);
    if (!report) return http::ErrorResponse(req, ctx, report.error());
    auto response = Response::Text(StatsCsv(*report), "text/csv; charset=utf-8; header=present");
    response.SetHeader("Content-Disposition", "attachment; filename=\"" + CsvName(*report) + "\"");
    return response;
  }

  Response Page(Request& req, Context& ctx) {
    const auto actor = ActorFor(service_, ctx);
    ViewData data;
    auto query = QueryOf(req);
    ViewData choices{ViewData::type::list};
    for (const auto& [id, name] : stats_.SiteChoices(ctx.programme.id, actor)) {
      ViewData choice;
      choice.set("id", std::to_string(id));
      choice.set("name", name);
      choice.set("selected", query && query->site_id == id);
      choices.push_back(choice);
    }
    data.set("choices", choices);
    data.set("form_from", req.Query("from").value_or(""));
    data.set("form_to", req.Query("to").value_or(""));
    if (!query) return Render(req, ctx, std::move(data), query.error());
    auto report = stats_.Compute(ctx.programme.id, actor, *query);
    if (!report) return Render(req, ctx, std::move(data), report.error());
    data.set("form_from", DayText(report->from_day));
    data.set("form_to", DayText(report->to_day));
    ViewData sites{ViewData::type::list};
    for (const auto& s : report->sites) sites.push_back(SiteData(s, ctx));
    data.set("sites", sites);
    data.set("has_sites", !report->sites.empty());
    data.set("csv_query", CsvQuery(*query, *report));
    return http::Page(ctx, "src/workspaces/stats/views/stats.html", std::move(data), "stats.title");
  }

 private:
  /// A refused period or site: the form again with the error, or the plain error page.
  Response Render(const Request& req, const Context& ctx, ViewData data, const core::Error& error) {
    if (error.code != core::ErrorCode::kInvalid) return http::ErrorResponse(req, ctx, error);
    http::AddFieldErrors(data, ctx, error);
    return http::Page(ctx, "src/workspaces/stats/views/stats.html", std::move(data), "stats.title",
                      http::HttpStatusFor(error.code));
  }

  static std::string CsvQuery(const StatsQuery& q, const StatsReport& r) {
    std::string out = "from=" + DayText(r.from_day) + "&to=" + DayText(r.to_day);
    if (q.site_id) out += "&site_id=" + std::to_string(*q.site_id);
    return out;
  }

  Service& service_;
  StatsService& stats_;
};

}  // namespace

void AddStatsRoutes(http::Router& router, Service& service, StatsService& stats) {
  auto pages = std::make_shared<StatsPages>(service, stats);
  const auto bind = http::MethodBinder(pages);
  router.Add("GET", "/api/v1/stats", kRunsSites, bind(&StatsPages::Api));
  router.Add("GET", "/stats", kRunsSites, bind(&StatsPages::Page));
  router.Add("GET", "/stats.csv", kRunsSites, bind(&StatsPages::Csv));
}

}  // namespace sohosolo::workspaces
