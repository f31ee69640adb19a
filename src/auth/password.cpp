#include "auth/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace sohosolo::auth {

namespace {

const std::string& DummyHash() {
  static const std::string hash = HashPassword("not a password of anyone");
  return hash;
}

}  // namespace

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  const bool usable = hash.starts_with("$argon2id$");
  const std::string& target = usable ? hash : DummyHash();
  const bool match =
      crypto_pwhash_str_verify(target.c_str(), password.data(), password.size()) == 0;
  return usable && match;
}

}  // namespace sohosolo::auth
