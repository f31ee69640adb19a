#include "http/response.hpp"

#include <strings.h>

#include <boost/beast/http/status.hpp>
#include <boost/json/serialize.hpp>

namespace sohosolo::http {

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (key.size() == name.size() && strcasecmp(key.c_str(), name.c_str()) == 0) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

const std::string* Response::FindHeader(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0)
      return &value;
  }
  return nullptr;
}

Response Response::Html(std::string body, int status) {
  return Response{status, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body)};
}

Response Response::Json(const boost::json::value& value, int status) {
  return Response{status, {{"Content-Type", "application/json"}}, boost::json::serialize(value)};
}

Response Response::Text(std::string body, std::string content_type, int status) {
  return Response{status, {{"Content-Type", std::move(content_type)}}, std::move(body)};
}

Response Response::Redirect(std::string location) {
  return Response{303, {{"Location", std::move(location)}}, {}};
}

Response Response::NoContent() { return Response{204, {}, {}}; }

std::string WireHead(const Response& response, unsigned version, bool keep_alive) {
  namespace bhttp = boost::beast::http;
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
  std::string head;
  head.reserve(256 + response.headers.size() * 64);
  head += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(response.status);
  head += ' ';
  head.append(reason.data(), reason.size());
  head += "\r\n";
  const auto is = [](const std::string& name, std::string_view framing) {
    return name.size() == framing.size() && strcasecmp(name.c_str(), framing.data()) == 0;
  };
  for (const auto& [name, value] : response.headers) {
    if (is(name, "Content-Length") || is(name, "Connection") || is(name, "Transfer-Encoding"))
      continue;
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  if (StatusHasBody(response.status))
    head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  // HTTP/1.1 keeps a connection unless told; HTTP/1.0 closes it unless told.
  if (version == 10 && keep_alive) head += "Connection: keep-alive\r\n";
  if (version != 10 && !keep_alive) head += "Connection: close\r\n";
  head += "\r\n";
  return head;
}

bool StatusHasBody(int status) { return status >= 200 && status != 204 && status != 304; }

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=/; SameSite=Lax";
  if (options.max_age >= 0) out += "; Max-Age=" + std::to_string(options.max_age);
  if (options.http_only) out += "; HttpOnly";
  if (options.secure) out += "; Secure";
  return out;
}

}  // namespace sohosolo::http
