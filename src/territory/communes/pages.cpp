#include "territory/communes/pages.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <charconv>
#include <cmath>
#include <memory>

#include "http/bind.hpp"
#include "http/views.hpp"
#include "territory/wifi/pages.hpp"

namespace sohosolo::territory {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

/// Rows of the communes table per page.
constexpr int kPageSize = 25;
/// The two rates the map page reports coverage at: a usable connection and a comfortable one.
constexpr double kCoverageThresholds[] = {2, 8};
/// Communes listed as "too far" on the map page (the most people without 2 Mbit/s first).
constexpr std::size_t kTooFarShown = 10;

std::string Encode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

std::string CommuneHref(const std::string& code) { return "/communes/" + Encode(code); }

/// A catalogue text with {name} fields filled in. The catalogues are ours, so a malformed one
/// is a bug: fmt throws and the request ends in a 500 with its request id.
template <typename... Args>
std::string Fill(const Context& ctx, std::string_view key, Args&&... args) {
  return fmt::format(fmt::runtime(http::T(ctx, key)), std::forward<Args>(args)...);
}

std::string Rate(const Context& ctx, double mbps) { return FormatNumber(mbps, 1, ctx.lang); }

/// A count (people, communes, row numbers) as the language writes it.
std::string Count(const Context& ctx, long long n) {
  return FormatNumber(static_cast<double>(n), 0, ctx.lang);
}

std::string ExchangeLabel(const Exchange& e) { return e.name.empty() ? e.code : e.name; }

std::string ClassLabel(const Context& ctx, LineClass line_class) {
  return http::T(ctx, "commune.class_" + std::string(ToString(line_class)));
}

ViewData EstimateData(const Context& ctx, const ConnectivityEstimate& e) {
  const auto& lang = ctx.lang;
  ViewData out;
  out.set("exchange", ExchangeLabel(e.exchange));
  out.set("exchange_code", e.exchange.code);
  out.set("exchange_where", http::T(ctx, e.exchange.in_territory ? "commune.exchange_inside"
                                                                 : "commune.exchange_outside"));
  out.set("distance_km", FormatNumber(e.distance_km, 1, lang));
  out.set("line_length_km", FormatNumber(e.line_length_km, 1, lang));
  out.set("attenuation_db", FormatNumber(e.attenuation_db, 1, lang));
  out.set("adsl2plus_mbps", Rate(ctx, e.adsl2plus_mbps));
  // Without ADSL the table says so rather than "0,0 Mbit/s".
  out.set("has_rate", e.line_class == LineClass::kAdsl || e.line_class == LineClass::kReadsl);
  out.set("adsl_mbps", Rate(ctx, e.adsl_mbps));
  out.set("class", ClassLabel(ctx, e.line_class));
  out.set("band", RateBand(e.line_class, e.adsl2plus_mbps));
  return out;
}

ViewData ParametersData(const Context& ctx, const ParametersUsed& p) {
  const auto& lang = ctx.lang;
  ViewData out;
  out.set("detour_factor", FormatNumber(p.detour_factor, 3, lang));
  out.set("gauge_mm", FormatNumber(p.gauge_mm, 1, lang));
  out.set("db_per_km", FormatNumber(p.db_per_km, 1, lang));
  out.set("no_adsl_above_db", FormatNumber(p.no_adsl_above_db, 0, lang));
  out.set("readsl_above_db", FormatNumber(p.readsl_above_db, 0, lang));
  out.set("readsl_kbps", FormatNumber(p.readsl_mbps * 1000, 0, lang));
  out.set("beyond_table", http::T(ctx, "commune.beyond_" + std::string(ToString(p.beyond_table))));
  out.set("rates_source", p.rates_source);
  out.set("origin", p.origin);
  return out;
}

/// A share with the figures it divides ("62,3 %", "3 921 km² of 6 301 km²").
ViewData ShareData(const Context& ctx, double share, double part, double whole, const char* unit) {
  ViewData out;
  out.set("share", FormatPercent(share, ctx.lang));
  out.set("detail", Fill(ctx, "map.share_detail", fmt::arg("part", FormatNumber(part, 0, ctx.lang)),
                         fmt::arg("whole", FormatNumber(whole, 0, ctx.lang)),
                         fmt::arg("unit", http::T(ctx, unit))));
  return out;
}

ViewData CoverageRow(const Context& ctx, const CoverageResult& r) {
  ViewData row;
  row.set("threshold", FormatNumber(r.threshold_mbps, 0, ctx.lang));
  row.set("area",
          ShareData(ctx, r.area_share, r.covered_area_km2, r.territory_area_km2, "map.km2"));
  if (r.population_share && r.population && r.covered_population) {
    row.set("population", ShareData(ctx, *r.population_share, *r.covered_population,
                                    static_cast<double>(*r.population), "map.inhabitants"));
  }
  row.set("reach", Fill(ctx, "map.reach", fmt::arg("km", FormatNumber(r.reach_km, 1, ctx.lang))));
  return row;
}

ViewData TooFarData(const Context& ctx, const CoverageAnswer& answer) {
  ViewData list{ViewData::type::list};
  for (std::size_t i = 0; i < answer.too_far.size() && i < kTooFarShown; ++i) {
    const auto& c = answer.too_far[i];
    ViewData item;
    item.set("href", CommuneHref(c.code));
    item.set("name", c.name);
    item.set("population", c.population ? Count(ctx, *c.population) : "—");
    item.set("covered", FormatPercent(c.covered_share, ctx.lang));
    item.set("uncovered", FormatNumber(c.uncovered_population, 0, ctx.lang));
    list.push_back(item);
  }
  ViewData out;
  out.set("items", list);
  const auto rate = FormatNumber(answer.result.threshold_mbps, 0, ctx.lang);
  out.set("title", Fill(ctx, "map.too_far_title", fmt::arg("rate", rate)));
  out.set("intro",
          Fill(ctx, "map.too_far_intro",
               fmt::arg("count", Count(ctx, static_cast<long long>(answer.too_far.size()))),
               fmt::arg("share", FormatPercent(answer.too_far_share, ctx.lang, 0)),
               fmt::arg("rate", rate)));
  return out;
}

/// The exchanges of the map layer as table rows (the layer is the service's only list of them).
ViewData ExchangeRows(const Context& ctx, const std::string& geojson) {
  ViewData rows{ViewData::type::list};
  const auto root = boost::json::parse(geojson);
  for (const auto& feature : root.at("features").as_array()) {
    const auto& props = feature.at("properties").as_object();
    const auto& xy = feature.at("geometry").at("coordinates").as_array();
    ViewData row;
    row.set("code", std::string(props.at("code").as_string()));
    const auto& name = props.at("name").as_string();
    row.set("name", name.empty() ? std::string("—") : std::string(name));
    row.set("where", http::T(ctx, props.at("in_territory").as_bool() ? "commune.exchange_inside"
                                                                     : "commune.exchange_outside"));
    // With a decimal comma, a semicolon separates the two numbers.
    row.set("position", FormatNumber(xy.at(1).to_number<double>(), 4, ctx.lang) +
                            (ctx.lang == "fr" ? " ; " : ", ") +
                            FormatNumber(xy.at(0).to_number<double>(), 4, ctx.lang));
    rows.push_back(row);
  }
  return rows;
}

class Pages {
 public:
  explicit Pages(Service& service) : service_(service) {}

