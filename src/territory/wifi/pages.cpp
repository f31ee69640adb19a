#include "territory/wifi/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/url.hpp>
#include <charconv>
#include <cmath>
#include <memory>

#include "core/text.hpp"
#include "http/views.hpp"
#include "territory/communes/pages.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/csv.hpp"
#include "territory/geo/json.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

/// The form as typed, kept to re-show it, and what it asks once read.
struct WifiForm {
  std::string radius_km, relays, target_percent, sites;
  bool submitted = false;
  WifiPlanOptions options;
  /// Field errors by form field (radius_km, relays, target_percent, sites), already translated.
  std::vector<std::pair<std::string, std::string>> errors;
};

template <typename... Args>
std::string Fill(const Context& ctx, std::string_view key, Args&&... args) {
  return fmt::format(fmt::runtime(http::T(ctx, key)), std::forward<Args>(args)...);
}

/// A number typed in a form: a decimal comma is accepted, as French writes it.
std::optional<double> FormNumber(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  const auto trimmed = core::Trim(text);
  if (trimmed.empty()) return std::nullopt;
  return ParseNumber(trimmed);
}

/// Given sites, one "name; lat; lon" line each (blank lines skipped).
std::vector<RelaySite> ReadSites(const Context& ctx, const std::string& text, WifiForm& form) {
  std::vector<RelaySite> sites;
  int line_number = 0;
  for (auto line : core::Split(text, '\n')) {
    ++line_number;
    line = core::Trim(line);
    if (line.empty()) continue;
    const auto cells = core::Split(line, ';');
    std::optional<double> lat, lon;
    if (cells.size() == 3) {
      lat = FormNumber(std::string(cells[1]));
      lon = FormNumber(std::string(cells[2]));
    }
    const auto name = cells.empty() ? std::string_view() : core::Trim(cells[0]);
    if (cells.size() != 3 || name.empty() || !lat || !lon || std::abs(*lat) > 90 ||
        std::abs(*lon) > 180) {
      form.errors.emplace_back("sites",
                               Fill(ctx, "wifi.bad_site_line", fmt::arg("line", line_number)));
      continue;
    }
    RelaySite site;
    site.name = std::string(name);
    site.point = {*lon, *lat};
    sites.push_back(std::move(site));
  }
  return sites;
}

/// Reads the query; with no `plan` member the form is only shown, with the programme's radius.
WifiForm ReadForm(const Context& ctx, const Request& req, const ProgrammeParameters& params) {
  WifiForm form;
  form.submitted = req.Query("plan").has_value();
  form.radius_km = req.Query("radius_km").value_or(fmt::format("{:g}", params.wifi_radius_km));
  form.relays = req.Query("relays").value_or(form.submitted ? "" : "5");
  form.target_percent = req.Query("target_percent").value_or("");
  form.sites = req.Query("sites").value_or("");
  if (!form.submitted) return form;

  auto& o = form.options;
  const auto radius = FormNumber(form.radius_km);
  if (!radius || !(*radius > 0 && *radius <= kMaxRelayRadiusKm))
    form.errors.emplace_back("radius_km", http::T(ctx, "wifi.bad_radius"));
  o.radius_km = radius.value_or(params.wifi_radius_km);
  const auto relays = FormNumber(form.relays);
  const auto target = FormNumber(form.target_percent);
  if (relays && target) form.errors.emplace_back("target_percent", http::T(ctx, "wifi.one_goal"));
  if (!relays && !target) form.errors.emplace_back("relays", http::T(ctx, "wifi.one_goal"));
  if (!core::Trim(form.relays).empty() && !relays)
    form.errors.emplace_back("relays", http::T(ctx, "wifi.bad_relays"));
  if (relays && !(*relays >= 1 && *relays <= kMaxWifiRelays && *relays == std::floor(*relays)))
    form.errors.emplace_back("relays", http::T(ctx, "wifi.bad_relays"));
  if (!core::Trim(form.target_percent).empty() && !target)
    form.errors.emplace_back("target_percent", http::T(ctx, "wifi.bad_target"));
  if (target && !(*target > 0 && *target <= 100))
    form.errors.emplace_back("target_percent", http::T(ctx, "wifi.bad_target"));
  if (relays && !target) o.relays = static_cast<int>(std::clamp(*relays, 0.0, 1e6));
  if (target && !relays) o.target_share = *target / 100;
  o.sites = ReadSites(ctx, form.sites, form);
  if (o.sites.size() > kMaxGivenSites)
    form.errors.emplace_back("sites", http::T(ctx, "wifi.too_many_sites"));
  return form;
}

