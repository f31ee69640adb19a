#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/context.hpp"
#include "http/request.hpp"

namespace sohosolo::http {

/// One part of a multipart/form-data body.
struct MultipartPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string body;
};

/// Parses a multipart/form-data body (RFC 7578) with the boundary named in `content_type`.
/// nullopt when the type has no boundary or the body does not follow it. (Only photo forms post
/// files; the rest of the site speaks application/x-www-form-urlencoded.)
std::optional<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                         std::string_view body);

/// A multipart form posted from one of our pages, its CSRF token checked as the pipeline checks
/// url-encoded forms (which it cannot do for this type: such routes are Csrf::kExempt and call
/// this). kMalformed for a body that is not multipart, kForbidden for a missing or wrong token
/// (a bearer token needs none: browsers never send one on their own).
core::Result<std::vector<MultipartPart>> ReadMultipartForm(const Request& req, const Context& ctx);

/// The part named `name`, or nullptr.
const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace sohosolo::http
