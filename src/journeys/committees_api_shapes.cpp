// What the journeys committees API takes and answers, for the OpenAPI document (docs/api.md).
#include "journeys/api_shapes.hpp"

namespace sohosolo::journeys {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"Visit", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "village": {"type": "string"},
    "planned_at": {"type": ["string", "null"]}, "done_at": {"type": ["string", "null"]},
    "by": {"type": "string"}},
  "required": ["id", "village", "planned_at", "done_at", "by"]})"},
    {"Task", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "journey_id": {"type": ["integer", "null"]},
    "journey_name": {"type": "string"}, "title": {"type": "string"},
    "due_day": {"type": ["string", "null"]},
    "assignee": {
      "type": ["object", "null"],
      "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
      "required": ["id", "name"]},
    "done_at": {"type": ["string", "null"]}},
  "required": ["id", "journey_id", "journey_name", "title", "due_day", "assignee", "done_at"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/committee/journeys", "The files a welcome committee follows",
      nullptr,
      200,
      R"({"type": "object", "properties": {"items": {"type": "array"}}, "required": ["items"]})"},
     {"POST", "/api/v1/journeys/{id}/visits", "Plan a village visit",
      R"({
  "type": "object",
  "properties": {"village": {"type": "string"}, "planned_at": {"type": "string"}},
  "required": ["planned_at"]})",
      201,
      R"({"$ref": "#/components/schemas/Visit"})"},
     {"POST", "/api/v1/journeys/{id}/visits/{visit}/done", "Mark a visit as done",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Visit"})"},
     {"POST", "/api/v1/journeys/{id}/notes", "Add a note to a file",
      R"({"type": "object", "properties": {"body": {"type": "string"}}, "required": ["body"]})",
      204,
      nullptr},
     {"POST", "/api/v1/journeys/{id}/tasks", "Add a task to a file",
      R"({
  "type": "object", "properties": {"title": {"type": "string"}, "due_day": {"type": "string"}},
  "required": ["title", "due_day"]})",
      201,
      R"({"$ref": "#/components/schemas/Task"})"},
     {"PATCH", "/api/v1/journeys/{id}/tasks/{task}", "Mark a task as done or not",
      R"({"type": "object", "properties": {"done": {"type": "boolean"}}, "required": ["done"]})",
      200,
      R"({"$ref": "#/components/schemas/Task"})"},
     {"GET", "/api/v1/tasks/due", "Tasks due",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/committees", "Welcome committees and their villages",
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
          "account_id": {"type": ["integer", "null"]}, "name": {"type": "string"},
          "email": {"type": "string"}, "villages": {"type": "array"}},
        "required": ["account_id", "name", "email", "villages"]}}},
  "required": ["items"]})"},
     {"PUT", "/api/v1/committees/{id}/villages", "Set a welcome committee's villages",
      R"({
  "type": "object", "properties": {"villages": {"type": "array", "items": {"type": "string"}}},
  "required": ["villages"]})",
      200,
      R"({
  "type": "object",
  "properties": {
    "account_id": {"type": ["integer", "null"]},
    "villages": {"type": "array", "items": {"type": "string"}}},
  "required": ["account_id", "villages"]})"},
     {"GET", "/api/v1/me/journey", "My own file, as a newcomer",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "stage": {"type": "string"}, "stage_at": {"type": "string"},
    "advisor": {"type": "string"},
    "visits": {"type": "array", "items": {"$ref": "#/components/schemas/Visit"}}},
  "required": ["id", "stage", "stage_at", "advisor", "visits"]})"},
     {"POST", "/api/v1/journeys/{id}/invite", "Invite a newcomer to their file",
      nullptr,
      204,
      nullptr},
};
// clang-format on

}  // namespace

void DescribeCommitteesApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::journeys
