// Service's map layers: the programme's communes and exchanges as GeoJSON text, written once
// per snapshot.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <mutex>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "territory/communes/service_impl.hpp"
#include "territory/connectivity/connectivity.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;

/// `s` as a JSON string, quoted and escaped.
std::string Quoted(std::string_view s) {
  return json::serialize(json::string_view(s.data(), s.size()));
}

/// A number in its shortest round-trip form, as the stored geometries write theirs.
std::string Number(double v) { return fmt::format("{}", v); }

}  // namespace

std::string Service::CommunesGeoJson(core::ProgrammeId p) {
  const auto snapshot = Current(p);
  std::lock_guard layers(snapshot->layers_mutex);
  if (snapshot->communes_geojson) return *snapshot->communes_geojson;
  std::string out = R"({"type":"FeatureCollection","features":[)";
  const auto& params = snapshot->params.adsl;
  std::lock_guard locator(snapshot->locator_mutex);
  for (std::size_t i = 0; i < snapshot->communes.size(); ++i) {
    const auto& c = snapshot->communes[i];
    if (i > 0) out += ',';
    out += R"({"type":"Feature","properties":{"code":)" + Quoted(c.code) + R"(,"nom":)" +
           Quoted(c.name) + R"(,"population":)" +
           (c.population ? std::to_string(*c.population) : "null") + R"(,"area_km2":)" +
           Number(c.area_km2);
    if (const auto nearest = snapshot->Locator().NearestTo(c.point)) {
      auto estimate = EstimateAtDistance(*nearest->exchange, nearest->distance_km, params);
      QualifyForPartialList(estimate, snapshot->params.exchanges_partial);
      out += R"(,"exchange":)" + Quoted(estimate.exchange.code) + R"(,"distance_km":)" +
             Number(estimate.distance_km) + R"(,"adsl2plus_mbps":)" +
             Number(estimate.adsl2plus_mbps) + R"(,"adsl_mbps":)" + Number(estimate.adsl_mbps) +
             R"(,"class":)" + Quoted(ToString(estimate.line_class));
    }
    out += R"(},"geometry":)";
    out += c.geometry ? *c.geometry
                      : R"({"type":"Point","coordinates":[)" + Number(c.point.lon) + "," +
                            Number(c.point.lat) + "]}";
    out += '}';
  }
  out += "]}";
  snapshot->communes_geojson = out;
  return out;
}

std::string Service::ExchangesGeoJson(core::ProgrammeId p) {
  const auto snapshot = Current(p);
  std::lock_guard layers(snapshot->layers_mutex);
  if (snapshot->exchanges_geojson) return *snapshot->exchanges_geojson;
  std::string out = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < snapshot->exchanges.size(); ++i) {
    const auto& e = snapshot->exchanges[i];
    std::string technologies;
    for (auto word : core::Split(e.technologies, ' ')) {
      if (word.empty()) continue;
      if (!technologies.empty()) technologies += ',';
      technologies += Quoted(word);
    }
    if (i > 0) out += ',';
    out += R"({"type":"Feature","properties":{"code":)" + Quoted(e.exchange.code) + R"(,"name":)" +
           Quoted(e.exchange.name) + R"(,"lines":)" +
           (e.lines ? std::to_string(*e.lines) : "null") + R"(,"technologies":[)" + technologies +
           R"(],"in_territory":)" + (e.exchange.in_territory ? "true" : "false") +
           R"(},"geometry":{"type":"Point","coordinates":[)" + Number(e.exchange.lon) + "," +
           Number(e.exchange.lat) + "]}}";
  }
  out += "]}";
  snapshot->exchanges_geojson = out;
  return out;
}

}  // namespace sohosolo::territory