#include "territory/villages/finder_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/url.hpp>
#include <charconv>
#include <cmath>
#include <limits>

#include "http/views.hpp"
#include "territory/communes/pages.hpp"

namespace sohosolo::territory {

namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kView = "src/territory/villages/views/finder.html";
/// Fitting listings shown under a village; the village page lists them all.
constexpr std::size_t kListingsShown = 3;

/// A number typed in the form ("8", "8,5"): nullopt when empty; a field error when not a number.
std::optional<double> FormNumber(const Request& req, const char* name,
                                 std::vector<FieldError>& errors) {
  const auto text = req.Query(name);
  if (!text || text->empty()) return std::nullopt;
  std::string s = *text;
  std::replace(s.begin(), s.end(), ',', '.');
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value)) {
    errors.push_back({name, "error.village.bad_number"});
    return std::nullopt;
  }
  return value;
}

std::optional<int> WholeNumber(const Request& req, const char* name,
                               std::vector<FieldError>& errors) {
  const auto value = FormNumber(req, name, errors);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value)) {
    errors.push_back({name, "error.village.bad_integer"});
    return std::nullopt;
  }
  return static_cast<int>(std::clamp(*value, -1.0, 1e9));
}

/// The needs of the form; type errors in `errors` (ValidateNeeds checks the ranges after).
FinderNeeds NeedsFromQuery(const Request& req, std::vector<FieldError>& errors) {
  FinderNeeds n;
  n.min_mbps = FormNumber(req, "min_mbps", errors).value_or(0);
  n.max_km_to_workspace = FormNumber(req, "max_km_to_workspace", errors).value_or(0);
  n.max_km_to_station = FormNumber(req, "max_km_to_station", errors);
  n.max_km_to_school = FormNumber(req, "max_km_to_school", errors);
  n.needs_school = req.Query("needs_school").value_or("") == "1";
  n.household_size = WholeNumber(req, "household_size", errors);
  const auto housing = req.Query("housing").value_or("none");
  if (housing == "rent")
    n.housing = Housing::kRent;
  else if (housing == "buy")
    n.housing = Housing::kBuy;
  else if (housing != "none" && !housing.empty())
    errors.push_back({"housing", "error.village.bad_housing"});
  if (const auto budget = WholeNumber(req, "budget_eur", errors)) n.budget_eur = *budget;
  return n;
}

std::string Km(const Context& ctx, double km) { return FormatNumber(km, 1, ctx.lang); }
std::string Euros(const Context& ctx, long long eur) {
  return FormatNumber(static_cast<double>(eur), 0, ctx.lang) + " €";
}

template <typename... Args>
std::string Fill(const Context& ctx, const char* key, Args&&... args) {
  return fmt::format(fmt::runtime(http::T(ctx, key)), std::forward<Args>(args)...);
}

/// What the listings had to satisfy: "loyer jusqu'à 800 € par mois, 3 pièces ou plus".
std::string Conditions(const Context& ctx, const Criterion& c, const FinderNeeds& n) {
  std::vector<std::string> parts;
  if (c.budget_eur)
    parts.push_back(Fill(
        ctx, n.housing == Housing::kRent ? "finder.cond.budget_rent" : "finder.cond.budget_buy",
        fmt::arg("price", Euros(ctx, *c.budget_eur))));
  if (c.min_rooms) parts.push_back(Fill(ctx, "finder.cond.rooms", fmt::arg("rooms", *c.min_rooms)));
  if (parts.empty()) return http::T(ctx, "finder.cond.any");
  std::string out = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) out += ", " + parts[i];
  return out;
}

std::string HomeText(const Context& ctx, const Criterion& c, const FinderNeeds& n) {
  const auto count = static_cast<long long>(c.value.value_or(0));
  const char* key = c.name == "household"         ? "finder.crit.household"
                    : n.housing == Housing::kRent ? "finder.crit.housing_rent"
                                                  : "finder.crit.housing_buy";
  std::string text =
      Fill(ctx, key, fmt::arg("count", count), fmt::arg("conditions", Conditions(ctx, c, n)),
           fmt::arg("rooms", c.min_rooms.value_or(1)));
  if (c.cheapest_eur && c.name == "housing")
    text += Fill(
        ctx,
        n.housing == Housing::kRent ? "finder.crit.cheapest_rent" : "finder.crit.cheapest_sale",
        fmt::arg("price", Euros(ctx, *c.cheapest_eur)));
  return text;
}

