#include "core/resources.hpp"

namespace sohosolo::core {

std::optional<std::string_view> FindResource(std::string_view path) {
  for (const auto& resource : AllResources()) {
    if (resource.path == path) return resource.data;
  }
  return std::nullopt;
}

}  // namespace sohosolo::core
