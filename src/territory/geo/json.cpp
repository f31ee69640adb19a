#include "territory/geo/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace sohosolo::territory {

namespace json = boost::json;

namespace {

void Newline(std::string& out, int indent, int depth) {
  if (indent <= 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

/// Shortest round-trip decimal form; JSON has no infinity nor NaN, so those become null.
void WriteDouble(std::string& out, double d) {
  if (std::isfinite(d)) {
    fmt::format_to(std::back_inserter(out), "{}", d);
  } else {
    out += "null";
  }
}

void WriteArray(std::string& out, const json::array& array, int indent, int depth) {
  if (array.empty()) {
    out += "[]";
    return;
  }
  // Arrays of numbers (coordinates) stay on one line.
  const bool flat =
      std::all_of(array.begin(), array.end(), [](const json::value& e) { return e.is_number(); });
  out += '[';
  bool first = true;
  for (const auto& element : array) {
    if (!first) out += flat && indent > 0 ? ", " : ",";
    first = false;
    if (!flat) Newline(out, indent, depth + 1);
    WriteJson(out, element, indent, depth + 1);
  }
  if (!flat) Newline(out, indent, depth);
  out += ']';
}

void WriteObject(std::string& out, const json::object& object, int indent, int depth) {
  if (object.empty()) {
    out += "{}";
    return;
  }
  out += '{';
  bool first = true;
  for (const auto& [key, value] : object) {
    if (!first) out += ',';
    first = false;
    Newline(out, indent, depth + 1);
    out += json::serialize(json::string_view(key));
    out += indent > 0 ? ": " : ":";
    WriteJson(out, value, indent, depth + 1);
  }
  Newline(out, indent, depth);
  out += '}';
}

}  // namespace

void WriteJson(std::string& out, const json::value& v, int indent, int depth) {
  switch (v.kind()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case json::kind::int64:
      fmt::format_to(std::back_inserter(out), "{}", v.get_int64());
      break;
    case json::kind::uint64:
      fmt::format_to(std::back_inserter(out), "{}", v.get_uint64());
      break;
    case json::kind::double_:
      WriteDouble(out, v.get_double());
      break;
    case json::kind::string:
      out += json::serialize(v.get_string());
      break;
    case json::kind::array:
      WriteArray(out, v.get_array(), indent, depth);
      break;
    case json::kind::object:
      WriteObject(out, v.get_object(), indent, depth);
      break;
  }
}

std::string ToJsonText(const json::value& v, int indent) {
  std::string out;
  WriteJson(out, v, indent, 0);
  if (indent > 0) out += '\n';
  return out;
}

json::value OrNull(const std::optional<double>& v) { return v ? json::value(*v) : json::value(); }

json::value OrNull(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value();
}

json::object ParametersJson(const ParametersUsed& p) {
  return {{"detour_factor", p.detour_factor},
          {"gauge_mm", p.gauge_mm},
          {"db_per_km", p.db_per_km},
          {"no_adsl_above_db", p.no_adsl_above_db},
          {"readsl_above_db", p.readsl_above_db},
          {"readsl_mbps", p.readsl_mbps},
          {"beyond_table", ToString(p.beyond_table)},
          {"rates_source", p.rates_source},
          {"origin", p.origin}};
}

boost::json::object ProgrammeParametersJson(const ProgrammeParameters& p) {
  const auto& a = p.adsl;
  boost::json::array gauges;
  for (const auto& g : a.gauges)
    gauges.push_back({{"gauge_mm", g.gauge_mm}, {"db_per_km", g.db_per_km}, {"source", g.source}});
  boost::json::array rates;
  for (const auto& r : a.rates) {
    rates.push_back({{"attenuation_db", r.attenuation_db},
                     {"adsl_mbps", r.adsl_mbps},
                     {"adsl2plus_mbps", r.adsl2plus_mbps}});
  }
  return {{"origin", a.origin},
          {"detour_factor", a.detour_factor},
          {"gauge_mm", a.gauge_mm},
          {"cable_gauges", std::move(gauges)},
          {"rate_vs_attenuation", std::move(rates)},
          {"rates_source", a.rates_source},
          {"beyond_table", ToString(a.beyond_table)},
          {"no_adsl_above_db", a.no_adsl_above_db},
          {"readsl_above_db", a.readsl_above_db},
          {"readsl_mbps", a.readsl_mbps},
          {"official_area_km2", OrNull(p.official_area_km2)},
          {"wifi_radius_km", p.wifi_radius_km},
          {"exchange_list", p.exchanges_partial ? "partial" : "complete"}};
}

}  // namespace sohosolo::territory
