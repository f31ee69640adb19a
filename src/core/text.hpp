#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohosolo::core {

std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char separator);
std::string AsciiLower(std::string_view s);

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

/// Number of Unicode code points in a valid UTF-8 string.
std::size_t Utf8Length(std::string_view s);

/// A plausible e-mail address: one @, non-empty local part, a dot in the domain, no spaces.
bool LooksLikeEmail(std::string_view s);

}  // namespace sohosolo::core
