#include "http/openapi.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/text.hpp"

namespace sohosolo::http {

namespace {

constexpr std::string_view kApiPrefix = "/api/v1/";

std::string Key(std::string_view method, std::string_view pattern) {
  return std::string(method) + " " + std::string(pattern);
}

boost::json::value ParseSchema(const char* text, const std::string& where) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object())
    throw std::logic_error("schema of " + where + " is not a JSON object");
  return value;
}

boost::json::object Ref(std::string_view path) { return {{"$ref", std::string(path)}}; }

std::string OperationId(const Route& route) {
  std::string id;
  for (char c : route.method) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char c : route.pattern.substr(kApiPrefix.size() - 1)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += c;
    } else if (id.back() != '_') {
      id += '_';
    }
  }
  while (id.back() == '_') id.pop_back();
  return id;
}

/// Words in a path that name something by its code or a token; every other parameter is a
/// number (an id).
bool IsTextParameter(std::string_view name) {
  return name == "code" || name == "kind" || name == "token";
}

boost::json::array PathParameters(const Route& route) {
  boost::json::array out;
  for (const auto& segment : route.segments) {
    if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}') continue;
    const auto name = segment.substr(1, segment.size() - 2);
    // An exchange's code may hold a slash ({kind}/{id}): both halves are text.
    const bool text = IsTextParameter(name) || route.pattern.find("{kind}") != std::string::npos;
    boost::json::object schema{{"type", text ? "string" : "integer"}};
    out.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
  }
  return out;
}

/// Who may call: nobody needs credentials (empty list), or a bearer token or a session, with the
/// roles of the route's Access as the requirement's role names (OpenAPI 3.1 allows role names for
/// schemes other than OAuth).
void AddSecurity(const Access& access, boost::json::object& op) {
  if (access.is_public()) {
    op["security"] = boost::json::array{};
    op["x-access"] = "public";
    return;
  }
  boost::json::array roles;
  for (auto role : access.roles()) roles.push_back(boost::json::string(RoleName(role)));
  op["security"] = boost::json::array{{{"bearer", roles}}, {{"session", roles}}};
  op["x-access"] = !access.roles().empty() ? "roles"
                   : access.own_account()  ? "own-account"
                                           : "any-account";
  if (!roles.empty()) op["x-roles"] = roles;
}

/// The problem documents an operation may answer (RFC 9457), each a reference to one component.
void AddProblems(const Route& route, bool reads_body, boost::json::object& responses) {
  std::vector<int> statuses{400, 404, 409, 422, 429, 500, 503};
  if (!route.access.is_public() || route.method != "GET") {
    statuses.push_back(401);
    statuses.push_back(403);
  }
  if (reads_body) {
    statuses.push_back(413);
    statuses.push_back(415);
  }
  for (int status : statuses) {
    const auto key = std::to_string(status);
    if (!responses.contains(key)) responses[key] = Ref("#/components/responses/Problem");
  }
}

boost::json::object Operation(const Route& route, const ApiShape* shape) {
  boost::json::object op{{"operationId", OperationId(route)}};
  const auto rest = route.pattern.substr(kApiPrefix.size());
  op["tags"] = boost::json::array{boost::json::string(rest.substr(0, rest.find('/')))};
  auto parameters = PathParameters(route);
  if (!parameters.empty()) op["parameters"] = std::move(parameters);
  AddSecurity(route.access, op);
  boost::json::object responses;
  if (!shape) {
    op["summary"] = "Not documented yet";
    op["x-undocumented"] = true;
    responses["default"] = {{"description", "Not documented yet"}};
    op["responses"] = std::move(responses);
    return op;
  }
  op["summary"] = shape->summary;
  if (shape->detail == Detail::kOutline) op["x-detail"] = "outline";
  const auto where = Key(route.method, route.pattern);
  if (shape->request) {
    boost::json::object content;
    for (auto media : core::Split(shape->request_media, ' '))
      content[media] = {{"schema", ParseSchema(shape->request, where)}};
    op["requestBody"] = {{"required", true}, {"content", content}};
  }
  boost::json::object answer{{"description", shape->summary}};
  if (shape->response) {
    answer["content"] = {{shape->media, {{"schema", ParseSchema(shape->response, where)}}}};
  }
  responses[std::to_string(shape->status)] = std::move(answer);
  AddProblems(route, shape->request != nullptr, responses);
  op["responses"] = std::move(responses);
  return op;
}

