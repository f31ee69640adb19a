// What the community newsletters API takes and answers, for the OpenAPI document (docs/api.md).
#include "community/api_shapes.hpp"

namespace sohosolo::community {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"Newsletter", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "subject": {"type": "string"},
    "sent_at": {"type": ["string", "null"]}, "public": {"type": "boolean"},
    "demo": {"type": "boolean"}, "state": {"type": "string"}, "scheduled_at": {},
    "segment_kind": {"type": "string"}, "segment_value": {"type": "string"},
    "recipients": {"type": "number"}, "markdown": {"type": "string"}, "html": {"type": "string"},
    "progress": {
      "type": "object",
      "properties": {
        "recipients": {"type": "number"}, "sent": {"type": "number"},
        "failed": {"type": "number"}, "left": {"type": "number"}},
      "required": ["recipients", "sent", "failed", "left"]}},
  "required": ["id", "subject", "sent_at", "public", "demo"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/newsletters", "Newsletters sent (all, for the staff)",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Newsletter"}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/newsletters/{id}", "A newsletter",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Newsletter"})"},
     {"POST", "/api/v1/newsletter-subscriptions", "Subscribe an address (double opt-in)",
      R"({"type": "object", "properties": {"email": {"type": "string"}}, "required": ["email"]})",
      202,
      R"({"type": "object", "properties": {"status": {"type": "string"}}, "required": ["status"]})"},
     {"POST", "/api/v1/newsletters", "Write a newsletter",
      R"({
  "type": "object", "properties": {"subject": {"type": "string"}, "markdown": {"type": "string"}},
  "required": ["subject", "markdown"]})",
      201,
      R"({"$ref": "#/components/schemas/Newsletter"})"},
     {"PATCH", "/api/v1/newsletters/{id}", "Change a newsletter not yet sent",
      R"({
  "type": "object", "properties": {"subject": {"type": "string"}, "markdown": {"type": "string"}},
  "required": ["subject", "markdown"]})",
      200,
      R"({"$ref": "#/components/schemas/Newsletter"})"},
     {"POST", "/api/v1/newsletters/{id}/send", "Send or schedule a newsletter",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "subject": {"type": "string"},
    "sent_at": {"type": ["string", "null"]}, "public": {"type": "boolean"},
    "demo": {"type": "boolean"}, "state": {"type": "string"}, "scheduled_at": {},
    "segment_kind": {"type": "string"}, "segment_value": {"type": "string"},
    "recipients": {"type": "number"}, "markdown": {"type": "string"}, "html": {"type": "string"},
    "progress": {
      "type": "object",
      "properties": {
        "recipients": {"type": "number"}, "sent": {"type": "number"},
        "failed": {"type": "number"}, "left": {"type": "number"}},
      "required": ["recipients", "sent", "failed", "left"]}},
  "required": [
    "id", "subject", "sent_at", "public", "demo", "state", "scheduled_at", "segment_kind",
    "segment_value", "recipients", "markdown", "html", "progress"]})"},
     {"POST", "/api/v1/newsletters/{id}/test", "Send a newsletter to myself",
      nullptr,
      202,
      R"({"type": "object", "properties": {"sent_to": {"type": "string"}}, "required": ["sent_to"]})"},
     {"POST", "/api/v1/newsletters/{id}/retry", "Send a newsletter again to those it failed to reach",
      nullptr,
      200,
      R"({"type": "object", "properties": {"requeued": {"type": "number"}}, "required": ["requeued"]})"},
};
// clang-format on

}  // namespace

void DescribeNewslettersApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::community
