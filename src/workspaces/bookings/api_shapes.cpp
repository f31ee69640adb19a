// What the workspaces bookings API takes and answers, for the OpenAPI document (docs/api.md).
#include "workspaces/api_shapes.hpp"

namespace sohosolo::workspaces {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"BookingRequest", R"({
  "type": "object",
  "properties": {"resource_id": {"type": "integer"}, "start": {"type": "string"}, "end": {"type": "string"}},
  "required": ["resource_id", "start", "end"]})"},
    {"CalendarFeed", R"({
  "type": "object",
  "properties": {"calendar_feed_url": {"type": ["string", "null"]}, "created_at": {"type": ["string", "null"]}},
  "required": ["calendar_feed_url", "created_at"]})"},
    {"Booking", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "resource_id": {"type": ["integer", "null"]},
    "start": {"type": "string"}, "end": {"type": "string"}, "note": {"type": "string"},
    "status": {"type": "string"}, "created_at": {"type": ["string", "null"]},
    "checked_in_at": {"type": ["string", "null"]}, "series_id": {},
    "blocked_until": {"type": "string"}, "account_id": {"type": ["integer", "null"]},
    "booked_by": {}, "quota_override": {}, "reason": {"type": "string"}},
  "required": [
    "id", "resource_id", "start", "end", "note", "status", "created_at", "checked_in_at",
    "series_id"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/sites/{id}/closures", "A site's closures",
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
     {"GET", "/api/v1/sites/{id}/closed-days", "A site's closed and open days",
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
     {"POST", "/api/v1/sites/{id}/closures", "Close a site for some days",
      R"({
  "type": "object", "properties": {"first_day": {"type": "string"}, "reason": {"type": "string"}},
  "required": ["first_day", "reason"]})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "site_id": {"type": ["integer", "null"]},
    "first_day": {"type": ["string", "null"]}, "last_day": {"type": ["string", "null"]},
    "reason": {"type": "string"}},
  "required": ["id", "site_id", "first_day", "last_day", "reason"]})"},
     {"DELETE", "/api/v1/closures/{id}", "Remove a closure",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/bookings/pending", "Bookings waiting for a decision, on the sites I run",
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
          "checked_in_at": {}, "series_id": {}, "account_id": {"type": ["integer", "null"]},
          "booked_by": {}, "quota_override": {}, "resource_name": {"type": "string"},
          "site_name": {"type": "string"}},
        "required": [
          "id", "resource_id", "start", "end", "note", "status", "created_at", "checked_in_at",
          "series_id", "account_id", "booked_by", "quota_override", "resource_name", "site_name"]}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/bookings/{id}/approve", "Approve a booking waiting for a decision",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Booking"})"},
     {"POST", "/api/v1/bookings/{id}/decline", "Decline a booking waiting for a decision",
      R"({"type": "object", "properties": {"reason": {"type": "string"}}, "required": ["reason"]})",
      200,
      R"({"$ref": "#/components/schemas/Booking"})"},
     {"POST", "/api/v1/waitlist", "Wait for a slot that is taken",
      R"({"$ref": "#/components/schemas/BookingRequest"})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "resource_id": {"type": ["integer", "null"]},
    "start": {"type": "string"}, "end": {"type": "string"}, "status": {"type": "string"},
    "booking_id": {}},
  "required": ["id", "resource_id", "start", "end", "status", "booking_id"]})"},
     {"GET", "/api/v1/waitlist", "My places on waiting lists",
      nullptr,
      200,
      R"({"type": "object", "properties": {"items": {"type": "array"}}, "required": ["items"]})"},
     {"DELETE", "/api/v1/waitlist/{id}", "Leave a waiting list",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/resources/{id}/availability", "A resource's free and taken periods between two days",
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
     {"POST", "/api/v1/bookings", "Book a resource (once or weekly)",
      R"({"$ref": "#/components/schemas/BookingRequest"})",
      201,
      R"({"$ref": "#/components/schemas/Booking"})"},
     {"GET", "/api/v1/bookings", "My bookings",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Booking"}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/bookings/{id}", "A booking",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Booking"})"},
     {"DELETE", "/api/v1/bookings/{id}", "Cancel a booking",
      nullptr,
      204,
      nullptr},
     {"POST", "/api/v1/bookings/{id}/check-in", "Check in for a booking",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Booking"})"},
     {"POST", "/api/v1/me/calendar-feed", "Make a new address for my bookings calendar",
      nullptr,
      201,
      R"({"$ref": "#/components/schemas/CalendarFeed"})"},
     {"POST", "/api/v1/resources/{id}/calendar-feed", "Make a new address for a resource's calendar",
      nullptr,
      201,
      R"({"$ref": "#/components/schemas/CalendarFeed"})"},
};
// clang-format on

}  // namespace

void DescribeBookingsApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::workspaces
