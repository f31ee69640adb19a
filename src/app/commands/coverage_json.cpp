// `sohosolo coverage --json`, and the GeoJSON layers of --geojson-communes and --geojson-covered.
#include <boost/json.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "app/commands/coverage_report.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/geo/json.hpp"

namespace sohosolo::app::coverage_report {

namespace {

namespace json = boost::json;
using namespace territory;

json::object CommuneJson(const CommuneCoverage& c) {
  return {{"code", c.code},
          {"nom", c.name},
          {"population", OrNull(c.population)},
          {"area_km2", c.area_km2},
          {"covered_km2", c.covered_km2},
          {"covered_share", c.covered_share},
          {"uncovered_population", c.population ? json::value(c.uncovered_population) : nullptr}};
}

// Coordinates of the covered area are computed, not read: 7 decimals (about 1 cm) are plenty.
double Round7(double v) { return std::round(v * 1e7) / 1e7; }

json::array RingsJson(const Polygon& polygon, bool round) {
  json::array rings;
  for (const auto& ring : polygon.rings) {
    json::array positions;
    positions.reserve(ring.size());
    for (const auto& p : ring) {
      positions.push_back(round ? json::array{Round7(p.lon), Round7(p.lat)}
                                : json::array{p.lon, p.lat});
    }
    rings.push_back(std::move(positions));
  }
  return rings;
}

/// A Polygon for one part, a MultiPolygon otherwise (also when there is none).
json::object GeometryJson(const std::vector<Polygon>& polygons, bool round) {
  if (polygons.size() == 1)
    return {{"type", "Polygon"}, {"coordinates", RingsJson(polygons.front(), round)}};
  json::array parts;
  for (const auto& polygon : polygons) parts.push_back(RingsJson(polygon, round));
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(parts)}};
}

/// The raster cross-check beside the exact figures it checks.
json::object RasterJson(const RasterCoverageResult& g, const CoverageResult& e) {
  return json::object{{"cell_m", g.cell_m},
                      {"territory_area_km2", g.territory_area_km2},
                      {"covered_area_km2", g.covered_area_km2},
                      {"area_share", g.area_share},
                      {"population_share", OrNull(g.population_share)},
                      {"difference_km2", g.covered_area_km2 - e.covered_area_km2},
                      {"error_bound_km2", RasterAreaErrorBoundKm2(g.cell_m, e)},
                      {"communes_without_cells", g.communes_without_cells}};
}

json::object TimingsJson(const Timings& t) {
  return json::object{{"read", t.read_ms},
                      {"territory", t.territory_ms},
                      {"exact", t.exact_ms},
                      {"raster", t.raster_ms},
                      {"covered_geometry", t.geometry_ms}};
}

}  // namespace

json::object ReportJson(const Report& r) {
  const auto& e = r.exact;
  json::object doc;
  doc["threshold_mbps"] = e.threshold_mbps;
  doc["technology"] = ToString(e.technology);
  doc["parameters"] = ParametersJson(e.parameters);
  doc["communes"] = r.territory.communes().size();
  doc["territory_area_km2"] = e.territory_area_km2;
  doc["official_area_km2"] = OrNull(e.official_area_km2);
  doc["reach_km"] = e.reach_km;
  doc["reach_line_km"] = e.reach_line_km;
  doc["exchanges"] = json::object{{"total", r.exchanges.total},
                                  {"inside", r.exchanges.inside},
                                  {"outside", r.exchanges.outside},
                                  {"reaching", e.exchanges_reaching}};
  doc["covered_area_km2"] = e.covered_area_km2;
  doc["area_share"] = e.area_share;
  doc["official_area_share"] = OrNull(e.official_area_share);
  doc["population"] = OrNull(e.population);
  doc["covered_population"] = OrNull(e.covered_population);
  doc["population_share"] = OrNull(e.population_share);
  doc["communes_without_population"] = r.communes_without_population;
  if (r.raster) {
    doc["raster"] = RasterJson(*r.raster, e);
  } else {
    doc["raster"] = nullptr;
  }
  doc["too_far_share"] = r.options.too_far_share;
  json::array far;
  for (const auto& c : r.too_far) far.push_back(CommuneJson(c));
  doc["communes_too_far"] = std::move(far);
  doc["timings_ms"] = TimingsJson(r.timings);
  return doc;
}

std::string CommunesGeoJson(const Territory& territory, const CoverageResult& exact) {
  json::array features;
  const auto& communes = territory.communes();
  features.reserve(communes.size());
  for (std::size_t i = 0; i < communes.size(); ++i) {
    const auto& c = exact.communes[i];
    features.push_back(json::object{{"type", "Feature"},
                                    {"properties", CommuneJson(c)},
                                    {"geometry", GeometryJson(communes[i].polygons, false)}});
  }
  const json::object doc{
      {"type", "FeatureCollection"},
      {"coverage", json::object{{"threshold_mbps", exact.threshold_mbps},
                                {"technology", ToString(exact.technology)},
                                {"reach_km", exact.reach_km},
                                {"parameters", ParametersJson(exact.parameters)}}},
      {"features", std::move(features)}};
  return ToJsonText(doc, 0);
}

std::string CoveredGeoJson(const CoverageResult& exact, const std::vector<Polygon>& covered) {
  json::object properties{{"threshold_mbps", exact.threshold_mbps},
                          {"technology", ToString(exact.technology)},
                          {"reach_km", exact.reach_km},
                          {"exchanges_reaching", exact.exchanges_reaching},
                          {"covered_area_km2", exact.covered_area_km2},
                          {"area_share", exact.area_share},
                          {"population_share", OrNull(exact.population_share)},
                          {"parameters", ParametersJson(exact.parameters)}};
  json::array features;
  features.push_back(json::object{{"type", "Feature"},
                                  {"properties", std::move(properties)},
                                  {"geometry", GeometryJson(covered, true)}});
  const json::object doc{{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return ToJsonText(doc, 0);
}

}  // namespace sohosolo::app::coverage_report
