#pragma once

#include <boost/json.hpp>

#include "http/router.hpp"
#include "journeys/documents/service.hpp"

namespace sohosolo::journeys {

/// Staff: /journeys/{id}/documents (the list and the upload form), each document's download and
/// deletion, and /api/v1/journeys/{id}/documents. The newcomer: /my-file/documents and the
/// downloads of the documents shared with them.
void AddDocumentRoutes(http::Router& router, Documents& documents);

/// A document of a file as the API gives it: name, type, size, who added it, its download.
boost::json::object DocumentJson(const FileDocument& d);

}  // namespace sohosolo::journeys
