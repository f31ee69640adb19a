#pragma once

#include "http/openapi.hpp"
#include "http/router.hpp"

namespace sohosolo::app {

/// Every module's declared API shapes (each module's api_shapes.cpp), and the document's own.
http::ApiShapes AllApiShapes();

/// Adds GET /api/v1/openapi.json (the OpenAPI 3.1 document of the router's /api/v1 routes) and
/// GET /api (Redoc over it, with a plain list of the operations that needs no script). Call it
/// after every other route is added: the document is built once, from the router as it is then.
void AddApiDocs(http::Router& router);

}  // namespace sohosolo::app
