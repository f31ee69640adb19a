#pragma once
// What the server takes from a request and writes back: redirect targets and header values.

#include <string>
#include <string_view>

namespace sohosolo::http {

/// The one check of a redirect target that came from a request (`next` after login, after a
/// language switch...): `target` when it is a path of this site, else `fallback`.
///
/// A path of this site starts with one '/' (not "//" or "/\", which browsers read as another
/// host), holds no backslash, and no control character or space (browsers drop tabs and line
/// breaks, so "/\t/evil.example" would become "//evil.example"; CR and LF would end the header).
/// Bytes above 0x7E are percent-encoded, so the Location header stays ASCII.
std::string LocalRedirectTarget(std::string_view target, std::string_view fallback);

/// True when `value` may be written in a header: no CR, LF or NUL (nor any other control
/// character but tab).
bool IsSafeHeaderValue(std::string_view value);

/// True when `name` is an RFC 9110 token.
bool IsHeaderName(std::string_view name);

}  // namespace sohosolo::http