  Response CommunesPage(Request& req, Context& ctx) {
    const auto query = req.Query("q").value_or("");
    const auto cursor = req.Query("cursor").value_or("");
    auto page = service_.SearchCommunes(ctx.programme.id, query, cursor, kPageSize);
    if (!page) return http::ErrorResponse(req, ctx, page.error());
    ViewData rows{ViewData::type::list};
    for (const auto& c : page->items) rows.push_back(CommuneRow(ctx, c));
    ViewData data;
    data.set("q", query);
    data.set("rows", rows);
    data.set("has_rows", !page->items.empty());
    const std::string search = query.empty() ? "" : "q=" + Encode(query);
    // `start` only numbers the rows shown; the cursor alone decides which they are.
    const long long first = cursor.empty() ? 1 : ParseStart(req.Query("start"));
    const long long last = first + static_cast<long long>(page->items.size()) - 1;
    if (!page->items.empty()) {
      data.set("range", Fill(ctx, "communes.range", fmt::arg("first", Count(ctx, first)),
                             fmt::arg("last", Count(ctx, last)),
                             fmt::arg("total", Count(ctx, page->total))));
    }
    if (page->items.empty() && !query.empty())
      data.set("no_match", Fill(ctx, "communes.no_match", fmt::arg("q", query)));
    if (page->next_cursor) {
      data.set("next_href", "/communes?" + (search.empty() ? "" : search + "&") + "cursor=" +
                                Encode(*page->next_cursor) + "&start=" + std::to_string(last + 1));
    }
    if (!cursor.empty()) data.set("first_href", "/communes" + (search.empty() ? "" : "?" + search));
    return http::Page(ctx, "src/territory/communes/views/communes.html", std::move(data),
                      "communes.title");
  }