constexpr const char* kProblem = R"({
  "type": "object",
  "description": "An error (RFC 9457): the same shape for every route.",
  "required": ["type", "title", "status", "detail", "code"],
  "properties": {
    "type": {"type": "string"},
    "title": {"type": "string"},
    "status": {"type": "integer", "minimum": 400, "maximum": 599},
    "detail": {"type": "string", "description": "In the caller's language."},
    "code": {"type": "string", "description": "The message key, stable across languages."},
    "errors": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["field", "detail", "code"],
        "properties": {"field": {"type": "string"}, "detail": {"type": "string"}, "code": {"type": "string"}}
      }
    }
  }
})";

boost::json::object Components(const ApiShapes& shapes) {
  boost::json::object schemas;
  for (const auto& [name, schema] : shapes.components()) schemas[name] = schema;
  schemas["Problem"] = ParseSchema(kProblem, "Problem");
  boost::json::object problem{
      {"description", "A problem document (RFC 9457)"},
      {"content",
       {{"application/problem+json", {{"schema", Ref("#/components/schemas/Problem")}}}}}};
  boost::json::object security{
      {"bearer",
       {{"type", "http"},
        {"scheme", "bearer"},
        {"description", "A token from POST /api/v1/tokens."}}},
      {"session",
       {{"type", "apiKey"},
        {"in", "cookie"},
        {"name", "sid"},
        {"description", "The web session; changes also need the X-CSRF-Token header."}}}};
  return {{"schemas", std::move(schemas)},
          {"responses", {{"Problem", std::move(problem)}}},
          {"securitySchemes", std::move(security)}};
}

}  // namespace

void ApiShapes::Add(std::span<const ApiShape> shapes) {
  for (const auto& shape : shapes) {
    const auto key = Key(shape.method, shape.pattern);
    if (shape.request) ParseSchema(shape.request, key);
    if (shape.response) ParseSchema(shape.response, key);
    if (!shapes_.emplace(key, shape).second) throw std::logic_error("shape given twice: " + key);
  }
}

void ApiShapes::Component(const std::string& name, const char* schema) {
  if (!components_.emplace(name, ParseSchema(schema, name)).second)
    throw std::logic_error("component given twice: " + name);
}

void ApiShapes::Add(std::span<const ApiComponent> components) {
  for (const auto& c : components) Component(c.name, c.schema);
}

const ApiShape* ApiShapes::Find(const std::string& method, const std::string& pattern) const {
  const auto it = shapes_.find(Key(method, pattern));
  return it == shapes_.end() ? nullptr : &it->second;
}

bool IsApiRoute(const Route& route) { return route.pattern.starts_with(kApiPrefix); }

boost::json::object OpenApiDocument(const Router& router, const ApiShapes& shapes) {
  boost::json::object paths;
  for (const auto& route : router.routes()) {
    if (!IsApiRoute(route)) continue;
    auto& item = paths[route.pattern];
    if (!item.is_object()) item = boost::json::object{};
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    item.as_object()[method] = Operation(route, shapes.Find(route.method, route.pattern));
  }
  boost::json::object info{
      {"title", "sohosolo API"},
      {"version", "1"},
      {"description",
       "The JSON API of a rural teleworker programme. Answers are in the caller's language "
       "(French first, English second); errors are problem documents (RFC 9457)."}};
  return {{"openapi", "3.1.0"},
          {"jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema"},
          {"info", std::move(info)},
          {"paths", std::move(paths)},
          {"components", Components(shapes)}};
}

std::vector<std::string> Undocumented(const Router& router, const ApiShapes& shapes) {
  std::vector<std::string> out;
  for (const auto& route : router.routes()) {
    if (IsApiRoute(route) && !shapes.Find(route.method, route.pattern))
      out.push_back(Key(route.method, route.pattern));
  }
  return out;
}

std::vector<std::string> Unrouted(const Router& router, const ApiShapes& shapes) {
  std::vector<std::string> out;
  for (const auto& entry : shapes.shapes()) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const auto& shape = entry.second;
    const auto& routes = router.routes();
    const bool routed = std::any_of(routes.begin(), routes.end(), [&](const Route& r) {
      return r.method == shape.method && r.pattern == shape.pattern;
    });
    if (!routed) out.push_back(entry.first);
  }
  return out;
}

}  // namespace sohosolo::http
