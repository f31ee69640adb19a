// GeoJSON readers of geo.hpp: communes (polygons) and exchanges (points).
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <unordered_map>

#include "core/text.hpp"
#include "territory/geo/geo.hpp"
#include "territory/geo/geos.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::Error;
using core::ErrorCode;
using core::FieldError;

// Parses the whole text, or says at which line and column it stops being JSON.
core::Result<json::value> ParseJson(std::string_view text) {
  if (core::Trim(text).empty()) return Error::Of(ErrorCode::kMalformed, "error.territory.empty");
  json::stream_parser parser;
  json::error_code ec;
  const std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (!ec) return parser.release();
  const auto before = text.substr(0, std::min(consumed, text.size()));
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto last_break = before.rfind('\n');
  const auto column =
      before.size() - (last_break == std::string_view::npos ? 0 : last_break + 1) + 1;
  return Error{ErrorCode::kMalformed,
               "error.territory.bad_json",
               {{"line " + std::to_string(line) + ", column " + std::to_string(column),
                 "error.territory.bad_json"}},
               {}};
}

// A `crs` member is obsolete GeoJSON (RFC 7946 fixes WGS84) but some exports still carry one:
// a projected CRS there means the coordinates are not lon/lat.
bool NamesWgs84(const json::value& crs) {
  const auto* props = crs.is_object() ? crs.as_object().if_contains("properties") : nullptr;
  const auto* name = props && props->is_object() ? props->as_object().if_contains("name") : nullptr;
  if (!name || !name->is_string()) return false;
  const std::string_view n = name->as_string();
  return n.find("CRS84") != n.npos || n.ends_with("EPSG::4326") || n == "EPSG:4326";
}

// The FeatureCollection's features, or the reason the document as a whole is refused.
core::Result<const json::array*> Features(const json::value& root) {
  const auto* object = root.if_object();
  const auto* type = object ? object->if_contains("type") : nullptr;
  if (!type || !type->is_string() || type->as_string() != "FeatureCollection") {
    return Error::Of(ErrorCode::kMalformed, "error.territory.not_feature_collection");
  }
  if (const auto* crs = object->if_contains("crs"); crs && !NamesWgs84(*crs)) {
    return Error::Of(ErrorCode::kInvalid, "error.territory.crs_not_wgs84");
  }
  const auto* features = object->if_contains("features");
  if (!features || !features->is_array())
    return Error::Of(ErrorCode::kMalformed, "error.territory.no_features");
  if (features->as_array().empty())
    return Error::Of(ErrorCode::kInvalid, "error.territory.no_features");
  return &features->as_array();
}

// Collects every problem of every feature, so one import reports all of them.
struct Problems {
  std::vector<FieldError> errors;
  std::string where;  // "feature N (code)" of the feature being read

  void Add(std::string key) { errors.push_back({where, std::move(key)}); }
  void AddAt(std::string_view detail, std::string key) {
    errors.push_back({detail.empty() ? where : where + " " + std::string(detail), std::move(key)});
  }
};

std::string FeatureLabel(std::size_t index, std::string_view code) {
  std::string label = "feature " + std::to_string(index + 1);
  if (!code.empty()) label += " (" + std::string(code) + ")";
  return label;
}

const json::object* Properties(const json::value& feature) {
  const auto* object = feature.if_object();
  if (!object) return nullptr;
  const auto* type = object->if_contains("type");
  if (!type || !type->is_string() || type->as_string() != "Feature") return nullptr;
  const auto* props = object->if_contains("properties");
  return props && props->is_object() ? &props->as_object() : nullptr;
}

std::string StringProperty(const json::object& props, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto* value = props.if_contains(name);
    if (value && value->is_string() && !value->as_string().empty())
      return std::string(value->as_string());
  }
  return {};
}

// A Feature's geometry: its type and its coordinates (an array), or an empty type when the
// geometry is missing or not of that shape.
struct Geometry {
  std::string_view type;
  const json::value* coordinates = nullptr;
};

Geometry GeometryOf(const json::value& feature) {
  const auto* geometry = feature.as_object().if_contains("geometry");
  if (!geometry || !geometry->is_object()) return {};
  const auto* type = geometry->as_object().if_contains("type");
  const auto* coordinates = geometry->as_object().if_contains("coordinates");
  if (!type || !type->is_string() || !coordinates || !coordinates->is_array()) return {};
  return {type->as_string(), coordinates};
}

// A [lon, lat] position; the detail names where it is when it is refused.
bool ReadPosition(const json::value& value, LonLat& out, Problems& problems,
                  std::string_view detail) {
  const auto* array = value.if_array();
  if (!array || array->size() < 2 || !(*array)[0].is_number() || !(*array)[1].is_number()) {
    problems.AddAt(detail, "error.territory.bad_position");
    return false;
  }
  out = {(*array)[0].to_number<double>(), (*array)[1].to_number<double>()};
  if (!(out.lon >= -180 && out.lon <= 180 && out.lat >= -90 && out.lat <= 90)) {
    problems.AddAt(detail, "error.territory.lon_lat_out_of_range");
    return false;
  }
  return true;
}

