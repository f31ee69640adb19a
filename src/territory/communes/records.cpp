// Stored communes and the model: geometry as stored text and back, and the summaries and
// details that answers carry.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iterator>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "territory/communes/service_impl.hpp"

namespace sohosolo::territory::communes_internal {

namespace {

namespace json = boost::json;

void AppendRing(std::string& out, const Ring& ring) {
  out += '[';
  for (std::size_t i = 0; i < ring.size(); ++i) {
    if (i > 0) out += ',';
    fmt::format_to(std::back_inserter(out), "[{},{}]", ring[i].lon, ring[i].lat);
  }
  out += ']';
}

void AppendPolygon(std::string& out, const Polygon& polygon) {
  out += '[';
  for (std::size_t i = 0; i < polygon.rings.size(); ++i) {
    if (i > 0) out += ',';
    AppendRing(out, polygon.rings[i]);
  }
  out += ']';
}

Polygon PolygonFrom(const json::value& rings) {
  Polygon polygon;
  for (const auto& ring : rings.as_array()) {
    auto& out = polygon.rings.emplace_back();
    for (const auto& p : ring.as_array()) {
      const auto& xy = p.as_array();
      out.push_back({xy.at(0).to_number<double>(), xy.at(1).to_number<double>()});
    }
  }
  return polygon;
}

/// Reads back a geometry written by GeometryText. It was validated at import, so a failure here
/// means the table was edited by hand: an infrastructure fault (std::exception).
std::vector<Polygon> PolygonsFrom(const std::string& text) {
  const auto root = json::parse(text);
  const auto& object = root.as_object();
  const auto& coordinates = object.at("coordinates");
  if (object.at("type").as_string() == "Polygon") return {PolygonFrom(coordinates)};
  std::vector<Polygon> polygons;
  for (const auto& polygon : coordinates.as_array()) polygons.push_back(PolygonFrom(polygon));
  return polygons;
}

}  // namespace

std::string GeometryText(const std::vector<Polygon>& polygons) {
  std::string out;
  if (polygons.size() == 1) {
    out = R"({"type":"Polygon","coordinates":)";
    AppendPolygon(out, polygons.front());
    return out + '}';
  }
  out = R"({"type":"MultiPolygon","coordinates":[)";
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    if (i > 0) out += ',';
    AppendPolygon(out, polygons[i]);
  }
  return out + "]}";
}

Commune ToModel(const CommuneRecord& r) {
  Commune c;
  c.code = r.code;
  c.name = r.name;
  c.population = r.population;
  if (r.geometry) c.polygons = PolygonsFrom(*r.geometry);
  c.area_km2 = r.area_km2;
  c.point = r.point;
  return c;
}

CommuneSummary Summary(const CommuneRecord& r) { return {r.code, r.name, r.population}; }

std::vector<Commune> ToModels(const std::vector<CommuneRecord>& records) {
  std::vector<Commune> communes;
  communes.reserve(records.size());
  for (const auto& r : records) communes.push_back(ToModel(r));
  return communes;
}

CommuneDetails Details(const CommuneRecord& r) {
  CommuneDetails d{Summary(r), {}, r.area_km2, r.point, r.geometry.has_value()};
  for (auto word : core::Split(r.postcodes, ' ')) {
    if (!word.empty()) d.postcodes.emplace_back(word);
  }
  return d;
}

}  // namespace sohosolo::territory::communes_internal