/// The form's query, to repeat it in the download and map links.
std::string QueryOf(const WifiForm& form) {
  boost::urls::url url;
  auto params = url.params();
  params.append({"plan", "1"});
  params.append({"radius_km", form.radius_km});
  if (!form.relays.empty()) params.append({"relays", form.relays});
  if (!form.target_percent.empty()) params.append({"target_percent", form.target_percent});
  if (!form.sites.empty()) params.append({"sites", form.sites});
  return std::string(url.encoded_query());
}

ViewData ParametersData(const Context& ctx, const ProgrammeParameters& p) {
  ViewData data;
  const auto& a = p.adsl;
  data.set("origin", a.origin);
  data.set("detour", FormatNumber(a.detour_factor, 3, ctx.lang));
  data.set("gauge", FormatNumber(a.gauge_mm, 1, ctx.lang));
  data.set("db_per_km", FormatNumber(DbPerKm(a).value_or(NAN), 1, ctx.lang));
  data.set("readsl_above", FormatNumber(a.readsl_above_db, 0, ctx.lang));
  data.set("no_adsl_above", FormatNumber(a.no_adsl_above_db, 0, ctx.lang));
  data.set("rate_rows", std::to_string(a.rates.size()));
  data.set("radius", FormatNumber(p.wifi_radius_km, 1, ctx.lang));
  data.set("official_area", p.official_area_km2 ? FormatNumber(*p.official_area_km2, 0, ctx.lang)
                                                : http::T(ctx, "wifi.none"));
  return data;
}

ViewData PlanData(const Context& ctx, const WifiPlan& plan, const std::string& query) {
  ViewData data;
  ViewData rows{ViewData::type::list};
  int rank = 0;
  for (const auto& r : plan.relays) {
    ViewData row;
    row.set("rank", std::to_string(++rank));
    row.set("name", r.site.name);
    row.set("kind", http::T(ctx, r.site.origin == RelaySiteOrigin::kGiven ? "wifi.site_given"
                                                                          : "wifi.site_commune"));
    row.set("position", FormatNumber(r.site.point.lat, 5, "en") + ", " +
                            FormatNumber(r.site.point.lon, 5, "en"));
    row.set("population", FormatNumber(r.population_gained, 0, ctx.lang));
    row.set("area", FormatNumber(r.area_gained_km2, 2, ctx.lang));
    row.set("cumulative", FormatPercent(r.cumulative_share, ctx.lang));
    rows.push_back(row);
  }
  data.set("rows", rows);
  data.set("summary",
           Fill(ctx, "wifi.summary", fmt::arg("relays", plan.relays.size()),
                fmt::arg("people", FormatNumber(plan.population_gained, 0, ctx.lang)),
                fmt::arg("uncovered", FormatNumber(plan.uncovered_population, 0, ctx.lang)),
                fmt::arg("before", FormatPercent(plan.population_share_before, ctx.lang)),
                fmt::arg("after", FormatPercent(plan.population_share_after, ctx.lang))));
  data.set("bound", Fill(ctx, "wifi.bound", fmt::arg("relays", plan.bound_relays),
                         fmt::arg("bound", FormatNumber(plan.upper_bound_population, 0, ctx.lang)),
                         fmt::arg("ratio", FormatPercent(plan.certified_ratio, ctx.lang))));
  if (plan.relays_lower_bound) {
    data.set("lower_bound",
             Fill(ctx, "wifi.lower_bound", fmt::arg("relays", *plan.relays_lower_bound)));
  }
  data.set("end", http::T(ctx, "wifi.end_" + std::string(ToString(plan.end))));
  data.set("parameters_origin", plan.parameters.origin);
  data.set("geojson_href", "/wifi-plans/plan.geojson?" + query);
  data.set("map_href", "/map?wifi=" + boost::urls::encode(query, boost::urls::unreserved_chars));
  return data;
}

