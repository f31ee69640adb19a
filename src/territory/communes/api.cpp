#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>

#include "http/json_body.hpp"
#include "http/views.hpp"
#include "territory/communes/routes.hpp"
#include "territory/geo/csv.hpp"
#include "territory/geo/json.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::FieldError;
using http::Access;
using http::Context;
using http::Request;
using http::Response;

constexpr int kDefaultPageSize = 20;

Response Json(const json::value& v) { return Response::Text(ToJsonText(v), "application/json"); }

json::object SummaryJson(const CommuneSummary& c) {
  return {{"code", c.code}, {"nom", c.name}, {"population", OrNull(c.population)}};
}

json::object DetailsJson(const CommuneDetails& d) {
  auto out = SummaryJson(d.summary);
  json::array postcodes;
  for (const auto& p : d.postcodes) postcodes.emplace_back(p);
  out["codes_postaux"] = std::move(postcodes);
  out["area_km2"] = d.area_km2;
  out["point"] = {{"lon", d.point.lon}, {"lat", d.point.lat}};
  out["has_outline"] = d.has_outline;
  return out;
}

json::object ConnectivityJson(const CommuneConnectivity& c) {
  const auto& e = c.estimate;
  return {{"commune", DetailsJson(c.commune)},
          {"exchange",
           {{"code", e.exchange.code},
            {"name", e.exchange.name},
            {"lon", e.exchange.lon},
            {"lat", e.exchange.lat},
            {"in_territory", e.exchange.in_territory}}},
          {"distance_km", e.distance_km},
          {"line_length_km", e.line_length_km},
          {"attenuation_db", e.attenuation_db},
          {"adsl2plus_mbps", e.adsl2plus_mbps},
          {"adsl_mbps", e.adsl_mbps},
          {"class", ToString(e.line_class)},
          {"parameters", ParametersJson(e.parameters)}};
}

json::object CoverageJson(const CoverageAnswer& a) {
  const auto& r = a.result;
  json::array far;
  for (const auto& c : a.too_far) {
    far.push_back(
        {{"code", c.code},
         {"nom", c.name},
         {"population", OrNull(c.population)},
         {"area_km2", c.area_km2},
         {"covered_km2", c.covered_km2},
         {"covered_share", c.covered_share},
         {"uncovered_population", c.population ? json::value(c.uncovered_population) : nullptr}});
  }
  return {{"threshold_mbps", r.threshold_mbps},
          {"technology", ToString(r.technology)},
          {"communes", r.communes.size()},
          {"territory_area_km2", r.territory_area_km2},
          {"covered_area_km2", r.covered_area_km2},
          {"area_share", r.area_share},
          {"official_area_km2", OrNull(r.official_area_km2)},
          {"official_area_share", OrNull(r.official_area_share)},
          {"population", OrNull(r.population)},
          {"covered_population", OrNull(r.covered_population)},
          {"population_share", OrNull(r.population_share)},
          {"reach_km", r.reach_km},
          {"reach_line_km", r.reach_line_km},
          {"exchanges",
           {{"total", a.exchanges},
            {"inside", a.exchanges_inside},
            {"outside", a.exchanges - a.exchanges_inside},
            {"reaching", r.exchanges_reaching}}},
          // A partial exchange list can only miss coverage: the shares are lower bounds then.
          {"exchange_list", a.exchanges_partial ? "partial" : "complete"},
          {"lower_bound", a.exchanges_partial},
          {"too_far_share", a.too_far_share},
          {"communes_too_far", std::move(far)},
          {"parameters", ParametersJson(r.parameters)}};
}

Response GeoJson(std::string body) {
  return Response::Text(std::move(body), "application/geo+json");
}

