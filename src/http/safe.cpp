#include "http/safe.hpp"

#include <fmt/format.h>

#include <array>

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
  // No early return: the compiler checks many bytes at a time (every value of every answer).
  bool bad = false;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    bad |= (byte < 0x20 && byte != '\t') || byte == 0x7F;
  }
  return !bad;
}

namespace {

/// RFC 9110's tchar, as a table: checked for every field of every answer.
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (const char c : std::string_view("!#$%&'*+-.^_`|~"))
    table[static_cast<unsigned char>(c)] = true;
  return table;
}();

}  // namespace

bool IsHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name)
    if (!kTokenChars[static_cast<unsigned char>(c)]) return false;
  return true;
}

}  // namespace sohosolo::http