bool ReadRing(const json::value& value, Ring& ring, Problems& problems, const std::string& detail) {
  const auto* array = value.if_array();
  if (!array) {
    problems.AddAt(detail, "error.territory.bad_ring");
    return false;
  }
  ring.clear();
  for (std::size_t i = 0; i < array->size(); ++i) {
    LonLat p;
    if (!ReadPosition((*array)[i], p, problems, detail + " point " + std::to_string(i + 1)))
      return false;
    ring.push_back(p);
  }
  if (ring.size() < 4) {
    problems.AddAt(detail, "error.territory.ring_too_short");
    return false;
  }
  if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat) {
    problems.AddAt(detail, "error.territory.ring_not_closed");
    return false;
  }
  return true;
}

bool ReadPolygon(const json::value& value, Polygon& polygon, Problems& problems,
                 const std::string& detail) {
  const auto* array = value.if_array();
  if (!array || array->empty()) {
    problems.AddAt(detail, "error.territory.bad_polygon");
    return false;
  }
  polygon.rings.resize(array->size());
  bool ok = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string ring_detail =
        (detail.empty() ? "" : detail + " ") + "ring " + std::to_string(i + 1);
    ok = ReadRing((*array)[i], polygon.rings[i], problems, ring_detail) && ok;
  }
  return ok;
}

std::vector<std::vector<Xy>> AsXy(const Polygon& polygon) {
  std::vector<std::vector<Xy>> rings;
  for (const auto& ring : polygon.rings) {
    auto& out = rings.emplace_back();
    for (const auto& p : ring) out.push_back({p.lon, p.lat});
  }
  return rings;
}

geos::Geom ToGeos(const geos::Context& ctx, const std::vector<Polygon>& polygons) {
  std::vector<geos::Geom> parts;
  for (const auto& polygon : polygons) parts.push_back(geos::MakePolygon(ctx, AsXy(polygon)));
  return geos::MakeCollection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
}

// Self-intersections and the like; the location goes into the field so a person can find it.
bool CheckValid(const geos::Context& ctx, const GEOSGeometry* g, Problems& problems) {
  char* reason = nullptr;
  GEOSGeometry* location = nullptr;
  const char valid = GEOSisValidDetail_r(ctx.get(), g, 0, &reason, &location);
  if (valid == 1) return true;
  std::string detail;
  if (location) {
    double x = 0, y = 0;
    GEOSGeomGetX_r(ctx.get(), location, &x);
    GEOSGeomGetY_r(ctx.get(), location, &y);
    detail = "near " + std::to_string(x) + " " + std::to_string(y);
    GEOSGeom_destroy_r(ctx.get(), location);
  }
  const std::string text = reason ? reason : "";
  if (reason) GEOSFree_r(ctx.get(), reason);
  const bool self = text.find("elf-intersection") != std::string::npos;
  problems.AddAt(detail,
                 self ? "error.territory.self_intersection" : "error.territory.invalid_geometry");
  return false;
}

// The centroid when it lies inside, else a point on the surface (as the shared CSV does).
LonLat RepresentativePoint(const geos::Context& ctx, const GEOSGeometry* g) {
  auto point = geos::Own(ctx, GEOSGetCentroid_r(ctx.get(), g));
  if (GEOSIntersects_r(ctx.get(), g, point.get()) != 1)
    point = geos::Own(ctx, GEOSPointOnSurface_r(ctx.get(), g));
  LonLat out;
  GEOSGeomGetX_r(ctx.get(), point.get(), &out.lon);
  GEOSGeomGetY_r(ctx.get(), point.get(), &out.lat);
  return out;
}

// Shoelace area of the polygons on EPSG:3035, holes subtracted.
double AreaKm2(const Projector& laea, const std::vector<Polygon>& polygons) {
  double total = 0;
  std::vector<Xy> points;
  for (const auto& polygon : polygons) {
    for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
      points.clear();
      for (const auto& p : polygon.rings[r]) points.push_back({p.lon, p.lat});
      laea.Forward(points);
      double twice = 0;
      for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        twice += points[i].x * points[i + 1].y - points[i + 1].x * points[i].y;
      }
      total += (r == 0 ? 1 : -1) * std::abs(twice) / 2;
    }
  }
  return total / 1e6;
}

bool ReadPopulation(const json::object& props, Commune& commune, Problems& problems) {
  const auto* value = props.if_contains("population");
  if (!value || value->is_null()) return true;
  if (value->is_int64() && value->as_int64() >= 0) {
    commune.population = value->as_int64();
    return true;
  }
  if (value->is_uint64()) {
    commune.population = static_cast<std::int64_t>(value->as_uint64());
    return true;
  }
  problems.Add("error.territory.bad_population");
  return false;
}

