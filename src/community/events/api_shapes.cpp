// What the community events API takes and answers, for the OpenAPI document (docs/api.md).
#include "community/api_shapes.hpp"

namespace sohosolo::community {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"Attendance", R"({
  "type": "object",
  "properties": {
    "status": {"type": "string"},
    "event": {"$ref": "#/components/schemas/Event", "required": ["my_status"]}},
  "required": ["status", "event"]})"},
    {"Event", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "title": {"type": "string"}, "theme": {"type": "string"},
    "place": {"type": "string"}, "start": {"type": "string"}, "end": {"type": "string"},
    "capacity": {"type": "integer"}, "registered": {"type": "number"},
    "waitlisted": {"type": "number"}, "cancelled": {"type": "boolean"},
    "demo": {"type": "boolean"}, "site_id": {"type": ["integer", "null"]},
    "series": {"type": ["string", "null"]}, "my_status": {"type": "string"}},
  "required": [
    "id", "title", "theme", "place", "start", "end", "capacity", "registered", "waitlisted",
    "cancelled", "demo", "site_id", "series"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/events", "The club's events",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/events", "Create an event (or a series)",
      R"({
  "type": "object",
  "properties": {
    "title": {"type": "string"}, "place": {"type": "string"}, "start": {"type": "string"},
    "end": {"type": "string"}, "capacity": {"type": "integer"}},
  "required": ["start", "end"]})",
      201,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/events/{id}", "An event",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Event"})"},
     {"PATCH", "/api/v1/events/{id}", "Change or cancel an event",
      R"({"type": "object", "properties": {"capacity": {"type": "integer"}}})",
      200,
      R"({"$ref": "#/components/schemas/Event"})"},
     {"POST", "/api/v1/events/{id}/registrations", "Register for an event (or join its waiting list)",
      nullptr,
      201,
      R"({"$ref": "#/components/schemas/Attendance"})"},
     {"DELETE", "/api/v1/events/{id}/registrations/me", "Cancel my registration",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Attendance"})"},
     {"GET", "/api/v1/events/{id}/registrations", "An event's registrations",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "account_id": {"type": ["integer", "null"]}, "name": {"type": "string"},
          "status": {"type": "string"}, "since": {"type": "string"}, "attended": {}},
        "required": ["account_id", "name", "status", "since", "attended"]}}},
  "required": ["items"]})"},
     {"PUT", "/api/v1/events/{id}/attendance/{account}", "Record who came",
      R"({"type": "object", "properties": {"attended": {"type": "boolean"}}, "required": ["attended"]})",
      204,
      nullptr},
};
// clang-format on

}  // namespace

void DescribeEventsApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::community
