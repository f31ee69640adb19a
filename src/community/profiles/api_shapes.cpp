// What the community profiles API takes and answers, for the OpenAPI document (docs/api.md).
#include "community/api_shapes.hpp"

namespace sohosolo::community {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"ProfileList", R"({
  "type": "object",
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {"category": {"type": "string"}, "skills": {"type": "array", "items": {"type": "string"}}},
        "required": ["category", "skills"]}}},
  "required": ["items"]})"},
    {"Profile", R"({
  "type": "object",
  "properties": {
    "account_id": {"type": ["integer", "null"]}, "display_name": {"type": "string"},
    "status": {"type": "string"}, "sector": {"type": "string"},
    "skills": {"type": "array", "items": {"type": "string"}}, "village_code": {"type": "string"},
    "village_name": {"type": "string"}, "presentation": {"type": "string"},
    "website": {"type": "string"}, "languages": {"type": "string"},
    "arrival_month": {"type": "string"}, "photo_url": {"type": ["string", "null"]},
    "listed": {"type": "boolean"}, "household": {"type": "string"},
    "shown": {
      "type": "object",
      "properties": {
        "status": {"type": "string"}, "sector": {"type": "string"}, "skills": {"type": "string"},
        "village": {"type": "string"}, "presentation": {"type": "string"},
        "website": {"type": "string"}, "languages": {"type": "string"},
        "arrival": {"type": "string"}, "photo": {"type": "string"}},
      "required": [
        "status", "sector", "skills", "village", "presentation", "website", "languages",
        "arrival", "photo"]}},
  "required": [
    "account_id", "display_name", "status", "sector", "skills", "village_code", "village_name",
    "presentation", "website", "languages", "arrival_month", "photo_url"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/members", "The members' directory",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Profile"}},
    "next_cursor": {}},
  "required": ["items", "next_cursor"]})"},
     {"GET", "/api/v1/members/map", "Members by village, for the map of skills",
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
          "village_code": {"type": "string"}, "village_name": {"type": "string"},
          "lon": {"type": "number"}, "lat": {"type": "number"}, "members": {"type": "number"}},
        "required": ["village_code", "village_name", "lon", "lat", "members"]}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/skills", "The list of skills members choose from",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/ProfileList"})"},
     {"PUT", "/api/v1/skills", "Set the list of skills",
      R"({"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]})",
      200,
      R"({"$ref": "#/components/schemas/ProfileList"})"},
     {"PUT", "/api/v1/me/profile/photo", "Set my photo",
      R"({
  "type": "string", "contentMediaType": "image/*",
  "description": "The image itself (JPEG or PNG), not a form."})",
      200,
      R"({
  "type": "object",
  "properties": {
    "account_id": {"type": ["integer", "null"]}, "display_name": {"type": "string"},
    "status": {"type": "string"}, "sector": {"type": "string"},
    "skills": {"type": "array", "items": {"type": "string"}}, "village_code": {"type": "string"},
    "village_name": {"type": "string"}, "presentation": {"type": "string"},
    "website": {"type": "string"}, "languages": {"type": "string"},
    "arrival_month": {"type": "string"}, "photo_url": {"type": ["string", "null"]},
    "listed": {"type": "boolean"}, "household": {"type": "string"},
    "shown": {
      "type": "object",
      "properties": {
        "status": {"type": "string"}, "sector": {"type": "string"}, "skills": {"type": "string"},
        "village": {"type": "string"}, "presentation": {"type": "string"},
        "website": {"type": "string"}, "languages": {"type": "string"},
        "arrival": {"type": "string"}, "photo": {"type": "string"}},
      "required": [
        "status", "sector", "skills", "village", "presentation", "website", "languages",
        "arrival", "photo"]}},
  "required": [
    "account_id", "display_name", "status", "sector", "skills", "village_code", "village_name",
    "presentation", "website", "languages", "arrival_month", "photo_url", "listed", "household",
    "shown"]})", http::Detail::kFull, "application/json", "image/jpeg image/png"},
     {"DELETE", "/api/v1/me/profile/photo", "Remove my photo",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/me/profile", "My profile in the directory",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Profile"})"},
     {"PUT", "/api/v1/me/profile", "Set my profile in the directory",
      R"({
  "type": "object",
  "properties": {"listed": {"type": "boolean"}, "presentation": {"type": "string"}}})",
      200,
      R"({"$ref": "#/components/schemas/Profile"})"},
};
// clang-format on

}  // namespace

void DescribeProfilesApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::community
