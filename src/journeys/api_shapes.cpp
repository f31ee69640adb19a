// What the journeys API takes and answers, for the OpenAPI document (docs/api.md).
#include "journeys/api_shapes.hpp"

namespace sohosolo::journeys {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"Journey", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "stage": {"type": "string"},
    "stage_at": {"type": ["string", "null"]},
    "advisor": {
      "type": ["object", "null"],
      "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
      "required": ["id", "name"]},
    "name": {"type": "string"}, "email": {"type": "string"}, "phone": {"type": "string"},
    "household": {
      "type": "object",
      "properties": {
        "adults": {"type": "number"},
        "children_ages": {"type": "array", "items": {"type": "number"}}},
      "required": ["adults", "children_ages"]},
    "residents": {"type": "number"},
    "project": {
      "type": "object",
      "properties": {
        "status": {"type": "string"}, "employer": {"type": "string"},
        "sector": {"type": "string"}, "activity": {"type": "string"},
        "clients_where": {"type": "string"}, "broadband_needs": {"type": "string"},
        "office_needs": {"type": "string"}},
      "required": [
        "status", "employer", "sector", "activity", "clients_where", "broadband_needs",
        "office_needs"]},
    "villages": {"type": "array", "items": {"type": "string"}},
    "consent_committees": {"type": "boolean"}, "consent_at": {"type": ["string", "null"]},
    "abandon_reason": {"type": ["string", "null"]}, "settled_village": {"type": "string"},
    "settled_at": {"type": ["string", "null"]}, "notes": {"type": "string"},
    "request_id": {"type": ["integer", "null"]}, "demo": {"type": "boolean"},
    "created_at": {"type": ["string", "null"]}, "updated_at": {"type": ["string", "null"]},
    "tasks": {"type": "array"}, "visits": {"type": "array"}, "committee_notes": {"type": "array"}},
  "required": [
    "id", "stage", "stage_at", "advisor", "name", "email", "phone", "household", "residents",
    "project", "villages", "consent_committees", "consent_at", "abandon_reason",
    "settled_village", "settled_at", "notes", "request_id", "demo", "created_at", "updated_at"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/journeys", "Newcomers' files",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Journey"}},
    "next_cursor": {}},
  "required": ["items", "next_cursor"]})"},
     {"POST", "/api/v1/journeys", "Open a newcomer's file",
      R"({
  "type": "object",
  "properties": {"name": {"type": "string"}, "villages": {"type": "array", "items": {"type": "string"}}},
  "required": ["name"]})",
      201,
      R"({"$ref": "#/components/schemas/Journey"})"},
     {"GET", "/api/v1/journeys/{id}", "A newcomer's file",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Journey"})"},
     {"GET", "/api/v1/journeys/{id}/export", "Everything a file holds",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "stage": {"type": "string"},
    "stage_at": {"type": ["string", "null"]}, "advisor": {}, "name": {"type": "string"},
    "email": {"type": "string"}, "phone": {"type": "string"},
    "household": {
      "type": "object",
      "properties": {
        "adults": {"type": "number"},
        "children_ages": {"type": "array", "items": {"type": "number"}}},
      "required": ["adults", "children_ages"]},
    "residents": {"type": "number"},
    "project": {
      "type": "object",
      "properties": {
        "status": {"type": "string"}, "employer": {"type": "string"},
        "sector": {"type": "string"}, "activity": {"type": "string"},
        "clients_where": {"type": "string"}, "broadband_needs": {"type": "string"},
        "office_needs": {"type": "string"}},
      "required": [
        "status", "employer", "sector", "activity", "clients_where", "broadband_needs",
        "office_needs"]},
    "villages": {"type": "array", "items": {"type": "string"}},
    "consent_committees": {"type": "boolean"}, "consent_at": {"type": ["string", "null"]},
    "abandon_reason": {"type": ["string", "null"]}, "settled_village": {"type": "string"},
    "settled_at": {}, "notes": {"type": "string"}, "request_id": {}, "demo": {"type": "boolean"},
    "created_at": {"type": ["string", "null"]}, "updated_at": {"type": ["string", "null"]},
    "tasks": {"type": "array"}, "visits": {"type": "array"}, "committee_notes": {"type": "array"},
    "history": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "at": {"type": "string"}, "by": {"type": "string"}, "kind": {"type": "string"},
          "from_stage": {"type": "string"}, "to_stage": {"type": "string"},
          "detail": {"type": "string"}},
        "required": ["at", "by", "kind", "from_stage", "to_stage", "detail"]}}},
  "required": [
    "id", "stage", "stage_at", "advisor", "name", "email", "phone", "household", "residents",
    "project", "villages", "consent_committees", "consent_at", "abandon_reason",
    "settled_village", "settled_at", "notes", "request_id", "demo", "created_at", "updated_at",
    "tasks", "visits", "committee_notes", "history"]})"},
     {"DELETE", "/api/v1/journeys/{id}", "Delete a newcomer's file",
      nullptr,
      204,
      nullptr},
     {"PATCH", "/api/v1/journeys/{id}", "Change a newcomer's file (stage, advisor, needs)",
      R"({"type": "object", "properties": {"consent_committees": {"type": "boolean"}}})",
      200,
      R"({"$ref": "#/components/schemas/Journey"})"},
     {"GET", "/api/v1/journeys/{id}/history", "A file's history",
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
          "at": {"type": "string"}, "by": {"type": "string"}, "kind": {"type": "string"},
          "from_stage": {"type": "string"}, "to_stage": {"type": "string"},
          "detail": {"type": "string"}},
        "required": ["at", "by", "kind", "from_stage", "to_stage", "detail"]}}},
  "required": ["items"]})"},
     {"POST", "/api/v1/accompaniment-requests/{id}/journey", "Open a file from a request to be accompanied",
      nullptr,
      201,
      R"({"$ref": "#/components/schemas/Journey"})"},
     {"GET", "/api/v1/indicators", "The programme's public figures",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "settled_households": {
      "type": "object",
      "properties": {
        "value": {"type": "number"}, "definition": {"type": "string"},
        "computed_at": {"type": ["string", "null"]}},
      "required": ["value", "definition", "computed_at"]},
    "new_residents": {
      "type": "object",
      "properties": {
        "value": {"type": "number"}, "definition": {"type": "string"},
        "computed_at": {"type": ["string", "null"]}},
      "required": ["value", "definition", "computed_at"]},
    "digital_households": {
      "type": "object",
      "properties": {
        "value": {"type": "number"}, "definition": {"type": "string"},
        "computed_at": {"type": ["string", "null"]}},
      "required": ["value", "definition", "computed_at"]},
    "files_open": {
      "type": "object",
      "properties": {
        "value": {"type": "number"}, "definition": {"type": "string"},
        "computed_at": {"type": ["string", "null"]}},
      "required": ["value", "definition", "computed_at"]},
    "includes_demo": {"type": "boolean"}, "period": {"type": "string"}},
  "required": [
    "settled_households", "new_residents", "digital_households", "files_open", "includes_demo",
    "period"]})"},
     {"GET", "/api/v1/journeys/{id}/amendments", "Versions of a file's telework amendment",
      nullptr,
      200,
      R"({"type": "object", "properties": {"items": {"type": "array"}}, "required": ["items"]})"},
     {"POST", "/api/v1/journeys/{id}/amendments", "Save a version of the telework amendment",
      R"({
  "type": "object",
  "properties": {
    "employer_name": {"type": "string"}, "employer_address": {"type": "string"},
    "employer_representative": {"type": "string"}, "employee_name": {"type": "string"},
    "employee_job": {"type": "string"}, "start_day": {"type": "string"},
    "home_address": {"type": "string"}, "days": {"type": "array", "items": {"type": "string"}},
    "contact_hours": {"type": "string"}, "equipment": {"type": "string"},
    "costs": {"type": "string"}, "adaptation_months": {"type": "number"},
    "notice_days": {"type": "number"}},
  "required": [
    "employer_name", "employer_address", "employer_representative", "employee_name",
    "employee_job", "start_day", "contact_hours", "equipment", "costs", "days"]})",
      201,
      R"({
  "type": "object",
  "properties": {
    "version": {"type": "number"}, "created_at": {"type": ["string", "null"]},
    "by": {"type": "string"},
    "fields": {
      "type": "object",
      "properties": {
        "employer_name": {"type": "string"}, "employer_address": {"type": "string"},
        "employer_representative": {"type": "string"}, "employee_name": {"type": "string"},
        "employee_job": {"type": "string"}, "agreement": {"type": "string"},
        "start_day": {"type": ["string", "null"]}, "home_address": {"type": "string"},
        "contact_hours": {"type": "string"}, "equipment": {"type": "string"},
        "costs": {"type": "string"}, "monitoring": {"type": "string"},
        "site_id": {"type": ["integer", "null"]}, "site": {"type": "string"},
        "days": {"type": "array", "items": {"type": "string"}},
        "adaptation_months": {"type": "number"}, "notice_days": {"type": "number"}},
      "required": [
        "employer_name", "employer_address", "employer_representative", "employee_name",
        "employee_job", "agreement", "start_day", "home_address", "contact_hours", "equipment",
        "costs", "monitoring", "site_id", "site", "days", "adaptation_months", "notice_days"]},
    "odt_url": {"type": ["string", "null"]}, "pdf_url": {"type": ["string", "null"]}},
  "required": ["version", "created_at", "by", "fields", "odt_url", "pdf_url"]})"},
     {"GET", "/api/v1/journeys/{id}/documents", "A file's documents",
      nullptr,
      200,
      R"({"type": "object", "properties": {"items": {"type": "array"}}, "required": ["items"]})"},
     {"POST", "/api/v1/journeys/{id}/documents", "Add a document to a file",
      R"({
  "type": "object", "required": ["file"],
  "properties": {
    "file": {
      "type": "string", "contentMediaType": "application/octet-stream",
      "description": "The document (PDF, image, ODT...)."},
    "name": {"type": "string", "description": "Its title; the file name otherwise."},
    "shared": {"type": "string", "enum": ["1"], "description": "Shown to the newcomer when given."}}})",
      201,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"}, "content_type": {"type": "string"},
    "size": {"type": "number"}, "shared": {"type": "boolean"}, "by": {"type": "string"},
    "created_at": {"type": ["string", "null"]}, "url": {"type": "string"}},
  "required": ["id", "name", "content_type", "size", "shared", "by", "created_at", "url"]})", http::Detail::kFull, "application/json", "multipart/form-data"},
     {"DELETE", "/api/v1/journeys/{id}/documents/{doc}", "Delete a document",
      nullptr,
      204,
      nullptr},
};
// clang-format on

}  // namespace

void DescribeApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::journeys
