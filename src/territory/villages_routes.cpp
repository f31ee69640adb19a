// Routes and page of the village finder: parse the request, call VillageService, render.

#include <fmt/format.h>

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <charconv>

#include "http/json_body.hpp"
#include "http/views.hpp"
#include "territory/json.hpp"
#include "territory/pages.hpp"
#include "territory/villages.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::Error;
using core::ErrorCode;
using core::FieldError;
using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

/// Said with every distance: there is no road network in the model.
constexpr const char* kDistanceKind = "straight_line";

Response Json(const json::value& v) { return Response::Text(ToJsonText(v), "application/json"); }

std::string VillageHref(const std::string& code) {
  return "/communes/" + boost::urls::encode(code, boost::urls::unreserved_chars);
}

json::object VillageJson(const VillageFacts& v) {
  return {{"code", v.code},
          {"nom", v.name},
          {"population", OrNull(v.population)},
          {"role", v.role},
          {"welcome_committee", v.welcome_committee},
          {"services",
           {{"school", v.services.school},
            {"doctor", v.services.doctor},
            {"train_station_km", OrNull(v.services.train_station_km)}}},
          {"adsl2plus_mbps", OrNull(v.adsl2plus_mbps)},
          {"class", v.line_class ? json::value(ToString(*v.line_class)) : json::value(nullptr)},
          {"nearest_workspace", v.workspace_km ? json::value{{"name", v.workspace_name},
                                                             {"distance_km", *v.workspace_km},
                                                             {"distance_kind", kDistanceKind}}
                                               : json::value(nullptr)},
          {"link", VillageHref(v.code)}};
}

json::object RankedJson(const RankedVillage& r, std::size_t rank) {
  json::array criteria;
  for (const auto& c : r.criteria) {
    json::object item{
        {"criterion", c.name}, {"met", c.met}, {"value", OrNull(c.value)}, {"limit", c.limit}};
    if (c.name == "max_km_to_workspace" || c.name == "max_km_to_station")
      item["distance_kind"] = kDistanceKind;
    criteria.push_back(std::move(item));
  }
  return {{"rank", rank},
          {"village", VillageJson(r.village)},
          {"criteria_met", r.met},
          {"criteria_total", r.criteria.size()},
          {"score", r.score},
          {"criteria", std::move(criteria)},
          {"link", VillageHref(r.village.code)}};
}

/// The body of POST /api/v1/village-finder; type errors only (ValidateNeeds checks the values).
FinderNeeds NeedsFrom(const json::object& body, std::vector<FieldError>& errors) {
  FinderNeeds n;
  const auto number = [&](const char* name, bool required) -> std::optional<double> {
    const auto* v = body.if_contains(name);
    if (!v || v->is_null()) {
      if (required) errors.push_back({name, "error.field.required"});
      return std::nullopt;
    }
    if (!v->is_number()) {
      errors.push_back({name, "error.village.bad_need"});
      return std::nullopt;
    }
    return v->to_number<double>();
  };
  n.min_mbps = number("min_mbps", true).value_or(n.min_mbps);
  n.max_km_to_workspace = number("max_km_to_workspace", true).value_or(n.max_km_to_workspace);
  n.max_km_to_station = number("max_km_to_station", false);
  if (const auto size = number("household_size", false)) {
    if (*size != std::floor(*size)) errors.push_back({"household_size", "error.village.bad_need"});
    n.household_size = static_cast<int>(std::clamp(*size, -1.0, 1000.0));
  }
  if (const auto* v = body.if_contains("needs_school")) {
    if (!v->is_bool()) errors.push_back({"needs_school", "error.field.boolean"});
    n.needs_school = v->is_bool() && v->get_bool();
  }
  return n;
}

Response Finder(VillageService& service, Request& req, Context& ctx) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<FieldError> errors;
  const auto needs = NeedsFrom(*body, errors);
  if (!errors.empty())
    return http::Problem(ctx, Error{ErrorCode::kInvalid, "error.invalid", std::move(errors), {}});
  auto ranked = service.Find(ctx.programme.id, needs);
  if (!ranked) return http::Problem(ctx, ranked.error());
  json::array items;
  for (std::size_t i = 0; i < ranked->size(); ++i) items.push_back(RankedJson((*ranked)[i], i + 1));
  // Housing listings are not matched yet: the household size is taken but ranks nothing.
  return Json(json::object{
      {"distance_kind", kDistanceKind},
      {"unused_needs", needs.household_size ? json::array{"household_size"} : json::array{}},
      {"rate_model", "adsl2plus_expected_at_commune_point"},
      {"items", std::move(items)}});
}

/// A number typed in the form ("8", "8,5"); nullopt when empty or not a number.
std::optional<double> FormNumber(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  std::string s = *text;
  std::replace(s.begin(), s.end(), ',', '.');
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size())
    return std::numeric_limits<double>::quiet_NaN();
  return value;
}

std::string Km(const Context& ctx, double km) { return FormatNumber(km, 1, ctx.lang); }

