// What the workspaces bookings API takes and answers, for the OpenAPI document (docs/api.md).
#include "workspaces/api_shapes.hpp"

namespace sohosolo::workspaces {

namespace {

// clang-format off
const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/sites/{id}/closures", "List sites closures",
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
          "id": {"type": "integer"}, "site_id": {"type": ["integer", "null"]},
          "first_day": {"type": ["string", "null"]}, "last_day": {"type": ["string", "null"]},
          "reason": {"type": "string"}},
        "required": ["id", "site_id", "first_day", "last_day", "reason"]}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/sites/{id}/closed-days", "List sites closed days",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "site_id": {"type": ["integer", "null"]}, "from": {"type": "string"},
    "to": {"type": "string"},
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {"day": {"type": "string"}, "kind": {"type": "string"}, "reason": {"type": "string"}},
        "required": ["day", "kind", "reason"]}}},
  "required": ["site_id", "from", "to", "items"]})"},
     {"POST", "/api/v1/sites/{id}/closures", "Create sites closures",
      R"({"type": "object", "properties": {"first_day": {"type": "string"}, "reason": {"type": "string"}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "site_id": {"type": ["integer", "null"]},
    "first_day": {"type": ["string", "null"]}, "last_day": {"type": ["string", "null"]},
    "reason": {"type": "string"}},
  "required": ["id", "site_id", "first_day", "last_day", "reason"]})"},
     {"DELETE", "/api/v1/closures/{id}", "Delete closures",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/bookings/pending", "Read bookings pending",
      nullptr,
      200,
      R"({"type": "object", "properties": {"items": {"type": "array"}}, "required": ["items"]})"},
     {"POST", "/api/v1/bookings/{id}/approve", "Post bookings approve",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
     {"POST", "/api/v1/bookings/{id}/decline", "Post bookings decline",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
     {"POST", "/api/v1/waitlist", "Post waitlist",
      R"({
  "type": "object",
  "properties": {"resource_id": {"type": "integer"}, "start": {"type": "string"}, "end": {"type": "string"}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "resource_id": {"type": ["integer", "null"]},
    "start": {"type": "string"}, "end": {"type": "string"}, "status": {"type": "string"},
    "booking_id": {}},
  "required": ["id", "resource_id", "start", "end", "status", "booking_id"]})"},
     {"GET", "/api/v1/waitlist", "Read waitlist",
      nullptr,
      200,
      R"({"type": "object", "properties": {"items": {"type": "array"}}, "required": ["items"]})"},
     {"DELETE", "/api/v1/waitlist/{id}", "Delete waitlist",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/resources/{id}/availability", "Read resources availability",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "resource_id": {"type": ["integer", "null"]},
    "free": {
      "type": "array",
      "items": {
        "type": "object", "properties": {"start": {"type": "string"}, "end": {"type": "string"}},
        "required": ["start", "end"]}},
    "busy": {
      "type": "array",
      "items": {
        "type": "object", "properties": {"start": {"type": "string"}, "end": {"type": "string"}},
        "required": ["start", "end"]}}},
  "required": ["resource_id", "free", "busy"]})"},
     {"POST", "/api/v1/bookings", "Create bookings",
      R"({
  "type": "object",
  "properties": {"resource_id": {"type": "integer"}, "start": {"type": "string"}, "end": {"type": "string"}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "resource_id": {"type": ["integer", "null"]},
    "start": {"type": "string"}, "end": {"type": "string"}, "note": {"type": "string"},
    "status": {"type": "string"}, "created_at": {"type": ["string", "null"]}, "checked_in_at": {},
    "series_id": {}},
  "required": [
    "id", "resource_id", "start", "end", "note", "status", "created_at", "checked_in_at",
    "series_id"]})"},
     {"GET", "/api/v1/bookings", "List bookings",
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
          "id": {"type": "integer"}, "resource_id": {"type": ["integer", "null"]},
          "start": {"type": "string"}, "end": {"type": "string"}, "note": {"type": "string"},
          "status": {"type": "string"}, "created_at": {"type": ["string", "null"]},
          "checked_in_at": {}, "series_id": {}},
        "required": [
          "id", "resource_id", "start", "end", "note", "status", "created_at", "checked_in_at",
          "series_id"]}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/bookings/{id}", "Read bookings",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "resource_id": {"type": ["integer", "null"]},
    "start": {"type": "string"}, "end": {"type": "string"}, "note": {"type": "string"},
    "status": {"type": "string"}, "created_at": {"type": ["string", "null"]}, "checked_in_at": {},
    "series_id": {}},
  "required": [
    "id", "resource_id", "start", "end", "note", "status", "created_at", "checked_in_at",
    "series_id"]})"},
     {"DELETE", "/api/v1/bookings/{id}", "Delete bookings",
      nullptr,
      204,
      nullptr},
     {"POST", "/api/v1/bookings/{id}/check-in", "Post bookings check in",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
     {"POST", "/api/v1/me/calendar-feed", "Post me calendar feed",
      R"({"type": "object", "properties": {}})",
      201,
      R"({
  "type": "object",
  "properties": {"calendar_feed_url": {"type": ["string", "null"]}, "created_at": {"type": ["string", "null"]}},
  "required": ["calendar_feed_url", "created_at"]})"},
     {"POST", "/api/v1/resources/{id}/calendar-feed", "Post resources calendar feed",
      R"({"type": "object", "properties": {}})",
      201,
      R"({
  "type": "object",
  "properties": {"calendar_feed_url": {"type": ["string", "null"]}, "created_at": {"type": ["string", "null"]}},
  "required": ["calendar_feed_url", "created_at"]})"},
};
// clang-format on

}  // namespace

void DescribeBookingsApi(http::ApiShapes& shapes) { shapes.Add(kShapes); }

}  // namespace sohosolo::workspaces
