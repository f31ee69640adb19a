#include "core/crypto.hpp"

#include <pthread.h>
#include <sodium.h>

#include <array>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace sohosolo::core {

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

namespace {

// Random bytes for tokens, drawn 4 KiB at a time from a key the kernel's generator gives, instead
// of one getrandom() call per token: every request takes one for its id and most anonymous pages
// one for their CSRF cookie, and the call was two of the six system calls of such a request. Each
// byte is handed out once and wiped from the pool as it is. The pool belongs to its thread; a
// forked child starts with an empty one (no two processes share bytes).
struct RandomPool {
  std::array<unsigned char, 4096> bytes{};
  std::size_t next = 4096;  // first byte not handed out yet
};

thread_local RandomPool random_pool;

void ForgetPoolInChild() {
  sodium_memzero(random_pool.bytes.data(), random_pool.bytes.size());
  random_pool.next = random_pool.bytes.size();
}

void TakeRandom(unsigned char* out, std::size_t size) {
  static std::once_flag registered;
  std::call_once(registered, [] { pthread_atfork(nullptr, nullptr, ForgetPoolInChild); });
  auto& pool = random_pool;
  if (size > pool.bytes.size()) {
    randombytes_buf(out, size);
    return;
  }
  if (pool.bytes.size() - pool.next < size) {
    // A fresh 32-byte key from the kernel, stretched by libsodium's ChaCha20 generator: one
    // system call per refill (libsodium asks getrandom() for at most 256 bytes at a time).
    unsigned char seed[randombytes_SEEDBYTES];
    randombytes_buf(seed, sizeof seed);
    randombytes_buf_deterministic(pool.bytes.data(), pool.bytes.size(), seed);
    sodium_memzero(seed, sizeof seed);
    pool.next = 0;
  }
  std::memcpy(out, pool.bytes.data() + pool.next, size);
  sodium_memzero(pool.bytes.data() + pool.next, size);
  pool.next += size;
}

}  // namespace

std::string RandomToken(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  TakeRandom(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string HashToken(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool EqualConstantTime(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

std::string ImageType(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
  return "";
}

}  // namespace sohosolo::core
