// What the community board API takes and answers, for the OpenAPI document (docs/api.md).
#include "community/api_shapes.hpp"

namespace sohosolo::community {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"BoardPost", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "author_id": {"type": ["integer", "null"]},
    "author_name": {"type": "string"}, "kind": {"type": "string"}, "category": {"type": "string"},
    "title": {"type": "string"}, "body": {"type": "string"},
    "expires_at": {"type": ["string", "null"]}, "state": {"type": "string"},
    "moderation_note": {"type": ["string", "null"]}, "demo": {"type": "boolean"},
    "created_at": {"type": ["string", "null"]}, "messages": {"type": "array"}},
  "required": [
    "id", "author_id", "author_name", "kind", "category", "title", "body", "expires_at", "state",
    "moderation_note", "demo", "created_at"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/board", "The members' board",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/BoardPost"}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/board/pending", "Posts waiting for moderation",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/BoardPost"}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/board", "Post an offer or a request",
      R"({
  "type": "object",
  "properties": {
    "kind": {"type": "string"}, "category": {"type": "string"}, "title": {"type": "string"},
    "body": {"type": "string"}},
  "required": ["kind", "category", "title", "body"]})",
      201,
      R"({"$ref": "#/components/schemas/BoardPost"})"},
     {"GET", "/api/v1/board/{id}", "A post and its messages",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/BoardPost"})"},
     {"DELETE", "/api/v1/board/{id}", "Withdraw a post",
      nullptr,
      204,
      nullptr},
     {"POST", "/api/v1/board/{id}/messages", "Write to a post's author (relayed, no address shown)",
      R"({"type": "object", "properties": {"body": {"type": "string"}}, "required": ["body"]})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "from_id": {"type": ["integer", "null"]},
    "from_name": {"type": "string"}, "to_id": {"type": ["integer", "null"]},
    "to_name": {"type": "string"}, "body": {"type": "string"},
    "created_at": {"type": ["string", "null"]}},
  "required": ["id", "from_id", "from_name", "to_id", "to_name", "body", "created_at"]})"},
     {"POST", "/api/v1/board/{id}/approve", "Approve a post",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/BoardPost"})"},
     {"POST", "/api/v1/board/{id}/reject", "Reject a post",
      R"({"type": "object", "properties": {"reason": {"type": "string"}}})",
      200,
      R"({"$ref": "#/components/schemas/BoardPost"})"},
};
// clang-format on

}  // namespace

void DescribeBoardApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::community
