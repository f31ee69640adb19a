// What the territory villages API takes and answers, for the OpenAPI document (docs/api.md).
#include "territory/api_shapes.hpp"

namespace sohosolo::territory {

namespace {

// clang-format off
const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/villages", "List villages",
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
          "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
          "role": {"type": "string"}, "welcome_committee": {"type": "string"},
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
          "code", "nom", "population", "role", "welcome_committee", "services", "adsl2plus_mbps",
          "class", "nearest_workspace", "link", "village_page"]}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/village-finder", "Post village finder",
      R"({
  "type": "object",
  "properties": {"min_mbps": {"type": "number"}, "max_km_to_workspace": {"type": "number"}}})",
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
     {"GET", "/api/v1/villages/{code}", "Read villages",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
    "role": {"type": "string"}, "welcome_committee": {"type": "string"},
    "committee": {"type": "array"}, "services": {"type": "array"}, "listings": {"type": "array"},
    "adsl2plus_mbps": {"type": "number"}, "class": {"type": "string"},
    "nearest_workspace": {
      "type": "object",
      "properties": {
        "name": {"type": "string"}, "distance_km": {"type": "number"},
        "distance_kind": {"type": "string"}},
      "required": ["name", "distance_km", "distance_kind"]},
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
    "code", "nom", "population", "role", "welcome_committee", "committee", "services", "listings",
    "adsl2plus_mbps", "class", "nearest_workspace", "connectivity", "page"]})"},
     {"PUT", "/api/v1/villages/{code}", "Replace villages",
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
    "role": {"type": "string"}, "welcome_committee": {"type": "string"},
    "adsl2plus_mbps": {"type": "number"}, "class": {"type": "string"}, "page": {"type": "string"}}})",
      200,
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "nom": {"type": "string"}, "population": {"type": "number"},
    "role": {"type": "string"}, "welcome_committee": {"type": "string"},
    "committee": {"type": "array"}, "services": {"type": "array"}, "listings": {"type": "array"},
    "adsl2plus_mbps": {"type": "number"}, "class": {"type": "string"},
    "nearest_workspace": {
      "type": "object",
      "properties": {
        "name": {"type": "string"}, "distance_km": {"type": "number"},
        "distance_kind": {"type": "string"}},
      "required": ["name", "distance_km", "distance_kind"]},
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
    "code", "nom", "population", "role", "welcome_committee", "committee", "services", "listings",
    "adsl2plus_mbps", "class", "nearest_workspace", "connectivity", "page"]})"},
     {"POST", "/api/v1/villages/{code}/committee", "Post villages committee",
      R"({"type": "object", "properties": {"name": {"type": "string"}, "role": {"type": "string"}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
    "contact": {"type": "string"}, "demo": {"type": "boolean"}},
  "required": ["id", "name", "role", "contact", "demo"]})"},
     {"PATCH", "/api/v1/villages/{code}/committee/{id}", "Change villages committee",
      R"({"type": "object", "properties": {"role": {"type": "string"}}})",
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
    "contact": {"type": "string"}, "demo": {"type": "boolean"}},
  "required": ["id", "name", "role", "contact", "demo"]})"},
     {"DELETE", "/api/v1/villages/{code}/committee/{id}", "Delete villages committee",
      nullptr,
      204,
      nullptr},
     {"POST", "/api/v1/villages/{code}/services", "Create villages services",
      R"({
  "type": "object",
  "properties": {"kind": {"type": "string"}, "name": {"type": "string"}, "distance_km": {"type": "number"}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "name": {"type": "string"},
    "distance_km": {"type": "number"}, "distance_kind": {"type": "string"}, "position": {},
    "demo": {"type": "boolean"}},
  "required": ["id", "kind", "name", "distance_km", "distance_kind", "position", "demo"]})"},
     {"PATCH", "/api/v1/villages/{code}/services/{id}", "Change villages services",
      R"({"type": "object", "properties": {"distance_km": {"type": "number"}}})",
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "name": {"type": "string"},
    "distance_km": {"type": "number"}, "distance_kind": {"type": "string"}, "position": {},
    "demo": {"type": "boolean"}},
  "required": ["id", "kind", "name", "distance_km", "distance_kind", "position", "demo"]})"},
     {"DELETE", "/api/v1/villages/{code}/services/{id}", "Delete villages services",
      nullptr,
      204,
      nullptr},
     {"POST", "/api/v1/villages/{code}/listings", "Create villages listings",
      R"({"type": "object", "properties": {"kind": {"type": "string"}, "title": {"type": "string"}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "title": {"type": "string"},
    "description": {"type": "string"}, "price_eur": {}, "price_period": {"type": "string"},
    "surface_m2": {}, "rooms": {}, "available": {"type": "boolean"}, "demo": {"type": "boolean"}},
  "required": [
    "id", "kind", "title", "description", "price_eur", "price_period", "surface_m2", "rooms",
    "available", "demo"]})"},
     {"PATCH", "/api/v1/villages/{code}/listings/{id}", "Change villages listings",
      R"({"type": "object", "properties": {"available": {"type": "boolean"}}})",
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "title": {"type": "string"},
    "description": {"type": "string"}, "price_eur": {}, "price_period": {"type": "string"},
    "surface_m2": {}, "rooms": {}, "available": {"type": "boolean"}, "demo": {"type": "boolean"}},
  "required": [
    "id", "kind", "title", "description", "price_eur", "price_period", "surface_m2", "rooms",
    "available", "demo"]})"},
     {"DELETE", "/api/v1/villages/{code}/listings/{id}", "Delete villages listings",
      nullptr,
      204,
      nullptr},
     {"GET", "/api/v1/exchanges", "List exchanges",
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
          "code": {"type": "string"}, "name": {"type": "string"}, "lon": {"type": "number"},
          "lat": {"type": "number"}, "in_territory": {"type": "boolean"}, "lines": {}},
        "required": ["code", "name", "lon", "lat", "in_territory", "lines"]}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/exchanges", "Create exchanges",
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}, "lon": {"type": "number"},
    "lat": {"type": "number"}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}, "lon": {"type": "number"},
    "lat": {"type": "number"}, "in_territory": {"type": "boolean"}, "lines": {}},
  "required": ["code", "name", "lon", "lat", "in_territory", "lines"]})"},
     {"PATCH", "/api/v1/exchanges/{code}", "Change exchanges",
      R"({"type": "object", "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}}})",
      200,
      R"({
  "type": "object",
  "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}, "lon": {"type": "number"},
    "lat": {"type": "number"}, "in_territory": {"type": "boolean"}, "lines": {}},
  "required": ["code", "name", "lon", "lat", "in_territory", "lines"]})"},
     {"DELETE", "/api/v1/exchanges/{code}", "Delete exchanges",
      nullptr,
      204,
      nullptr},
     {"PATCH", "/api/v1/exchanges/{kind}/{id}", "Change exchanges",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
     {"DELETE", "/api/v1/exchanges/{kind}/{id}", "Delete exchanges",
      nullptr,
      204,
      nullptr, http::Detail::kOutline},
     {"GET", "/api/v1/accompaniment-requests", "List accompaniment requests",
      nullptr,
      200,
      R"({
  "type": "object", "properties": {"items": {"type": "array"}, "next_cursor": {}},
  "required": ["items", "next_cursor"]})"},
     {"POST", "/api/v1/accompaniment-requests/{id}/handled", "Post accompaniment requests handled",
      R"({"type": "object"})",
      200,
      R"({"type": "object"})", http::Detail::kOutline},
};
// clang-format on

}  // namespace

void DescribeVillagesApi(http::ApiShapes& shapes) { shapes.Add(kShapes); }

}  // namespace sohosolo::territory
