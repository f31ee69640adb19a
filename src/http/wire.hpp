#pragma once

#include <string>

#include "http/response.hpp"

namespace sohosolo::http {

/// A response ready for the wire: its head (WireHead) and its body, written with one
/// gathering write. Beast's serializer would do the same, but walks a buffer sequence per
/// header field on every write: a tenth of a page's time (bench/README.md, fifth pass).
struct WireResponse {
  std::string head;
  std::string body;
  bool keep_alive = false;
};

/// The last word on what goes on the wire: a header whose name is not a token, or whose value
/// holds CR, LF, NUL or another control character, would let a caller's data split the response
/// (a second Set-Cookie, say). Whoever built it, such a response is replaced by a bare 500.
void RefuseUnsafeHeaders(Response& response);

/// `response` as it goes on the wire for a request of HTTP `version` (10 or 11); `head`: the
/// request was HEAD (no body sent).
WireResponse ToWire(Response&& response, unsigned version, bool keep_alive, bool head);

}  // namespace sohosolo::http
