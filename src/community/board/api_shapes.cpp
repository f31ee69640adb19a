// What the community board API takes and answers, for the OpenAPI document (docs/api.md).
#include "community/api_shapes.hpp"

namespace sohosolo::community {

namespace {

// clang-format off
const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/board", "Read board",
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
          "author_id": {"type": "integer"},
          "author_name": {"type": "string"},
          "kind": {"type": "string"},
          "category": {"type": "string"},
          "title": {"type": "string"},
          "body": {"type": "string"},
          "expires_at": {"type": "string"},
          "state": {"type": "string"},
          "moderation_note": {"type": "string"},
          "demo": {"type": "boolean"},
          "created_at": {"type": "string"}},
        "required": [
          "id",
          "author_id",
          "author_name",
          "kind",
          "category",
          "title",
          "body",
          "expires_at",
          "state",
          "moderation_note",
          "demo",
          "created_at"]}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/board/pending", "Read board pending",
      nullptr,
      200,
      R"({"type": "object", "properties": {"items": {"type": "array"}}, "required": ["items"]})"},
     {"POST", "/api/v1/board", "Post board",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
     {"GET", "/api/v1/board/{id}", "Read board",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"},
    "author_id": {"type": "integer"},
    "author_name": {"type": "string"},
    "kind": {"type": "string"},
    "category": {"type": "string"},
    "title": {"type": "string"},
    "body": {"type": "string"},
    "expires_at": {"type": "string"},
    "state": {"type": "string"},
    "moderation_note": {"type": "string"},
    "demo": {"type": "boolean"},
    "created_at": {"type": "string"},
    "messages": {"type": "array"}},
  "required": [
    "id",
    "author_id",
    "author_name",
    "kind",
    "category",
    "title",
    "body",
    "expires_at",
    "state",
    "moderation_note",
    "demo",
    "created_at",
    "messages"]})"},
     {"DELETE", "/api/v1/board/{id}", "Delete board",
      nullptr,
      204,
      nullptr, http::Detail::kOutline},
     {"POST", "/api/v1/board/{id}/messages", "Create board messages",
      R"({"type": "object"})",
      201,
      R"({"type": "object"})", http::Detail::kOutline},
     {"POST", "/api/v1/board/{id}/approve", "Post board approve",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
     {"POST", "/api/v1/board/{id}/reject", "Post board reject",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
};
// clang-format on

}  // namespace

void DescribeBoardApi(http::ApiShapes& shapes) { shapes.Add(kShapes); }

}  // namespace sohosolo::community