std::string CriterionText(const Context& ctx, const Criterion& c, const VillageFacts& v,
                          const FinderNeeds& n) {
  const auto& value = c.value;
  if (c.name == "min_mbps" && v.line_class == LineClass::kNone)
    return Fill(ctx, "finder.crit.no_adsl", FormatNumber(c.limit, 1, ctx.lang));
  if (c.name == "min_mbps")
    return value ? Fill(ctx, "finder.crit.rate", FormatNumber(*value, 1, ctx.lang),
                        FormatNumber(c.limit, 1, ctx.lang))
                 : http::T(ctx, "finder.crit.rate_unknown");
  if (c.name == "max_km_to_workspace")
    return value ? Fill(ctx, "finder.crit.workspace", Km(ctx, *value), Km(ctx, c.limit)) +
                       (v.workspace_name.empty() ? "" : " — " + v.workspace_name)
                 : http::T(ctx, "finder.crit.workspace_unknown");
  if (c.name == "school")
    return http::T(ctx, c.met ? "finder.crit.school" : "finder.crit.no_school");
  if (c.name == "max_km_to_station")
    return value ? Fill(ctx, "finder.crit.station", Km(ctx, *value), Km(ctx, c.limit))
                 : http::T(ctx, "finder.crit.station_unknown");
  if (c.name == "max_km_to_school")
    return value ? Fill(ctx, "finder.crit.school_km", fmt::arg("km", Km(ctx, *value)),
                        fmt::arg("limit", Km(ctx, c.limit)))
                 : http::T(ctx, "finder.crit.school_unknown");
  return HomeText(ctx, c, n);
}

/// "Loyer : 650 € par mois · 3 pièces · 72 m²" for one listing.
ViewData ListingLine(const Context& ctx, const Listing& l) {
  ViewData out;
  out.set("title", l.title);
  std::string facts;
  if (l.price_eur)
    facts = Fill(ctx, l.kind == "home_rent" ? "village.price_rent" : "village.price_sale",
                 fmt::arg("price", Euros(ctx, *l.price_eur)));
  if (l.rooms)
    facts += (facts.empty() ? "" : " · ") + Fill(ctx, "village.rooms", fmt::arg("rooms", *l.rooms));
  if (l.surface_m2)
    facts += (facts.empty() ? "" : " · ") + FormatNumber(*l.surface_m2, 0, ctx.lang) + " m²";
  out.set("facts", facts);
  return out;
}

/// "École 0,3 km · Médecin 0,5 km · Gare 12,0 km": the nearest of each kind of service.
std::string ServicesStrip(const Context& ctx, const std::vector<NearbyService>& services) {
  std::string out;
  for (const auto* kind : kServiceKinds) {
    const NearbyService* nearest = nullptr;
    for (const auto& s : services)
      if (s.kind == kind && (!nearest || s.distance_km < nearest->distance_km)) nearest = &s;
    if (!nearest) continue;
    if (!out.empty()) out += " · ";
    out += http::T(ctx, std::string("village.service.") + kind) + " " +
           Km(ctx, nearest->distance_km) + " km";
  }
  return out;
}

