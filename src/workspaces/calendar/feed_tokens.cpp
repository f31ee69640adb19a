#include "workspaces/calendar/feed_tokens.hpp"

#include <fmt/format.h>
#include <sodium.h>

namespace sohosolo::workspaces {

std::string DeriveFeedToken(const std::string& secret, long long programme_id, FeedKind kind,
                            long long owner_id, int generation) {
  const auto message =
      fmt::format("calendar-feed/{}/{}/{}/{}", programme_id,
                  kind == FeedKind::kMember ? "member" : "resource", owner_id, generation);
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                     std::min<std::size_t>(secret.size(), crypto_generichash_KEYBYTES_MAX));
  std::string out(
      sodium_base64_ENCODED_LEN(sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), digest, sizeof digest,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string NewServerSecret() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

std::string SecretBytes(const std::string& hex) {
  std::string raw(hex.size() / 2, '\0');
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len < 32) {
    return {};
  }
  raw.resize(len);
  return raw;
}

}  // namespace sohosolo::workspaces
