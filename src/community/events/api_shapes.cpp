// What the community events API takes and answers, for the OpenAPI document (docs/api.md).
#include "community/api_shapes.hpp"

namespace sohosolo::community {

namespace {

// clang-format off
const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/events", "List events",
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
          "id": {"type": "integer"},
          "title": {"type": "string"},
          "theme": {"type": "string"},
          "place": {"type": "string"},
          "start": {"type": "string"},
          "end": {"type": "string"},
          "capacity": {"type": "integer"},
          "registered": {"type": "integer"},
          "waitlisted": {"type": "integer"},
          "cancelled": {"type": "boolean"},
          "demo": {"type": "boolean"},
          "site_id": {"type": "integer"},
          "series": {"type": ["string", "null"]},
          "my_status": {"type": "string"}},
        "required": [
          "id",
          "title",
          "theme",
          "place",
          "start",
          "end",
          "capacity",
          "registered",
          "waitlisted",
          "cancelled",
          "demo",
          "site_id",
          "series",
          "my_status"]}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/events", "Create events",
      R"({"type": "object"})",
      201,
      R"({"type": "object"})", http::Detail::kOutline},
     {"GET", "/api/v1/events/{id}", "Read events",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"},
    "title": {"type": "string"},
    "theme": {"type": "string"},
    "place": {"type": "string"},
    "start": {"type": "string"},
    "end": {"type": "string"},
    "capacity": {"type": "integer"},
    "registered": {"type": "integer"},
    "waitlisted": {"type": "integer"},
    "cancelled": {"type": "boolean"},
    "demo": {"type": "boolean"},
    "site_id": {"type": "integer"},
    "series": {},
    "my_status": {"type": "string"}},
  "required": [
    "id",
    "title",
    "theme",
    "place",
    "start",
    "end",
    "capacity",
    "registered",
    "waitlisted",
    "cancelled",
    "demo",
    "site_id",
    "series",
    "my_status"]})"},
     {"PATCH", "/api/v1/events/{id}", "Change events",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
     {"POST", "/api/v1/events/{id}/registrations", "Create events registrations",
      R"({"type": "object"})",
      201,
      R"({"type": "object"})", http::Detail::kOutline},
     {"DELETE", "/api/v1/events/{id}/registrations/me", "Delete events registrations me",
      nullptr,
      204,
      nullptr, http::Detail::kOutline},
     {"GET", "/api/v1/events/{id}/registrations", "List events registrations",
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
          "account_id": {"type": "integer"},
          "name": {"type": "string"},
          "status": {"type": "string"},
          "since": {"type": "string"},
          "attended": {}},
        "required": ["account_id", "name", "status", "since", "attended"]}}},
  "required": ["items"]})"},
     {"PUT", "/api/v1/events/{id}/attendance/{account}", "Replace events attendance",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
};
// clang-format on

}  // namespace

void DescribeEventsApi(http::ApiShapes& shapes) { shapes.Add(kShapes); }

}  // namespace sohosolo::community
