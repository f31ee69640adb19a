#include "http/safe.hpp"

#include <fmt/format.h>

namespace sohosolo::http {

std::string LocalRedirectTarget(std::string_view target, std::string_view fallback) {
  if (target.empty() || target.front() != '/') return std::string(fallback);
  if (target.size() > 1 && (target[1] == '/' || target[1] == '\\')) return std::string(fallback);
  std::string out;
  out.reserve(target.size());
  for (const char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '\\') return std::string(fallback);
    if (byte > 0x7E) {
      out += fmt::format("%{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

bool IsSafeHeaderValue(std::string_view value) {
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7F) return false;
  }
  return true;
}

bool IsHeaderName(std::string_view name) {
  if (name.empty()) return false;
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  for (const char c : name) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && kSymbols.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace sohosolo::http
