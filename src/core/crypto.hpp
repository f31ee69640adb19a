#pragma once

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

}  // namespace sohosolo::core
