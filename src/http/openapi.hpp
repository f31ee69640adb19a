#pragma once

#include <boost/json.hpp>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace sohosolo::http {

/// How completely an operation's shapes are declared: kFull names every field of what it takes
/// and answers; kOutline only says "an object" or "a list" for now (counted, to be completed).
enum class Detail { kFull, kOutline };

/// What one JSON route takes and answers, declared in its module's api_shapes.cpp. Schemas are
/// JSON Schema 2020-12 text; "$ref": "#/components/schemas/Name" names a component.
struct ApiShape {
  const char* method;
  const char* pattern;
  const char* summary;
  const char* request;   ///< The body's schema, or nullptr when the route reads no body.
  int status;            ///< The answer when all goes well.
  const char* response;  ///< Its schema, or nullptr when it has no body (204).
  Detail detail = Detail::kFull;
  const char* media = "application/json";  ///< The answer's media type.
  /// The body's media types, separated by spaces (a photo may be image/jpeg or image/png).
  const char* request_media = "application/json";
};

/// A schema several operations share, named once: #/components/schemas/<name>.
struct ApiComponent {
  const char* name;
  const char* schema;
};

/// The shapes every module declares, and the components they share.
class ApiShapes {
 public:
  /// Adds operations; throws std::logic_error for a schema that is not JSON or a shape given
  /// twice, so that a mistake stops the program at start rather than in a client.
  void Add(std::span<const ApiShape> shapes);
  /// A schema named once and referred to as #/components/schemas/<name>; throws
  /// std::logic_error for a name given twice (two modules would describe one thing two ways).
  void Component(const std::string& name, const char* schema);
  void Add(std::span<const ApiComponent> components);

  const ApiShape* Find(const std::string& method, const std::string& pattern) const;
  const std::map<std::string, boost::json::value>& components() const { return components_; }
  /// Every declared shape by "METHOD pattern".
  const std::map<std::string, ApiShape>& shapes() const { return shapes_; }

 private:
  std::map<std::string, ApiShape> shapes_;
  std::map<std::string, boost::json::value> components_;
};

/// The OpenAPI 3.1 document of every /api/v1 route the router holds, in its order: a route
/// without a declared shape is still listed (marked x-undocumented), never left out.
boost::json::object OpenApiDocument(const Router& router, const ApiShapes& shapes);

/// "METHOD pattern" of each /api/v1 route without a declared shape (a test keeps it empty).
std::vector<std::string> Undocumented(const Router& router, const ApiShapes& shapes);

/// "METHOD pattern" of each declared shape that no route of the router has (a renamed or removed
/// route whose shape stayed behind).
std::vector<std::string> Unrouted(const Router& router, const ApiShapes& shapes);

/// True for the routes the document covers.
bool IsApiRoute(const Route& route);

}  // namespace sohosolo::http