  Response CommunePage(Request& req, Context& ctx) {
    const auto& code = req.Param("code");
    auto commune = service_.GetCommune(ctx.programme.id, code);
    if (!commune) return http::ErrorResponse(req, ctx, commune.error());
    const auto& c = *commune;
    ViewData data;
    data.set("name", c.summary.name);
    data.set("code", c.summary.code);
    data.set("population", c.summary.population ? Count(ctx, *c.summary.population) : "—");
    data.set("area_km2", FormatNumber(c.area_km2, 1, ctx.lang));
    std::string postcodes;
    for (const auto& p : c.postcodes) postcodes += (postcodes.empty() ? "" : ", ") + p;
    if (!postcodes.empty()) data.set("postcodes", postcodes);
    auto connectivity = service_.Connectivity(ctx.programme.id, code);
    if (connectivity) {
      const auto& e = connectivity->estimate;
      data.set("sentence", ConnectivitySentence(ctx, c.summary.name, e));
      data.set("estimate", EstimateData(ctx, e));
      data.set("parameters", ParametersData(ctx, e.parameters));
    } else {
      data.set("no_estimate", http::T(ctx, connectivity.error().message_key));
    }
    return http::Page(ctx, "src/territory/communes/views/commune.html", std::move(data),
                      "commune.title");
  }

  Response MapPage(Request& req, Context& ctx) {
    ViewData data;
    // A WiFi plan to draw over the map: the query of the planning page (wifi_pages.cpp), whose
    // GeoJSON only advisors can read; for anyone else the layer stays away.
    if (const auto plan = req.Query("wifi"); plan && !plan->empty())
      data.set("wifi_plan", "/wifi-plans/plan.geojson?" + *plan);
    ViewData rows{ViewData::type::list};
    std::optional<CoverageAnswer> first;
    for (const double threshold : kCoverageThresholds) {
      CoverageQuery query;
      query.threshold_mbps = threshold;
      auto answer = service_.Coverage(ctx.programme.id, query);
      if (!answer) {
        data.set("no_coverage", http::T(ctx, answer.error().message_key));
        break;
      }
      rows.push_back(CoverageRow(ctx, answer->result));
      if (!first) first = std::move(*answer);
    }
    if (first && !data.get("no_coverage")) {
      ViewData coverage;
      coverage.set("rows", rows);
      coverage.set("exchanges_note",
                   Fill(ctx, "map.exchanges_note", fmt::arg("total", first->exchanges),
                        fmt::arg("inside", first->exchanges_inside),
                        fmt::arg("outside", first->exchanges - first->exchanges_inside)));
      coverage.set("too_far", TooFarData(ctx, *first));
      if (first->exchanges_partial)
        coverage.set("partial_note", http::T(ctx, "map.exchanges_partial"));
      data.set("coverage", coverage);
    }
    ViewData exchanges = ExchangeRows(ctx, service_.ExchangesGeoJson(ctx.programme.id));
    data.set("has_exchanges", !exchanges.is_empty_list());
    data.set("exchanges", exchanges);
    return http::Page(ctx, "src/territory/communes/views/map.html", std::move(data), "map.title");
  }