ViewData ResultData(const Context& ctx, const RankedVillage& r, std::size_t rank,
                    const FinderNeeds& n, const std::string& needs_query) {
  const auto& v = r.village;
  const std::string code = boost::urls::encode(v.code, boost::urls::unreserved_chars);
  ViewData item;
  item.set("rank", std::to_string(rank));
  item.set("name", v.name);
  item.set("href", "/villages/" + code);
  item.set("accompany_href", "/accompagnement?village=" + code + "&needs=" +
                                 boost::urls::encode(needs_query, boost::urls::unreserved_chars));
  item.set("role", http::T(ctx, v.role == "host" ? "finder.role_host" : "finder.role_associated"));
  item.set("met", std::to_string(r.met));
  item.set("total", std::to_string(r.criteria.size()));
  item.set("all_met", r.met == static_cast<int>(r.criteria.size()));
  item.set("score", FormatNumber(r.score, 2, ctx.lang));
  item.set("population", v.population
                             ? FormatNumber(static_cast<double>(*v.population), 0, ctx.lang)
                             : std::string("?"));
  ViewData criteria{ViewData::type::list};
  ViewData homes{ViewData::type::list};
  for (const auto& c : r.criteria) {
    ViewData line;
    line.set("met", c.met);
    // Not met because nobody knows (no value): said so, not counted as a failure on the page.
    line.set("unknown", !c.met && !c.value);
    line.set("text", CriterionText(ctx, c, v, n));
    criteria.push_back(std::move(line));
    for (std::size_t i = 0; i < c.listing_ids.size() && i < kListingsShown; ++i) {
      const auto it = std::find_if(v.listings.begin(), v.listings.end(),
                                   [&](const Listing& l) { return l.id == c.listing_ids[i]; });
      if (it != v.listings.end()) homes.push_back(ListingLine(ctx, *it));
    }
  }
  item.set("criteria", std::move(criteria));
  item.set("services", ServicesStrip(ctx, v.nearby));
  item.set("has_homes", !homes.is_empty_list());
  item.set("homes", std::move(homes));
  return item;
}

/// The form's values as typed, so the page shows them back.
void KeepValues(const Request& req, ViewData& data) {
  for (const char* name : {"min_mbps", "max_km_to_workspace", "max_km_to_station",
                           "max_km_to_school", "household_size", "budget_eur"})
    data.set(name, req.Query(name).value_or(""));
  if (!req.Query("min_mbps")) {
    data.set("min_mbps", "8");
    data.set("max_km_to_workspace", "15");
  }
  data.set("needs_school", req.Query("needs_school").value_or("") == "1");
  const auto housing = req.Query("housing").value_or("none");
  data.set("housing_none", housing != "rent" && housing != "buy");
  data.set("housing_rent", housing == "rent");
  data.set("housing_buy", housing == "buy");
}

}  // namespace

Response FinderPage(VillageService& service, Request& req, Context& ctx) {
  ViewData data;
  KeepValues(req, data);
  if (!req.Query("min_mbps")) return http::Page(ctx, kView, std::move(data), "finder.title");
  std::vector<FieldError> errors;
  const auto needs = NeedsFromQuery(req, errors);
  if (errors.empty()) errors = ValidateNeeds(needs);
  auto ranked = errors.empty() ? service.Find(ctx.programme.id, needs)
                               : core::Result<std::vector<RankedVillage>>(
                                     Error{ErrorCode::kInvalid, "finder.bad_input", errors, {}});
  if (!ranked) {
    auto error = ranked.error();
    error.message_key = "finder.bad_input";
    http::AddFieldErrors(data, ctx, error);
    data.set("error", http::T(ctx, "finder.bad_input"));
    return http::Page(ctx, kView, std::move(data), "finder.title", 422);
  }
  const auto query = req.target.find('?');
  const std::string needs_query = query == std::string::npos ? "" : req.target.substr(query + 1);
  ViewData results{ViewData::type::list};
  std::size_t full = 0;
  for (std::size_t i = 0; i < ranked->size(); ++i) {
    const auto& r = (*ranked)[i];
    if (r.met == static_cast<int>(r.criteria.size())) ++full;
    results.push_back(ResultData(ctx, r, i + 1, needs, needs_query));
  }
  data.set("searched", true);
  data.set("count", std::to_string(ranked->size()));
  data.set("full_count", Fill(ctx, "finder.full_count", fmt::arg("full", full),
                              fmt::arg("count", ranked->size())));
  data.set("results", std::move(results));
  data.set("accompany_href", "/accompagnement?needs=" +
                                 boost::urls::encode(needs_query, boost::urls::unreserved_chars));
  return http::Page(ctx, kView, std::move(data), "finder.title");
}

}  // namespace sohosolo::territory
