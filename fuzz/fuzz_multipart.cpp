// Photo forms' multipart/form-data bodies (RFC 7578). The input is "content-type\nbody". Parts
// found lie within the body.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.hpp"

using namespace sohosolo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const auto type = input.substr(0, newline);
  const auto body = input.substr(newline + 1);
  if (const auto parts = http::ParseMultipart(type, body)) {
    std::size_t total = 0;
    for (const auto& p : *parts) total += p.body.size();
    if (total > body.size()) abort();
  }
  return 0;
}
