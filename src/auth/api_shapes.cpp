// What the auth API takes and answers, for the OpenAPI document (docs/api.md).
#include "auth/api_shapes.hpp"

namespace sohosolo::auth {

namespace {

// clang-format off
const http::ApiShape kShapes[] = {
     {"POST", "/api/v1/tokens", "Get an API token with an e-mail and a password",
      R"({
  "type": "object", "properties": {"email": {"type": "string"}, "password": {"type": "string"}},
  "required": ["email", "password"]})",
      201,
      R"({
  "type": "object",
  "properties": {"token": {"type": "string"}, "id": {"type": "integer"}, "token_type": {"type": "string"}},
  "required": ["token", "id", "token_type"]})"},
     {"GET", "/api/v1/tokens", "List my API tokens",
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
          "id": {"type": "integer"}, "name": {"type": "string"},
          "created_at": {"type": ["string", "null"]}, "last_used_at": {"type": ["string", "null"]}},
        "required": ["id", "name", "created_at", "last_used_at"]}}},
  "required": ["items"]})"},
     {"DELETE", "/api/v1/tokens/{id}", "Revoke one of my API tokens",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/me", "Who I am: account, roles, programme",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "email": {"type": "string"}, "display_name": {"type": "string"},
    "language": {"type": "string"}, "roles": {"type": "array", "items": {"type": "string"}},
    "programme": {
      "type": "object", "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
      "required": ["slug", "name"]},
    "calendar_feed_url": {"type": ["string", "null"]},
    "calendar_feed_created_at": {"type": ["string", "null"]},
    "calendar_feed_regenerate": {"type": "string"}},
  "required": [
    "id", "email", "display_name", "language", "roles", "programme", "calendar_feed_url",
    "calendar_feed_created_at", "calendar_feed_regenerate"]})"},
     {"GET", "/api/v1/me/export", "Everything the programme keeps about me",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "account": {
      "type": "object",
      "properties": {
        "id": {"type": "integer"}, "email": {"type": "string"},
        "display_name": {"type": "string"}, "language": {"type": "string"},
        "created_at": {"type": ["string", "null"]}},
      "required": ["id", "email", "display_name", "language", "created_at"]},
    "roles": {"type": "array", "items": {"type": "string"}},
    "api_tokens": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "id": {"type": "integer"}, "name": {"type": "string"},
          "created_at": {"type": ["string", "null"]}},
        "required": ["id", "name", "created_at"]}},
    "exported_at": {"type": ["string", "null"]},
    "profile": {
      "type": "object",
      "properties": {
        "listed": {"type": "boolean"}, "status": {"type": "string"}, "sector": {"type": "string"},
        "skills": {"type": "array", "items": {"type": "string"}},
        "village_code": {"type": "string"}, "presentation": {"type": "string"},
        "website": {"type": "string"}, "languages": {"type": "string"},
        "arrival_month": {"type": "string"}, "household": {"type": "string"},
        "shown": {
          "type": "object",
          "properties": {
            "status": {"type": "string"}, "sector": {"type": "string"},
            "skills": {"type": "string"}, "village": {"type": "string"},
            "presentation": {"type": "string"}, "website": {"type": "string"},
            "languages": {"type": "string"}, "arrival": {"type": "string"},
            "photo": {"type": "string"}},
          "required": [
            "status", "sector", "skills", "village", "presentation", "website", "languages",
            "arrival", "photo"]}},
      "required": [
        "listed", "status", "sector", "skills", "village_code", "presentation", "website",
        "languages", "arrival_month", "household", "shown"]},
    "club_registrations": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "event_id": {"type": ["integer", "null"]}, "title": {"type": "string"},
          "start": {"type": "string"}, "status": {"type": "string"}, "since": {"type": "string"},
          "attended": {"type": ["boolean", "null"]}},
        "required": ["event_id", "title", "start", "status", "since", "attended"]}},
    "board_posts": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "id": {"type": "integer"}, "kind": {"type": "string"}, "category": {"type": "string"},
          "title": {"type": "string"}, "body": {"type": "string"}, "state": {"type": "string"},
          "expires_at": {"type": ["string", "null"]}, "created_at": {"type": ["string", "null"]}},
        "required": ["id", "kind", "category", "title", "body", "state", "expires_at", "created_at"]}},
    "board_messages": {"type": "array"},
    "newsletters": {"type": "object", "properties": {"receives": {"type": "boolean"}}, "required": ["receives"]}},
  "required": [
    "account", "roles", "api_tokens", "exported_at", "profile", "club_registrations",
    "board_posts", "board_messages", "newsletters"]})"},
};
// clang-format on

}  // namespace

void DescribeApi(http::ApiShapes& shapes) { shapes.Add(kShapes); }

}  // namespace sohosolo::auth
