#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sohosolo::core {

/// Initialises libsodium; call once before any other function here.
void InitCrypto();

/// A random token of `bytes` bytes, URL-safe base64 without padding.
std::string RandomToken(std::size_t bytes = 32);

/// Hex of a keyless BLAKE2b-256 digest: how tokens and session ids are stored at rest.
std::string HashToken(std::string_view token);

/// Constant-time comparison of two strings.
bool EqualConstantTime(std::string_view a, std::string_view b);

/// Standard base64 with padding (how uploaded images are kept in text columns).
std::string ToBase64(std::string_view bytes);
/// The bytes of standard base64; nullopt when `text` is not base64.
std::optional<std::string> FromBase64(std::string_view text);

/// "image/jpeg" or "image/png" from the file's first bytes (its signature), else empty: an
/// upload's declared type is never trusted alone.
std::string ImageType(std::string_view bytes);

}  // namespace sohosolo::core
