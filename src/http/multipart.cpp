#include "http/multipart.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace sohosolo::http {

namespace {

/// The value of `key="value"` or `key=value` among the `;`-separated parameters of a header.
std::string Parameter(std::string_view header, std::string_view key) {
  for (auto param : core::Split(header, ';')) {
    param = core::Trim(param);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos || core::AsciiLower(core::Trim(param.substr(0, eq))) != key)
      continue;
    auto value = core::Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return "";
}

bool ParseHeaders(std::string_view headers, MultipartPart& part) {
  std::size_t start = 0;
  while (start < headers.size()) {
    auto end = headers.find("\r\n", start);
    if (end == std::string_view::npos) end = headers.size();
    const auto line = headers.substr(start, end - start);
    start = end + 2;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    const auto name = core::AsciiLower(core::Trim(line.substr(0, colon)));
    const auto value = core::Trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      part.name = Parameter(value, "name");
      part.filename = Parameter(value, "filename");
    } else if (name == "content-type") {
      part.content_type = core::AsciiLower(value);
    }
  }
  return !part.name.empty();
}

}  // namespace

std::optional<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                         std::string_view body) {
  if (!core::AsciiLower(content_type).starts_with("multipart/form-data")) return std::nullopt;
  const auto boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  pos += delimiter.size();
  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    const auto headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    MultipartPart part;
    if (!ParseHeaders(body.substr(pos, headers_end - pos), part)) return std::nullopt;
    const auto content = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos) return std::nullopt;
    part.body = std::string(body.substr(content, next - content));
    parts.push_back(std::move(part));
    pos = next + 2 + delimiter.size();
  }
}

core::Result<std::vector<MultipartPart>> ReadMultipartForm(const Request& req, const Context& ctx) {
  auto parts = ParseMultipart(req.Header("Content-Type").value_or(""), req.body);
  if (!parts) return core::Error::Of(core::ErrorCode::kMalformed, "error.bad_form");
  const auto* csrf = FindPart(*parts, "_csrf");
  if (ctx.auth != AuthMethod::kBearer &&
      (!csrf || ctx.csrf_token.empty() || !core::EqualConstantTime(csrf->body, ctx.csrf_token)))
    return core::Error::Of(core::ErrorCode::kForbidden, "error.csrf");
  return std::move(*parts);
}

const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& part : parts)
    if (part.name == name) return &part;
  return nullptr;
}

}  // namespace sohosolo::http
