#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohosolo::workspaces {

/// One part of a multipart/form-data body.
struct MultipartPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string body;
};

/// Parses a multipart/form-data body (RFC 7578) with the boundary named in `content_type`.
/// nullopt when the type has no boundary or the body does not follow it. (Only the photo form
/// of a site posts files; the rest of the site speaks application/x-www-form-urlencoded.)
std::optional<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                         std::string_view body);

}  // namespace sohosolo::workspaces
