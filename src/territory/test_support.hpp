#pragma once
// Shared by the territory unit tests only: where the real data lives and small helpers.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sohosolo::territory::testing {

/// ../shared/data beside the repository (set by tests/CMakeLists.txt); tests skip without it,
/// except where SOHOSOLO_REQUIRE_SHARED_DATA is set (CI always has the data): there they fail.
inline const std::filesystem::path kSharedData{SOHOSOLO_SHARED_DATA};
inline const std::filesystem::path kGers = kSharedData / "gers";
inline const std::filesystem::path kReference = kSharedData / "reference";

inline bool SharedDataRequired() {
  const char* v = std::getenv("SOHOSOLO_REQUIRE_SHARED_DATA");
  return v && *v && std::string_view(v) != "0";
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// True when `error` names `field` with the catalogue key `key`.
inline bool HasField(const core::Error& error, std::string_view field, std::string_view key) {
  for (const auto& f : error.fields) {
    if (f.field == field && f.message_key == key) return true;
  }
  return false;
}

}  // namespace sohosolo::territory::testing

/// Skips the test when `missing` (the shared data is not there), or fails it in CI.
#define SOHOSOLO_NEEDS_SHARED_DATA(missing, where)              \
  do {                                                          \
    if (missing) {                                              \
      if (::sohosolo::territory::testing::SharedDataRequired()) \
        FAIL() << "no shared data at " << (where);              \
      GTEST_SKIP() << "no shared data at " << (where);          \
    }                                                           \
  } while (false)