ViewData CriterionData(const Context& ctx, const Criterion& c,
                       std::optional<LineClass> line_class) {
  ViewData out;
  out.set("met", c.met);
  std::string text;
  const auto value = c.value;
  if (c.name == "min_mbps" && line_class == LineClass::kNone) {
    text = fmt::format(fmt::runtime(http::T(ctx, "finder.crit.no_adsl")), FormatNumber(c.limit, 1, ctx.lang));
  } else if (c.name == "min_mbps") {
    text = value
               ? fmt::format(fmt::runtime(http::T(ctx, "finder.crit.rate")), FormatNumber(*value, 1, ctx.lang),
                             FormatNumber(c.limit, 1, ctx.lang))
               : http::T(ctx, "finder.crit.rate_unknown");
  } else if (c.name == "max_km_to_workspace") {
    text =
        value ? fmt::format(fmt::runtime(http::T(ctx, "finder.crit.workspace")), Km(ctx, *value), Km(ctx, c.limit))
              : http::T(ctx, "finder.crit.workspace_unknown");
  } else if (c.name == "school") {
    text = http::T(ctx, c.met ? "finder.crit.school" : "finder.crit.no_school");
  } else if (c.name == "max_km_to_station") {
    text = value ? fmt::format(fmt::runtime(http::T(ctx, "finder.crit.station")), Km(ctx, *value), Km(ctx, c.limit))
                 : http::T(ctx, "finder.crit.station_unknown");
  }
  out.set("text", text);
  return out;
}

Response FinderPage(VillageService& service, Request& req, Context& ctx) {
  ViewData data;
  const auto min = FormNumber(req.Query("min_mbps"));
  const auto max_ws = FormNumber(req.Query("max_km_to_workspace"));
  const auto station = FormNumber(req.Query("max_km_to_station"));
  const bool school = req.Query("needs_school").value_or("") == "1";
  data.set("min_mbps", req.Query("min_mbps").value_or("8"));
  data.set("max_km_to_workspace", req.Query("max_km_to_workspace").value_or("15"));
  data.set("max_km_to_station", req.Query("max_km_to_station").value_or(""));
  data.set("household_size", req.Query("household_size").value_or(""));
  data.set("needs_school", school);
  if (!req.Query("min_mbps"))
    return http::Page(ctx, "src/territory/views/finder.html", std::move(data), "finder.title");
  FinderNeeds needs{min.value_or(0), max_ws.value_or(0), school, station, std::nullopt};
  if (const auto size = FormNumber(req.Query("household_size")); size && std::isfinite(*size))
    needs.household_size = static_cast<int>(std::clamp(*size, -1.0, 1000.0));
  auto ranked = service.Find(ctx.programme.id, needs);
  if (!ranked) {
    data.set("error", http::T(ctx, "finder.bad_input"));
    return http::Page(ctx, "src/territory/views/finder.html", std::move(data), "finder.title", 422);
  }
  ViewData results{ViewData::type::list};
  for (std::size_t i = 0; i < ranked->size(); ++i) {
    const auto& r = (*ranked)[i];
    ViewData item;
    item.set("rank", std::to_string(i + 1));
    item.set("name", r.village.name);
    item.set("href", VillageHref(r.village.code));
    item.set("role", http::T(ctx, r.village.role == "host" ? "finder.role_host" : "finder.role_associated"));
    item.set("met", std::to_string(r.met));
    item.set("total", std::to_string(r.criteria.size()));
    item.set("all_met", r.met == static_cast<int>(r.criteria.size()));
    item.set("population",
             r.village.population
                 ? FormatNumber(static_cast<double>(*r.village.population), 0, ctx.lang)
                 : std::string("?"));
    item.set("committee", r.village.welcome_committee);
    ViewData criteria{ViewData::type::list};
    for (const auto& c : r.criteria)
      criteria.push_back(CriterionData(ctx, c, r.village.line_class));
    item.set("criteria", std::move(criteria));
    results.push_back(std::move(item));
  }
  data.set("searched", true);
  data.set("count", std::to_string(ranked->size()));
  data.set("results", std::move(results));
  return http::Page(ctx, "src/territory/views/finder.html", std::move(data), "finder.title");
}

}  // namespace

void AddVillageRoutes(http::Router& router, VillageService& service) {
  router.Add("GET", "/api/v1/villages", Access::Public(), [&service](Request&, Context& ctx) {
    json::array items;
    for (const auto& v : service.Villages(ctx.programme.id)) items.push_back(VillageJson(v));
    return Json(json::object{{"items", std::move(items)}});
  });
  // The finder changes nothing and reads no account: a public computation needs no CSRF token.
  router.Add(
      "POST", "/api/v1/village-finder", Access::Public(),
      [&service](Request& req, Context& ctx) { return Finder(service, req, ctx); },
      http::Csrf::kExempt);
  router.Add("GET", "/trouver-mon-village", Access::Public(),
             [&service](Request& req, Context& ctx) { return FinderPage(service, req, ctx); });
}

}  // namespace sohosolo::territory
