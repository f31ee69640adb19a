#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace sohosolo::core {

/// A file compiled into the binary (see cmake/Embed.cmake); `path` is relative to the repository.
struct Resource {
  std::string_view path;
  std::string_view data;
};

/// Every embedded file, in the order CMake listed them.
std::span<const Resource> AllResources();

/// The embedded file at `path`, if any.
std::optional<std::string_view> FindResource(std::string_view path);

}  // namespace sohosolo::core
