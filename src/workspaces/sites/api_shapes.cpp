// What the workspaces sites API takes and answers, for the OpenAPI document (docs/api.md).
#include "workspaces/api_shapes.hpp"

namespace sohosolo::workspaces {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"SiteHosts", R"({
  "type": "object",
  "properties": {
    "site_id": {"type": ["integer", "null"]},
    "hosts": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "account_id": {"type": ["integer", "null"]}, "display_name": {"type": "string"},
          "email": {"type": "string"}},
        "required": ["account_id", "display_name", "email"]}}},
  "required": ["site_id", "hosts"]})"},
    {"Site", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": "string"},
    "commune_code": {"type": "string"}, "address": {"type": "string"},
    "description": {"type": "string"}, "equipment": {"type": "string"},
    "equipment_list": {"type": "array", "items": {"type": "string"}},
    "contact": {"type": "string"}, "time_zone": {"type": "string"},
    "demo_data": {"type": "boolean"},
    "opening_hours": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {"weekday": {"type": "number"}, "opens": {"type": "string"}, "closes": {"type": "string"}},
        "required": ["weekday", "opens", "closes"]}},
    "resources": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "id": {"type": "integer"}, "site_id": {"type": ["integer", "null"]},
          "kind": {"type": "string"}, "name": {"type": "string"}, "capacity": {"type": "integer"},
          "equipment": {"type": "string"},
          "equipment_list": {"type": "array", "items": {"type": "string"}},
          "bookable": {"type": "boolean"},
          "rules": {
            "type": "object",
            "properties": {
              "min_minutes": {"type": "number"}, "max_minutes": {"type": "number"},
              "step_minutes": {"type": "number"}, "horizon_days": {"type": "number"},
              "notice_minutes": {"type": "number"}, "buffer_minutes": {"type": "number"},
              "requires_approval": {"type": "boolean"}},
            "required": [
              "min_minutes", "max_minutes", "step_minutes", "horizon_days", "notice_minutes",
              "buffer_minutes", "requires_approval"]}},
        "required": [
          "id", "site_id", "kind", "name", "capacity", "equipment", "equipment_list", "bookable",
          "rules"]}},
    "latitude": {"type": ["number", "null"]}, "longitude": {"type": ["number", "null"]},
    "photo_url": {"type": ["string", "null"]}},
  "required": [
    "id", "name", "kind", "commune_code", "address", "description", "equipment", "equipment_list",
    "contact", "time_zone", "demo_data", "opening_hours", "resources", "latitude", "longitude",
    "photo_url"]})"},
    {"Resource", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "site_id": {"type": ["integer", "null"]},
    "kind": {"type": "string"}, "name": {"type": "string"}, "capacity": {"type": "integer"},
    "equipment": {"type": "string"},
    "equipment_list": {"type": "array", "items": {"type": "string"}},
    "bookable": {"type": "boolean"},
    "rules": {
      "type": "object",
      "properties": {
        "min_minutes": {"type": "number"}, "max_minutes": {"type": "number"},
        "step_minutes": {"type": "number"}, "horizon_days": {"type": "number"},
        "notice_minutes": {"type": "number"}, "buffer_minutes": {"type": "number"},
        "requires_approval": {"type": "boolean"}},
      "required": [
        "min_minutes", "max_minutes", "step_minutes", "horizon_days", "notice_minutes",
        "buffer_minutes", "requires_approval"]}},
  "required": [
    "id", "site_id", "kind", "name", "capacity", "equipment", "equipment_list", "bookable",
    "rules"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/sites", "Telecentres and coworking spaces, with their resources",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Site"}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/sites/{id}", "A site, with its resources and opening hours",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Site"})"},
     {"POST", "/api/v1/sites", "Create a site",
      R"({
  "type": "object",
  "properties": {
    "name": {"type": "string"}, "kind": {"type": "string"},
    "opening_hours": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {"weekday": {"type": "number"}, "opens": {"type": "string"}, "closes": {"type": "string"}},
        "required": ["weekday", "opens", "closes"]}}},
  "required": ["name", "kind"]})",
      201,
      R"({"$ref": "#/components/schemas/Site"})"},
     {"PATCH", "/api/v1/sites/{id}", "Change a site",
      R"({"type": "object", "properties": {"description": {"type": "string"}}})",
      200,
      R"({"$ref": "#/components/schemas/Site"})"},
     {"POST", "/api/v1/sites/{id}/resources", "Add a resource to a site",
      R"({
  "type": "object", "properties": {"kind": {"type": "string"}, "name": {"type": "string"}},
  "required": ["kind", "name"]})",
      201,
      R"({"$ref": "#/components/schemas/Resource"})"},
     {"PATCH", "/api/v1/resources/{id}", "Change a resource",
      R"({"type": "object", "properties": {"name": {"type": "string"}}})",
      200,
      R"({"$ref": "#/components/schemas/Resource"})"},
     {"PUT", "/api/v1/sites/{id}/photo", "Set a site's photo",
      R"({
  "type": "string", "contentMediaType": "image/*",
  "description": "The image itself (JPEG or PNG), not a form."})",
      200,
      R"({"$ref": "#/components/schemas/Site"})", http::Detail::kFull, "application/json", "image/jpeg image/png"},
     {"DELETE", "/api/v1/sites/{id}/photo", "Remove a site's photo",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/sites/{id}/hosts", "A site's hosts",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/SiteHosts"})"},
     {"PUT", "/api/v1/sites/{id}/hosts", "Set a site's hosts",
      R"({
  "type": "object", "properties": {"account_ids": {"type": "array", "items": {"type": "number"}}},
  "required": ["account_ids"]})",
      200,
      R"({"$ref": "#/components/schemas/SiteHosts"})"},
};
// clang-format on

}  // namespace

void DescribeSitesApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::workspaces