class WifiPages {
 public:
  explicit WifiPages(Service& service) : service_(service) {}

  Response Page(Request& req, Context& ctx) {
    const auto params = service_.Parameters(ctx.programme.id);
    auto form = ReadForm(ctx, req, params);
    ViewData data;
    data.set("parameters", ParametersData(ctx, params));
    data.set("radius_km", form.radius_km);
    data.set("relays", form.relays);
    data.set("target_percent", form.target_percent);
    data.set("sites", form.sites);
    if (!form.submitted) return Render(ctx, std::move(data), 200);
    if (form.errors.empty()) {
      auto plan = service_.PlanWifi(ctx.programme.id, form.options);
      if (plan) {
        data.set("plan", PlanData(ctx, *plan, QueryOf(form)));
        return Render(ctx, std::move(data), 200);
      }
      if (plan.error().code != core::ErrorCode::kInvalid) {
        data.set("no_plan", http::T(ctx, plan.error().message_key));
        return Render(ctx, std::move(data), 200);
      }
      for (const auto& f : plan.error().fields) {
        const auto field = f.field == "target_share"           ? std::string("target_percent")
                           : f.field.starts_with("candidates") ? std::string("sites")
                                                               : f.field;
        form.errors.emplace_back(field, http::T(ctx, f.message_key));
      }
    }
    data.set("has_errors", true);
    data.set("error_summary", http::T(ctx, "wifi.form_invalid"));
    for (const auto& [field, message] : form.errors) {
      // Several lines of sites may be wrong: show them all.
      auto* existing = data.get("err_" + field);
      const auto text =
          existing && existing->is_string() ? existing->string_value() + " " + message : message;
      data.set("err_" + field, text);
    }
    return Render(ctx, std::move(data), 422);
  }

  Response GeoJson(Request& req, Context& ctx) {
    const auto params = service_.Parameters(ctx.programme.id);
    auto form = ReadForm(ctx, req, params);
    if (!form.submitted) form.errors.emplace_back("plan", http::T(ctx, "wifi.form_invalid"));
    if (!form.errors.empty()) {
      core::Error error{core::ErrorCode::kInvalid, "error.invalid", {}, {}};
      for (const auto& [field, message] : form.errors) error.fields.push_back({field, message});
      return http::Problem(ctx, error);
    }
    auto plan = service_.PlanWifi(ctx.programme.id, form.options);
    if (!plan) return http::Problem(ctx, plan.error());
    auto response = Response::Text(ToJsonText(WifiPlanGeoJson(*plan)), "application/geo+json");
    response.SetHeader("Content-Disposition", "attachment; filename=\"wifi-plan.geojson\"");
    return response;
  }

 private:
  static Response Render(const Context& ctx, ViewData data, int status) {
    return http::Page(ctx, "src/territory/wifi/views/wifi_plans.html", std::move(data),
                      "wifi.title", status);
  }

  Service& service_;
};

}  // namespace

void AddWifiPages(http::Router& router, Service& service) {
  auto pages = std::make_shared<WifiPages>(service);
  router.Add("GET", "/wifi-plans", Access::Staff(),
             [pages](Request& req, Context& ctx) { return pages->Page(req, ctx); });
  router.Add("GET", "/wifi-plans/plan.geojson", Access::Staff(),
             [pages](Request& req, Context& ctx) { return pages->GeoJson(req, ctx); });
}

}  // namespace sohosolo::territory
