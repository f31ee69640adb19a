// What the territory villages API takes and answers, for the OpenAPI document (docs/api.md).
#include "territory/api_shapes.hpp"

namespace sohosolo::territory {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"VillageContact", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
    "contact": {"type": "string"}, "demo": {"type": "boolean"}},
  "required": ["id", "name", "role", "contact", "demo"]})"},
    {"VillageService", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "name": {"type": "string"},
    "distance_km": {"type": "number"}, "distance_kind": {"type": "string"}, "position": {},
    "demo": {"type": "boolean"}},
  "required": ["id", "kind", "name", "distance_km", "distance_kind", "position", "demo"]})"},
    {"Listing", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "title": {"type": "string"},
    "description": {"type": "string"}, "price_eur": {}, "price_period": {"type": "string"},
    "surface_m2": {}, "rooms": {}, "available": {"type": "boolean"}, "demo": {"type": "boolean"}},
  "required": [
    "id", "kind", "title", "description", "price_eur", "price_period", "surface_m2", "rooms",
    "available", "demo"]})"},
    {"Exchange", R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}, "lon": {"type": "number"},
    "lat": {"type": "number"}, "in_territory": {"type": "boolean"}, "lines": {}},
  "required": ["code", "name", "lon", "lat", "in_territory", "lines"]})"},
    {"Village", R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
    "role": {"type": "string"}, "welcome_committee": {"type": "string"},
    "services": {"type": ["array", "object"]}, "adsl2plus_mbps": {"type": ["number", "null"]},
    "class": {"type": "string"},
    "nearest_workspace": {
      "type": "object",
      "properties": {
        "name": {"type": "string"}, "distance_km": {"type": "number"},
        "distance_kind": {"type": "string"}},
      "required": ["name", "distance_km", "distance_kind"]},
    "link": {"type": "string"}, "village_page": {"type": "string"},
    "committee": {"type": "array"}, "listings": {"type": "array"},
    "connectivity": {
      "type": "object",
      "properties": {
        "exchange": {"type": "string"}, "exchange_code": {"type": "string"},
        "distance_km": {"type": "number"}, "distance_kind": {"type": "string"},
        "adsl2plus_mbps": {"type": "number"}, "class": {"type": "string"},
        "details": {"type": "string"}},
      "required": [
        "exchange", "exchange_code", "distance_km", "distance_kind", "adsl2plus_mbps", "class",
        "details"]},
    "page": {"type": "string"}},
  "required": [
    "code", "nom", "population", "role", "welcome_committee", "services", "adsl2plus_mbps",
    "class", "nearest_workspace"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/villages", "Host villages",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Village"}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/village-finder", "Villages that meet a household's needs",
      R"({
  "type": "object",
  "properties": {"min_mbps": {"type": "number"}, "max_km_to_workspace": {"type": "number"}},
  "required": ["min_mbps", "max_km_to_workspace"]})",
      200,
      R"({
  "type": "object",
  "properties": {
    "distance_kind": {"type": "string"}, "unused_needs": {"type": "array"},
    "housing": {"type": "string"}, "rate_model": {"type": "string"},
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "rank": {"type": "number"},
          "village": {
            "type": "object",
            "properties": {
              "code": {"type": "string"}, "nom": {"type": "string"},
              "population": {"type": "number"}, "role": {"type": "string"},
              "welcome_committee": {"type": "string"},
              "services": {
                "type": "object",
                "properties": {
                  "school": {"type": "boolean"}, "doctor": {"type": "boolean"},
                  "train_station_km": {"type": "number"}},
                "required": ["school", "doctor", "train_station_km"]},
              "adsl2plus_mbps": {"type": ["number", "null"]}, "class": {"type": "string"},
              "nearest_workspace": {
                "type": "object",
                "properties": {
                  "name": {"type": "string"}, "distance_km": {"type": "number"},
                  "distance_kind": {"type": "string"}},
                "required": ["name", "distance_km", "distance_kind"]},
              "link": {"type": "string"}, "village_page": {"type": "string"}},
            "required": [
              "code", "nom", "population", "role", "welcome_committee", "services",
              "adsl2plus_mbps", "class", "nearest_workspace", "link", "village_page"]},
          "criteria_met": {"type": "number"}, "criteria_total": {"type": "number"},
          "score": {"type": "number"},
          "criteria": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "criterion": {"type": "string"}, "met": {"type": "boolean"},
                "value": {"type": ["number", "null"]}, "limit": {"type": "number"},
                "unknown": {"type": "boolean"}, "distance_kind": {"type": "string"}},
              "required": ["criterion", "met", "value", "limit", "unknown"]}},
          "link": {"type": "string"}, "village_page": {"type": "string"}},
        "required": [
          "rank", "village", "criteria_met", "criteria_total", "score", "criteria", "link",
          "village_page"]}}},
  "required": ["distance_kind", "unused_needs", "housing", "rate_model", "items"]})"},
     {"GET", "/api/v1/villages/{code}", "A village in detail",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Village"})"},
     {"PUT", "/api/v1/villages/{code}", "Set a village's description",
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
    "role": {"type": "string"}, "welcome_committee": {"type": "string"},
    "adsl2plus_mbps": {"type": "number"}, "class": {"type": "string"}, "page": {"type": "string"}},
  "required": ["role"]})",
      200,
      R"({"$ref": "#/components/schemas/Village"})"},
     {"POST", "/api/v1/villages/{code}/committee", "Add a member of a village's welcome committee",
      R"({
  "type": "object", "properties": {"name": {"type": "string"}, "role": {"type": "string"}},
  "required": ["name"]})",
      201,
      R"({"$ref": "#/components/schemas/VillageContact"})"},
     {"PATCH", "/api/v1/villages/{code}/committee/{id}", "Change a welcome committee member",
      R"({"type": "object", "properties": {"role": {"type": "string"}}})",
      200,
      R"({"$ref": "#/components/schemas/VillageContact"})"},
     {"DELETE", "/api/v1/villages/{code}/committee/{id}", "Remove a welcome committee member",
      nullptr,
      204,
      nullptr},
     {"POST", "/api/v1/villages/{code}/services", "Add a service near a village",
      R"({
  "type": "object",
  "properties": {"kind": {"type": "string"}, "name": {"type": "string"}, "distance_km": {"type": "number"}},
  "required": ["kind"]})",
      201,
      R"({"$ref": "#/components/schemas/VillageService"})"},
     {"PATCH", "/api/v1/villages/{code}/services/{id}", "Change a service",
      R"({"type": "object", "properties": {"distance_km": {"type": "number"}}})",
      200,
      R"({"$ref": "#/components/schemas/VillageService"})"},
     {"DELETE", "/api/v1/villages/{code}/services/{id}", "Remove a service",
      nullptr,
      204,
      nullptr},
     {"POST", "/api/v1/villages/{code}/listings", "Add a home or premises listing",
      R"({
  "type": "object", "properties": {"kind": {"type": "string"}, "title": {"type": "string"}},
  "required": ["kind", "title"]})",
      201,
      R"({"$ref": "#/components/schemas/Listing"})"},
     {"PATCH", "/api/v1/villages/{code}/listings/{id}", "Change a listing",
      R"({"type": "object", "properties": {"available": {"type": "boolean"}}})",
      200,
      R"({"$ref": "#/components/schemas/Listing"})"},
     {"DELETE", "/api/v1/villages/{code}/listings/{id}", "Remove a listing",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/exchanges", "Telephone exchanges",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Exchange"}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/exchanges", "Add a telephone exchange",
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}, "lon": {"type": "number"},
    "lat": {"type": "number"}},
  "required": ["code", "lon", "lat"]})",
      201,
      R"({"$ref": "#/components/schemas/Exchange"})"},
     {"PATCH", "/api/v1/exchanges/{code}", "Move or rename an exchange",
      R"({"type": "object", "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}}})",
      200,
      R"({"$ref": "#/components/schemas/Exchange"})"},
     {"DELETE", "/api/v1/exchanges/{code}", "Remove an exchange",
      nullptr,
      204,
      nullptr},
     {"PATCH", "/api/v1/exchanges/{kind}/{id}", "Move or rename an exchange whose code holds a slash",
      R"({"type": "object", "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}}})",
      200,
      R"({"$ref": "#/components/schemas/Exchange"})"},
     {"DELETE", "/api/v1/exchanges/{kind}/{id}", "Remove an exchange whose code holds a slash",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/accompaniment-requests", "Requests to be accompanied",
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
          "id": {"type": "integer"}, "village": {"type": "string"}, "name": {"type": "string"},
          "email": {"type": "string"}, "phone": {"type": "string"}, "message": {"type": "string"},
          "needs": {"type": "string"}, "status": {"type": "string"}, "handled_by": {},
          "handled_at": {}, "created_at": {"type": ["string", "null"]}},
        "required": [
          "id", "village", "name", "email", "phone", "message", "needs", "status", "handled_by",
          "handled_at", "created_at"]}},
    "next_cursor": {}},
  "required": ["items", "next_cursor"]})"},
     {"POST", "/api/v1/accompaniment-requests/{id}/handled", "Mark a request to be accompanied as handled",
      nullptr,
      204,
      nullptr},
};
// clang-format on

}  // namespace

void DescribeVillagesApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::territory
