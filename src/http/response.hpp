#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sohosolo::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  const std::string* FindHeader(std::string_view name) const;

  static Response Html(std::string body, int status = 200);
  static Response Json(const boost::json::value& value, int status = 200);
  static Response Text(std::string body, std::string content_type, int status = 200);
  /// 303 See Other: after a form post, so that reloading does not post again.
  static Response Redirect(std::string location);
  static Response NoContent();
};

/// The status line and header fields of `response` as they go on the wire, ending with the
/// empty line: its own fields in their order, then Content-Length (its body's size, which a
/// HEAD answer gives without the body; none for 1xx, 204 and 304) and Connection when
/// `keep_alive` needs saying: HTTP/1.0 for `version` 10, HTTP/1.1 for any other. Fields the
/// connection owns (Content-Length, Connection, Transfer-Encoding) are not taken from
/// `response`. Values are written as they are: the server refuses unsafe ones before
/// (RefuseUnsafeHeaders).
std::string WireHead(const Response& response, unsigned version, bool keep_alive);

/// Whether an answer with this status has a body on the wire: not 1xx, 204 or 304 (RFC 9110).
bool StatusHasBody(int status);

/// Attributes of a Set-Cookie header.
struct CookieOptions {
  long long max_age = -1;  ///< Seconds; -1 for a session cookie, 0 to delete.
  bool http_only = true;
  bool secure = false;
};

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options);

}  // namespace sohosolo::http