Response Search(Service& service, Request& req, Context& ctx) {
  int limit = kDefaultPageSize;
  if (const auto text = req.Query("limit")) {
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc() || ptr != text->data() + text->size())
      return http::Problem(ctx, core::Invalid({{"limit", "error.territory.bad_limit"}}));
  }
  auto page = service.SearchCommunes(ctx.programme.id, req.Query("q").value_or(""),
                                     req.Query("cursor").value_or(""), limit);
  if (!page) return http::Problem(ctx, page.error());
  json::array items;
  for (const auto& c : page->items) items.push_back(SummaryJson(c));
  return Json(
      json::object{{"items", std::move(items)},
                   {"total", page->total},
                   {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
}

Response Coverage(Service& service, Request& req, Context& ctx) {
  CoverageQuery query;
  if (const auto text = req.Query("threshold_mbps")) {
    const auto value = ParseNumber(*text);
    if (!value)
      return http::Problem(ctx,
                           core::Invalid({{"threshold_mbps", "error.territory.bad_threshold"}}));
    // Each new threshold is a computation, and anyone may ask: half-megabit steps up to 100
    // Mbit/s (ADSL2+ tops at about 25) keep the set of answers small enough to cache.
    if (*value < 0.5 || *value > 100 || std::fmod(*value * 2, 1.0) != 0) {
      return http::Problem(ctx,
                           core::Invalid({{"threshold_mbps", "error.territory.threshold_step"}}));
    }
    query.threshold_mbps = *value;
  }
  if (const auto text = req.Query("too_far_share")) {
    const auto value = ParseNumber(*text);
    if (!value)
      return http::Problem(ctx, core::Invalid({{"too_far_share", "error.territory.bad_share"}}));
    query.too_far_share = *value;
  }
  if (const auto text = req.Query("technology")) {
    if (*text != "adsl2plus" && *text != "adsl")
      return http::Problem(ctx, core::Invalid({{"technology", "error.territory.bad_technology"}}));
    query.technology = *text == "adsl" ? Technology::kAdsl : Technology::kAdsl2Plus;
  }
  auto answer = service.Coverage(ctx.programme.id, query);
  if (!answer) return http::Problem(ctx, answer.error());
  return Json(CoverageJson(*answer));
}

/// A number member: absent leaves `out` as it is; anything but a number is `key` on `name`.
void ReadNumber(const json::object& body, const char* name, const char* key,
                std::optional<double>& out, std::vector<FieldError>& errors) {
  const auto* value = body.if_contains(name);
  if (!value) return;
  if (!value->is_number()) {
    errors.push_back({name, key});
    return;
  }
  out = value->to_number<double>();
}

/// Given relay sites: [{name, lon, lat, id?}], one per item so that "candidates[N]" keeps naming
/// item N. Positions that are not numbers become NaN, which ValidateWifiOptions reports.
std::vector<RelaySite> ReadSites(const json::value& value, std::vector<FieldError>& errors) {
  std::vector<RelaySite> sites;
  if (!value.is_array()) {
    errors.push_back({"candidates", "error.territory.bad_sites"});
    return sites;
  }
  const auto& items = value.get_array();
  if (items.size() > kMaxGivenSites) {
    errors.push_back({"candidates", "error.territory.too_many_sites"});
    return sites;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = "candidates[" + std::to_string(i) + "]";
    const auto* item = items[i].if_object();
    RelaySite site;
    if (!item) {
      errors.push_back({where, "error.territory.bad_sites"});
      sites.push_back(std::move(site));
      continue;
    }
    const auto coordinate = [item](const char* name) {
      const auto* v = item->if_contains(name);
      return v && v->is_number() ? v->to_number<double>() : std::nan("");
    };
    site.point = {coordinate("lon"), coordinate("lat")};
    for (const auto& [name, out] : {std::pair{"name", &site.name}, std::pair{"id", &site.id}}) {
      const auto* v = item->if_contains(name);
      if (v && v->is_string()) *out = std::string(v->get_string());
      if (v && !v->is_string() && !v->is_null())
        errors.push_back({where + "." + name, "error.field.not_string"});
    }
    sites.push_back(std::move(site));
  }
  return sites;
}

/// The body of POST /api/v1/wifi-plans: {threshold_mbps?, technology?, radius_km?, relays |
/// target_share, candidates?, commune_candidates?}. Type errors only; the values' rules are
/// ValidateWifiOptions's, applied by the service.
WifiPlanOptions WifiOptionsFrom(const json::object& body, double default_radius_km,
                                std::vector<FieldError>& errors) {
  WifiPlanOptions options;
  options.radius_km = default_radius_km;
  std::optional<double> number = options.threshold_mbps;
  ReadNumber(body, "threshold_mbps", "error.territory.bad_threshold", number, errors);
  options.threshold_mbps = number.value_or(options.threshold_mbps);
  number = options.radius_km;
  ReadNumber(body, "radius_km", "error.territory.bad_radius", number, errors);
  options.radius_km = number.value_or(options.radius_km);
  ReadNumber(body, "target_share", "error.territory.bad_target_share", options.target_share,
             errors);
  if (const auto* relays = body.if_contains("relays")) {
    if (relays->is_int64()) {
      // Out-of-range counts stay out of range for the validation, without overflowing an int.
      options.relays =
          static_cast<int>(std::clamp<std::int64_t>(relays->get_int64(), 0, kMaxWifiRelays + 1));
    } else if (relays->is_uint64()) {
      options.relays = kMaxWifiRelays + 1;
    } else {
      errors.push_back({"relays", "error.territory.bad_relays"});
    }
  }
  if (const auto* technology = body.if_contains("technology")) {
    const auto* text = technology->if_string();
    if (!text || (*text != "adsl2plus" && *text != "adsl"))
      errors.push_back({"technology", "error.territory.bad_technology"});
    if (text && *text == "adsl") options.technology = Technology::kAdsl;
  }
  if (const auto* communes = body.if_contains("commune_candidates")) {
    if (!communes->is_bool()) errors.push_back({"commune_candidates", "error.field.boolean"});
    if (communes->is_bool() && !communes->get_bool())
      options.commune_sites = CommuneSites::kExclude;
  }
  if (const auto* sites = body.if_contains("candidates")) options.sites = ReadSites(*sites, errors);
  return options;
}

Response PlanWifi(Service& service, Request& req, Context& ctx) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<FieldError> errors;
  // Without a radius, the programme's own (its parameters' wifi_radius_km).
  const auto options =
      WifiOptionsFrom(*body, service.Parameters(ctx.programme.id).wifi_radius_km, errors);
  if (!errors.empty()) {
    // The values' problems too, except on what already has one (a field or a site).
    for (auto& e : ValidateWifiOptions(options)) {
      const bool known = std::any_of(errors.begin(), errors.end(), [&e](const FieldError& t) {
        return e.field == t.field || e.field.starts_with(t.field + "[") ||
               e.field.starts_with(t.field + ".");
      });
      if (!known) errors.push_back(std::move(e));
    }
    return http::Problem(ctx, core::Invalid(std::move(errors)));
  }
  auto plan = service.PlanWifi(ctx.programme.id, options);
  if (!plan) return http::Problem(ctx, plan.error());
  auto out = WifiPlanJson(*plan);
  out["geojson"] = WifiPlanGeoJson(*plan);
  return Json(out);
}

}  // namespace

