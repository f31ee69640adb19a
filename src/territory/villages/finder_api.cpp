// Routes and page of the village finder: parse the request, call VillageService, render.

#include <fmt/format.h>

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <charconv>

#include "http/json_body.hpp"
#include "http/views.hpp"
#include "territory/communes/pages.hpp"
#include "territory/geo/json.hpp"
#include "territory/villages/finder_page.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::FieldError;
using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

/// Said with every distance: there is no road network in the model.
constexpr const char* kDistanceKind = "straight_line";

Response Json(const json::value& v) { return Response::Text(ToJsonText(v), "application/json"); }

std::string CommuneHref(const std::string& code) {
  return "/communes/" + boost::urls::encode(code, boost::urls::unreserved_chars);
}

std::string VillageHref(const std::string& code) {
  return "/villages/" + boost::urls::encode(code, boost::urls::unreserved_chars);
}

const char* HousingName(Housing h) {
  switch (h) {
    case Housing::kRent:
      return "rent";
    case Housing::kBuy:
      return "buy";
    case Housing::kNone:
      return "none";
  }
  return "none";
}

std::optional<Housing> ParseHousing(std::string_view text) {
  if (text == "rent") return Housing::kRent;
  if (text == "buy") return Housing::kBuy;
  if (text == "none" || text.empty()) return Housing::kNone;
  return std::nullopt;
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
          {"link", CommuneHref(v.code)},
          {"village_page", VillageHref(v.code)}};
}

json::object RankedJson(const RankedVillage& r, std::size_t rank) {
  json::array criteria;
  for (const auto& c : r.criteria) {
    json::object item{{"criterion", c.name},
                      {"met", c.met},
                      {"value", OrNull(c.value)},
                      {"limit", c.limit},
                      {"unknown", !c.met && !c.value}};
    if (c.name == "max_km_to_workspace" || c.name == "max_km_to_station" ||
        c.name == "max_km_to_school")
      item["distance_kind"] = kDistanceKind;
    if (c.name == "housing" || c.name == "household") {
      json::array ids;
      for (const auto id : c.listing_ids) ids.push_back(id);
      item["listing_ids"] = std::move(ids);
      item["cheapest_eur"] = OrNull(c.cheapest_eur);
      item["min_rooms"] = c.min_rooms ? json::value(*c.min_rooms) : json::value(nullptr);
      item["budget_eur"] = OrNull(c.budget_eur);
    }
    criteria.push_back(std::move(item));
  }
  return {{"rank", rank},
          {"village", VillageJson(r.village)},
          {"criteria_met", r.met},
          {"criteria_total", r.criteria.size()},
          {"score", r.score},
          {"criteria", std::move(criteria)},
          {"link", CommuneHref(r.village.code)},
          {"village_page", VillageHref(r.village.code)}};
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
  n.max_km_to_school = number("max_km_to_school", false);
  if (const auto* v = body.if_contains("housing"); v && !v->is_null()) {
    const auto housing = v->is_string() ? ParseHousing(v->get_string()) : std::nullopt;
    if (!housing) errors.push_back({"housing", "error.village.bad_housing"});
    n.housing = housing.value_or(Housing::kNone);
  }
  if (const auto budget = number("budget_eur", false)) {
    if (*budget != std::floor(*budget)) errors.push_back({"budget_eur", "error.village.bad_need"});
    n.budget_eur = static_cast<long long>(std::clamp(*budget, -1.0, 1e12));
  }
  return n;
}

Response Finder(VillageService& service, Request& req, Context& ctx) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<FieldError> errors;
  const auto needs = NeedsFrom(*body, errors);
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  auto ranked = service.Find(ctx.programme.id, needs);
  if (!ranked) return http::Problem(ctx, ranked.error());
  json::array items;
  for (std::size_t i = 0; i < ranked->size(); ++i) items.push_back(RankedJson((*ranked)[i], i + 1));
  // Every need now ranks: "unused_needs" stays, empty, for clients of the first version.
  return Json(json::object{{"distance_kind", kDistanceKind},
                           {"unused_needs", json::array{}},
                           {"housing", HousingName(needs.housing)},
                           {"rate_model", "adsl2plus_expected_at_commune_point"},
                           {"items", std::move(items)}});
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
