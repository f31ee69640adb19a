#include "http/wire.hpp"

#include <spdlog/spdlog.h>

#include "http/safe.hpp"

namespace sohosolo::http {

void RefuseUnsafeHeaders(Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (IsHeaderName(name) && IsSafeHeaderValue(value)) continue;
    spdlog::error("refused to write a response whose header {} holds a control character",
                  IsHeaderName(name) ? name : "(bad name)");
    response = Response::Text("Internal Server Error\n", "text/plain; charset=utf-8", 500);
    return;
  }
}

WireResponse ToWire(Response&& response, unsigned version, bool keep_alive, bool head) {
  RefuseUnsafeHeaders(response);
  WireResponse out;
  out.head = WireHead(response, version, keep_alive);
  // A body where the status allows none would be read as the start of the next answer.
  if (!head && StatusHasBody(response.status)) out.body = std::move(response.body);
  out.keep_alive = keep_alive;
  return out;
}

}  // namespace sohosolo::http