bool ReadCommuneGeometry(const json::value& feature, Commune& commune, Problems& problems) {
  const auto geometry = GeometryOf(feature);
  if (geometry.type == "Polygon") {
    commune.polygons.resize(1);
    return ReadPolygon(*geometry.coordinates, commune.polygons[0], problems, "");
  }
  if (geometry.type != "MultiPolygon") {
    problems.Add("error.territory.not_polygon");
    return false;
  }
  const auto& polygons = geometry.coordinates->as_array();
  if (polygons.empty()) {
    problems.Add("error.territory.bad_polygon");
    return false;
  }
  commune.polygons.resize(polygons.size());
  bool ok = true;
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    const std::string detail = "polygon " + std::to_string(i + 1);
    ok = ReadPolygon(polygons[i], commune.polygons[i], problems, detail) && ok;
  }
  return ok;
}

// Every feature is read to the end so that all its problems are reported, not just the first.
bool ReadCommune(const json::value& feature, std::size_t index, Commune& commune,
                 Problems& problems) {
  const auto* props = Properties(feature);
  problems.where = FeatureLabel(index, props ? StringProperty(*props, {"code"}) : "");
  if (!props) {
    problems.Add("error.territory.not_feature");
    return false;
  }
  commune.code = StringProperty(*props, {"code"});
  commune.name = StringProperty(*props, {"nom"});
  bool ok = true;
  if (commune.code.empty()) {
    problems.Add("error.territory.missing_code");
    ok = false;
  }
  if (commune.name.empty()) {
    problems.Add("error.territory.missing_name");
    ok = false;
  }
  ok = ReadPopulation(*props, commune, problems) && ok;
  return ReadCommuneGeometry(feature, commune, problems) && ok;
}

// Codes identify communes and exchanges: a second feature with the same code is refused.
bool CheckUnique(std::unordered_map<std::string, std::size_t>& seen, const std::string& code,
                 std::size_t index, Problems& problems) {
  const auto [it, inserted] = seen.emplace(code, index);
  if (inserted) return true;
  problems.AddAt("same code as feature " + std::to_string(it->second + 1),
                 "error.territory.duplicate_code");
  return false;
}

}  // namespace

core::Result<std::vector<Commune>> ParseCommunesGeoJson(std::string_view text) {
  auto root = ParseJson(text);
  if (!root) return root.error();
  auto features = Features(*root);
  if (!features) return features.error();
  const geos::Context ctx;
  const Projector laea(Crs::kWgs84, Crs::kLaea3035);
  Problems problems;
  std::unordered_map<std::string, std::size_t> seen;
  std::vector<Commune> communes;
  for (std::size_t i = 0; i < (*features)->size(); ++i) {
    Commune commune;
    if (!ReadCommune((**features)[i], i, commune, problems)) continue;
    if (!CheckUnique(seen, commune.code, i, problems)) continue;
    const auto g = ToGeos(ctx, commune.polygons);
    if (!CheckValid(ctx, g.get(), problems)) continue;
    commune.point = RepresentativePoint(ctx, g.get());
    commune.area_km2 = AreaKm2(laea, commune.polygons);
    communes.push_back(std::move(commune));
  }
  if (!problems.errors.empty())
    return Error{ErrorCode::kInvalid, "error.territory.rejected", problems.errors, {}};
  return communes;
}

core::Result<std::vector<Exchange>> ParseExchangesGeoJson(std::string_view text) {
  auto root = ParseJson(text);
  if (!root) return root.error();
  auto features = Features(*root);
  if (!features) return features.error();
  Problems problems;
  std::unordered_map<std::string, std::size_t> seen;
  std::vector<Exchange> exchanges;
  for (std::size_t i = 0; i < (*features)->size(); ++i) {
    const auto& feature = (**features)[i];
    const auto* props = Properties(feature);
    Exchange exchange;
    if (props) {
      exchange.code = StringProperty(*props, {"code", "nra_code", "osm_id"});
      exchange.name = StringProperty(*props, {"name", "nom"});
      const auto* inside = props->if_contains("in_territory");
      exchange.in_territory = inside && inside->is_bool() && inside->as_bool();
    }
    problems.where = FeatureLabel(i, exchange.code);
    if (!props) {
      problems.Add("error.territory.not_feature");
      continue;
    }
    const auto geometry = GeometryOf(feature);
    const bool point = geometry.type == "Point";
    LonLat p;
    if (!point) problems.Add("error.territory.not_point");
    if (exchange.code.empty()) problems.Add("error.territory.missing_code");
    if (!point || exchange.code.empty() || !ReadPosition(*geometry.coordinates, p, problems, "")) {
      continue;
    }
    if (!CheckUnique(seen, exchange.code, i, problems)) continue;
    exchange.lon = p.lon;
    exchange.lat = p.lat;
    exchanges.push_back(std::move(exchange));
  }
  if (!problems.errors.empty())
    return Error{ErrorCode::kInvalid, "error.territory.rejected", problems.errors, {}};
  return exchanges;
}

}  // namespace sohosolo::territory
