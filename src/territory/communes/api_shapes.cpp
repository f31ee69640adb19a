// What the territory communes API takes and answers, for the OpenAPI document (docs/api.md).
#include "territory/api_shapes.hpp"

namespace sohosolo::territory {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"FeatureCollection", R"({"type": "object", "required": ["type", "features"], "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {"type": "object", "required": ["type", "geometry", "properties"]}}}})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/communes", "Communes of the territory, searchable, by pages",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {"code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"}},
        "required": ["code", "nom", "population"]}},
    "total": {"type": "integer"}, "next_cursor": {"type": "string"}},
  "required": ["items", "total", "next_cursor"]})"},
     {"GET", "/api/v1/communes/{code}", "A commune and its connectivity",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
    "codes_postaux": {"type": "array", "items": {"type": "string"}},
    "area_km2": {"type": "number"},
    "point": {
      "type": "object", "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}},
      "required": ["lon", "lat"]},
    "has_outline": {"type": "boolean"}},
  "required": ["code", "nom", "population", "codes_postaux", "area_km2", "point", "has_outline"]})"},
     {"GET", "/api/v1/communes/{code}/connectivity", "A commune's expected rates by technology",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "commune": {
      "type": "object",
      "properties": {
        "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
        "codes_postaux": {"type": "array", "items": {"type": "string"}},
        "area_km2": {"type": "number"},
        "point": {
          "type": "object", "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}},
          "required": ["lon", "lat"]},
        "has_outline": {"type": "boolean"}},
      "required": ["code", "nom", "population", "codes_postaux", "area_km2", "point", "has_outline"]},
    "exchange": {
      "type": "object",
      "properties": {
        "code": {"type": "string"}, "name": {"type": "string"}, "lon": {"type": "number"},
        "lat": {"type": "number"}, "in_territory": {"type": "boolean"}},
      "required": ["code", "name", "lon", "lat", "in_territory"]},
    "distance_km": {"type": "number"}, "line_length_km": {"type": "number"},
    "attenuation_db": {"type": "number"}, "adsl2plus_mbps": {"type": "number"},
    "adsl_mbps": {"type": "number"}, "class": {"type": "string"},
    "parameters": {
      "type": "object",
      "properties": {
        "detour_factor": {"type": "number"}, "gauge_mm": {"type": "number"},
        "db_per_km": {"type": "number"}, "no_adsl_above_db": {"type": "number"},
        "readsl_above_db": {"type": "number"}, "readsl_mbps": {"type": "number"},
        "beyond_table": {"type": "string"}, "rates_source": {"type": "string"},
        "origin": {"type": "string"}},
      "required": [
        "detour_factor", "gauge_mm", "db_per_km", "no_adsl_above_db", "readsl_above_db",
        "readsl_mbps", "beyond_table", "rates_source", "origin"]}},
  "required": [
    "commune", "exchange", "distance_km", "line_length_km", "attenuation_db", "adsl2plus_mbps",
    "adsl_mbps", "class", "parameters"]})"},
     {"GET", "/api/v1/coverage", "Share of the territory above a rate",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "threshold_mbps": {"type": "number"}, "technology": {"type": "string"},
    "communes": {"type": "number"}, "territory_area_km2": {"type": "number"},
    "covered_area_km2": {"type": "number"}, "area_share": {"type": "number"},
    "official_area_km2": {"type": "number"}, "official_area_share": {"type": "number"},
    "population": {"type": "number"}, "covered_population": {"type": "number"},
    "population_share": {"type": "number"}, "reach_km": {"type": "number"},
    "reach_line_km": {"type": "number"},
    "exchanges": {
      "type": "object",
      "properties": {
        "total": {"type": "integer"}, "inside": {"type": "number"}, "outside": {"type": "number"},
        "reaching": {"type": "number"}},
      "required": ["total", "inside", "outside", "reaching"]},
    "exchange_list": {"type": "string"}, "lower_bound": {"type": "boolean"},
    "too_far_share": {"type": "number"},
    "communes_too_far": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
          "area_km2": {"type": "number"}, "covered_km2": {"type": "number"},
          "covered_share": {"type": "number"}, "uncovered_population": {"type": "number"}},
        "required": [
          "code", "nom", "population", "area_km2", "covered_km2", "covered_share",
          "uncovered_population"]}},
    "parameters": {
      "type": "object",
      "properties": {
        "detour_factor": {"type": "number"}, "gauge_mm": {"type": "number"},
        "db_per_km": {"type": "number"}, "no_adsl_above_db": {"type": "number"},
        "readsl_above_db": {"type": "number"}, "readsl_mbps": {"type": "number"},
        "beyond_table": {"type": "string"}, "rates_source": {"type": "string"},
        "origin": {"type": "string"}},
      "required": [
        "detour_factor", "gauge_mm", "db_per_km", "no_adsl_above_db", "readsl_above_db",
        "readsl_mbps", "beyond_table", "rates_source", "origin"]}},
  "required": [
    "threshold_mbps", "technology", "communes", "territory_area_km2", "covered_area_km2",
    "area_share", "official_area_km2", "official_area_share", "population", "covered_population",
    "population_share", "reach_km", "reach_line_km", "exchanges", "exchange_list", "lower_bound",
    "too_far_share", "communes_too_far", "parameters"]})"},
     {"POST", "/api/v1/wifi-plans", "Plan WiFi relays for the communes without a good line",
      R"({"type": "object", "properties": {"relays": {"type": "number"}}})",
      200,
      R"({
  "type": "object",
  "properties": {
    "threshold_mbps": {"type": "number"}, "technology": {"type": "string"},
    "reach_km": {"type": "number"}, "radius_km": {"type": "number"},
    "relays_asked": {"type": "number"}, "target_share": {},
    "territory": {
      "type": "object",
      "properties": {
        "communes": {"type": "number"}, "communes_without_population": {"type": "number"},
        "communes_uncovered": {"type": "number"}, "population": {"type": "number"},
        "covered_population": {"type": "number"}, "uncovered_population": {"type": "number"},
        "uncovered_area_km2": {"type": "number"}, "population_share": {"type": "number"}},
      "required": [
        "communes", "communes_without_population", "communes_uncovered", "population",
        "covered_population", "uncovered_population", "uncovered_area_km2", "population_share"]},
    "candidates": {
      "type": "object",
      "properties": {"total": {"type": "integer"}, "communes": {"type": "number"}, "given": {"type": "number"}},
      "required": ["total", "communes", "given"]},
    "relays": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "rank": {"type": "number"}, "id": {"type": "string"}, "name": {"type": "string"},
          "origin": {"type": "string"}, "lon": {"type": "number"}, "lat": {"type": "number"},
          "population_gained": {"type": "number"}, "area_gained_km2": {"type": "number"},
          "cumulative_population": {"type": "number"}, "cumulative_share": {"type": "number"},
          "communes": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "code": {"type": "string"}, "nom": {"type": "string"},
                "population": {"type": "number"}, "area_km2": {"type": "number"}},
              "required": ["code", "nom", "population", "area_km2"]}}},
        "required": [
          "rank", "id", "name", "origin", "lon", "lat", "population_gained", "area_gained_km2",
          "cumulative_population", "cumulative_share", "communes"]}},
    "totals": {
      "type": "object",
      "properties": {
        "relays": {"type": "number"}, "population_gained": {"type": "number"},
        "area_gained_km2": {"type": "number"}, "uncovered_share_reached": {"type": "number"},
        "population_share_before": {"type": "number"},
        "population_share_after": {"type": "number"}, "end": {"type": "string"}},
      "required": [
        "relays", "population_gained", "area_gained_km2", "uncovered_share_reached",
        "population_share_before", "population_share_after", "end"]},
    "bounds": {
      "type": "object",
      "properties": {
        "relays": {"type": "number"}, "best_single_relay_population": {"type": "number"},
        "greedy_guarantee_population": {"type": "number"},
        "upper_bound_population": {"type": "number"}, "certified_ratio": {"type": "number"},
        "relays_lower_bound": {}, "gain_evaluations": {"type": "number"}},
      "required": [
        "relays", "best_single_relay_population", "greedy_guarantee_population",
        "upper_bound_population", "certified_ratio", "relays_lower_bound", "gain_evaluations"]},
    "parameters": {
      "type": "object",
      "properties": {
        "detour_factor": {"type": "number"}, "gauge_mm": {"type": "number"},
        "db_per_km": {"type": "number"}, "no_adsl_above_db": {"type": "number"},
        "readsl_above_db": {"type": "number"}, "readsl_mbps": {"type": "number"},
        "beyond_table": {"type": "string"}, "rates_source": {"type": "string"},
        "origin": {"type": "string"}},
      "required": [
        "detour_factor", "gauge_mm", "db_per_km", "no_adsl_above_db", "readsl_above_db",
        "readsl_mbps", "beyond_table", "rates_source", "origin"]},
    "geojson": {
      "type": "object",
      "properties": {
        "type": {"type": "string"},
        "features": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "type": {"type": "string"},
              "properties": {
                "type": "object",
                "properties": {
                  "kind": {"type": "string"}, "rank": {"type": "number"},
                  "id": {"type": "string"}, "name": {"type": "string"},
                  "radius_km": {"type": "number"}, "population_gained": {"type": "number"},
                  "area_gained_km2": {"type": "number"}, "origin": {"type": "string"},
                  "communes": {"type": "number"}},
                "required": ["kind", "rank", "id", "name", "population_gained", "area_gained_km2"]},
              "geometry": {
                "type": "object",
                "properties": {
                  "type": {"type": "string"},
                  "coordinates": {"type": "array", "items": {"type": ["array", "number"]}}},
                "required": ["type", "coordinates"]}},
            "required": ["type", "properties", "geometry"]}}},
      "required": ["type", "features"]}},
  "required": [
    "threshold_mbps", "technology", "reach_km", "radius_km", "relays_asked", "target_share",
    "territory", "candidates", "relays", "totals", "bounds", "parameters", "geojson"]})"},
     {"GET", "/api/v1/territory/parameters", "The territory's model parameters and data sources",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "origin": {"type": "string"}, "detour_factor": {"type": "number"},
    "gauge_mm": {"type": "number"},
    "cable_gauges": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "gauge_mm": {"type": "number"}, "db_per_km": {"type": "number"},
          "source": {"type": "string"}},
        "required": ["gauge_mm", "db_per_km", "source"]}},
    "rate_vs_attenuation": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "attenuation_db": {"type": "number"}, "adsl_mbps": {"type": "number"},
          "adsl2plus_mbps": {"type": "number"}},
        "required": ["attenuation_db", "adsl_mbps", "adsl2plus_mbps"]}},
    "rates_source": {"type": "string"}, "beyond_table": {"type": "string"},
    "no_adsl_above_db": {"type": "number"}, "readsl_above_db": {"type": "number"},
    "readsl_mbps": {"type": "number"}, "official_area_km2": {"type": "number"},
    "wifi_radius_km": {"type": "number"}, "exchange_list": {"type": "string"}},
  "required": [
    "origin", "detour_factor", "gauge_mm", "cable_gauges", "rate_vs_attenuation", "rates_source",
    "beyond_table", "no_adsl_above_db", "readsl_above_db", "readsl_mbps", "official_area_km2",
    "wifi_radius_km", "exchange_list"]})"},
     {"GET", "/api/v1/geo/communes.geojson", "Communes as GeoJSON, with their rate bands",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/FeatureCollection"})", http::Detail::kFull, "application/geo+json"},
     {"GET", "/api/v1/geo/exchanges.geojson", "Telephone exchanges as GeoJSON",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/FeatureCollection"})", http::Detail::kFull, "application/geo+json"},
};
// clang-format on

}  // namespace

void DescribeCommunesApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::territory