 private:
  ViewData CommuneRow(const Context& ctx, const CommuneSummary& c) {
    ViewData row;
    row.set("href", CommuneHref(c.code));
    row.set("code", c.code);
    row.set("name", c.name);
    row.set("population", c.population ? Count(ctx, *c.population) : "—");
    auto connectivity = service_.Connectivity(ctx.programme.id, c.code);
    if (connectivity) row.set("estimate", EstimateData(ctx, connectivity->estimate));
    return row;
  }

  static long long ParseStart(const std::optional<std::string>& text) {
    long long value = 1;
    if (!text) return value;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    // Only numbers the rows shown: past a trillion it is nobody's page, and first + rows must not
    // overflow.
    if (ec != std::errc() || ptr != text->data() + text->size() || value < 1 ||
        value > 1'000'000'000'000LL)
      return 1;
    return value;
  }

  Service& service_;
};

/// Digits of a non-negative integer with `separator` between groups of three.
std::string Grouped(std::string digits, std::string_view separator) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string FormatNumber(double value, int decimals, std::string_view lang) {
  if (!std::isfinite(value)) return "—";
  std::string text = fmt::format("{:.{}f}", std::abs(value), decimals);
  // A value that rounds to zero is written without a sign.
  const bool negative = value < 0 && text.find_first_not_of("0.") != std::string::npos;
  const auto dot = text.find('.');
  std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  const bool french = lang == "fr";
  whole = Grouped(whole, french ? "\u202f" : ",");
  std::string out = (negative ? "-" : "") + whole;
  if (!fraction.empty()) out += (french ? "," : ".") + fraction;
  return out;
}

std::string FormatPercent(double share, std::string_view lang, int decimals) {
  const auto number = FormatNumber(share * 100, decimals, lang);
  return lang == "fr" ? number + "\u202f%" : number + "%";
}

std::string AtCommune(std::string_view name, std::string_view lang) {
  if (lang != "fr") return "In " + std::string(name);
  if (name.starts_with("Les ")) return "Aux " + std::string(name.substr(4));
  if (name.starts_with("Le ")) return "Au " + std::string(name.substr(3));
  return "À " + std::string(name);
}

std::string ConnectivitySentence(const Context& ctx, const std::string& name,
                                 const ConnectivityEstimate& e) {
  const auto at = AtCommune(name, ctx.lang);
  switch (e.line_class) {
    case LineClass::kAdsl:
      return Fill(ctx, "commune.sentence_adsl", fmt::arg("at", at),
                  fmt::arg("rate", Rate(ctx, e.adsl2plus_mbps)));
    case LineClass::kReadsl:
      return Fill(ctx, "commune.sentence_readsl", fmt::arg("at", at),
                  fmt::arg("kbps", FormatNumber(e.adsl2plus_mbps * 1000, 0, ctx.lang)));
    case LineClass::kUnknown:
      return Fill(ctx, "commune.sentence_unknown", fmt::arg("at", at),
                  fmt::arg("exchange", ExchangeLabel(e.exchange)),
                  fmt::arg("km", FormatNumber(e.distance_km, 1, ctx.lang)));
    case LineClass::kNone:
      break;
  }
  return Fill(ctx, "commune.sentence_none", fmt::arg("at", at),
              fmt::arg("db", FormatNumber(e.attenuation_db, 1, ctx.lang)),
              fmt::arg("max", FormatNumber(e.parameters.no_adsl_above_db, 0, ctx.lang)));
}

std::string RateBand(LineClass line_class, double adsl2plus_mbps) {
  if (line_class == LineClass::kUnknown) return "unknown";
  if (line_class == LineClass::kNone) return "0";
  if (line_class == LineClass::kReadsl) return "1";
  if (adsl2plus_mbps < 2) return "2";
  if (adsl2plus_mbps < 8) return "3";
  if (adsl2plus_mbps < 15) return "4";
  return "5";
}

void AddPages(http::Router& router, Service& service) {
  auto pages = std::make_shared<Pages>(service);
  const auto bind = http::MethodBinder(pages);
  router.Add("GET", "/communes", Access::Public(), bind(&Pages::CommunesPage));
  router.Add("GET", "/communes/{code}", Access::Public(), bind(&Pages::CommunePage));
  router.Add("GET", "/map", Access::Public(), bind(&Pages::MapPage));
  AddWifiPages(router, service);
}

}  // namespace sohosolo::territory
