#pragma once

#include <string>
#include <string_view>

namespace sohosolo::auth {

/// An Argon2id hash in the PHC string format (libsodium's crypto_pwhash_str).
std::string HashPassword(std::string_view password);

/// Verifies `password` against `hash`. An empty or malformed hash never verifies, but still costs
/// one full Argon2id computation, so that an unknown account answers as slowly as a known one.
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace sohosolo::auth
