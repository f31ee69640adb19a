// What the workspaces stats API takes and answers, for the OpenAPI document (docs/api.md).
#include "workspaces/api_shapes.hpp"

namespace sohosolo::workspaces {

namespace {

// clang-format off
// One site's or resource's figures over a period; the same object for the whole range (totals),
// each week and each month (with their period).
const http::ApiComponent kComponents[] = {
    {"StatsFigures", R"({
  "type": "object",
  "properties": {
    "booked_hours": {"type": "number"}, "open_hours": {"type": "number"},
    "occupancy": {"type": "number"}, "bookings": {"type": "number"},
    "members": {"type": "number"}, "no_shows": {"type": "number"},
    "cancellations": {"type": "number"}},
  "required": [
    "booked_hours", "open_hours", "occupancy", "bookings", "members", "no_shows",
    "cancellations"]})"},
    {"StatsPeriod", R"({
  "allOf": [{"$ref": "#/components/schemas/StatsFigures"}],
  "type": "object",
  "properties": {"period": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"}},
  "required": ["period", "from", "to"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/stats", "Occupancy of the sites I run",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "from": {"type": "string"}, "to": {"type": "string"},
    "sites": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "site_id": {"type": ["integer", "null"]}, "name": {"type": "string"},
          "time_zone": {"type": "string"},
          "totals": {"$ref": "#/components/schemas/StatsFigures"},
          "weeks": {"type": "array", "items": {"$ref": "#/components/schemas/StatsPeriod"}},
          "months": {"type": "array", "items": {"$ref": "#/components/schemas/StatsPeriod"}},
          "busiest_hours": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "weekday": {"type": "number"},
                "hours": {"type": "array", "items": {"type": "number"}}},
              "required": ["weekday", "hours"]}},
          "resources": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "resource_id": {"type": ["integer", "null"]}, "name": {"type": "string"},
                "kind": {"type": "string"},
                "totals": {"$ref": "#/components/schemas/StatsFigures"},
                "weeks": {"type": "array", "items": {"$ref": "#/components/schemas/StatsPeriod"}},
                "months": {"type": "array", "items": {"$ref": "#/components/schemas/StatsPeriod"}}},
              "required": ["resource_id", "name", "kind", "totals", "weeks", "months"]}}},
        "required": [
          "site_id", "name", "time_zone", "totals", "weeks", "months", "busiest_hours",
          "resources"]}}},
  "required": ["from", "to", "sites"]})"},
};
// clang-format on

}  // namespace

void DescribeStatsApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::workspaces
