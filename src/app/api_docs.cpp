#include "app/api_docs.hpp"

#include <cctype>
#include <memory>
#include <stdexcept>
#include <string>

#include "auth/api_shapes.hpp"
#include "community/api_shapes.hpp"
#include "http/views.hpp"
#include "journeys/api_shapes.hpp"
#include "territory/api_shapes.hpp"
#include "workspaces/api_shapes.hpp"

namespace sohosolo::app {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

const http::ApiShape kOwnShapes[] = {
    {"GET", "/api/v1/openapi.json", "This document (OpenAPI 3.1)", nullptr, 200,
     R"({"type": "object", "required": ["openapi", "info", "paths", "components"],
         "properties": {"openapi": {"type": "string"}, "info": {"type": "object"},
                        "paths": {"type": "object"}, "components": {"type": "object"}}})"},
};

/// The page lets Redoc inject its styles and start its worker; nothing else differs from the
/// policy every other page has.
constexpr const char* kRedocPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; font-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The operations as rows of the page's plain list, in the document's order.
ViewData OperationRows(const Context& ctx, const boost::json::object& document) {
  ViewData rows{ViewData::type::list};
  for (const auto& [path, item] : document.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      const auto& o = op.as_object();
      ViewData row;
      std::string upper(method);
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      row.set("method", upper);
      row.set("path", std::string(path));
      row.set("summary", std::string(o.at("summary").as_string()));
      std::string access = http::T(ctx, "api.access_" + std::string(o.at("x-access").as_string()));
      if (const auto* roles = o.if_contains("x-roles")) {
        std::string names;
        for (const auto& r : roles->as_array())
          names += (names.empty() ? "" : ", ") + std::string(r.as_string());
        access += " (" + names + ")";
      }
      row.set("access", access);
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace

http::ApiShapes AllApiShapes() {
  http::ApiShapes shapes;
  shapes.Add(kOwnShapes);
  auth::DescribeApi(shapes);
  workspaces::DescribeBookingsApi(shapes);
  workspaces::DescribeSitesApi(shapes);
  workspaces::DescribeStatsApi(shapes);
  workspaces::DescribeRentalsApi(shapes);
  territory::DescribeCommunesApi(shapes);
  territory::DescribeVillagesApi(shapes);
  community::DescribeProfilesApi(shapes);
  community::DescribeEventsApi(shapes);
  community::DescribeNewslettersApi(shapes);
  community::DescribeBoardApi(shapes);
  journeys::DescribeApi(shapes);
  journeys::DescribeCommitteesApi(shapes);
  return shapes;
}

void AddApiDocs(http::Router& router) {
  auto document = std::make_shared<boost::json::object>();
  router.Add("GET", "/api/v1/openapi.json", Access::Public(), [document](Request&, Context&) {
    auto response = Response::Json(*document);
    response.SetHeader("Cache-Control", "no-cache");
    return response;
  });
  router.Add("GET", "/api", Access::Public(), [document](Request&, Context& ctx) {
    ViewData data;
    data.set("operations", OperationRows(ctx, *document));
    auto response = http::Page(ctx, "src/app/views/api.html", std::move(data), "api.title");
    response.SetHeader("Content-Security-Policy", kRedocPolicy);
    return response;
  });
  const auto shapes = AllApiShapes();
  // A shape left behind by a renamed or removed route would describe nothing: refuse to start.
  if (const auto stale = http::Unrouted(router, shapes); !stale.empty())
    throw std::logic_error("API shape without a route: " + stale.front());
  *document = http::OpenApiDocument(router, shapes);
}

}  // namespace sohosolo::app