void AddRoutes(http::Router& router, Service& service) {
  router.Add("GET", "/api/v1/communes", Access::Public(),
             [&service](Request& req, Context& ctx) { return Search(service, req, ctx); });
  router.Add("GET", "/api/v1/communes/{code}", Access::Public(),
             [&service](Request& req, Context& ctx) {
               auto commune = service.GetCommune(ctx.programme.id, req.Param("code"));
               if (!commune) return http::Problem(ctx, commune.error());
               return Json(DetailsJson(*commune));
             });
  router.Add("GET", "/api/v1/communes/{code}/connectivity", Access::Public(),
             [&service](Request& req, Context& ctx) {
               auto connectivity = service.Connectivity(ctx.programme.id, req.Param("code"));
               if (!connectivity) return http::Problem(ctx, connectivity.error());
               return Json(ConnectivityJson(*connectivity));
             });
  router.Add("GET", "/api/v1/coverage", Access::Public(),
             [&service](Request& req, Context& ctx) { return Coverage(service, req, ctx); });
  // Planning takes a few hundred milliseconds for a département: staff only.
  router.Add("POST", "/api/v1/wifi-plans", Access::Staff(),
             [&service](Request& req, Context& ctx) { return PlanWifi(service, req, ctx); });
  router.Add("GET", "/api/v1/territory/parameters", Access::Public(),
             [&service](Request&, Context& ctx) {
               return Json(ProgrammeParametersJson(service.Parameters(ctx.programme.id)));
             });
  router.Add("GET", "/api/v1/geo/communes.geojson", Access::Public(),
             [&service](Request&, Context& ctx) {
               return GeoJson(service.CommunesGeoJson(ctx.programme.id));
             });
  router.Add("GET", "/api/v1/geo/exchanges.geojson", Access::Public(),
             [&service](Request&, Context& ctx) {
               return GeoJson(service.ExchangesGeoJson(ctx.programme.id));
             });
}

}  // namespace sohosolo::territory
