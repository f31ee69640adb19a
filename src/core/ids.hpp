#pragma once

#include <compare>
#include <cstddef>

namespace sohosolo::core {

/// The programme a piece of data belongs to. A distinct type (not a bare integer) so that a
/// store cannot be built, nor a query run, without saying which programme it is scoped to.
struct ProgrammeId {
  long long value = 0;
  explicit ProgrammeId(long long v) : value(v) {}
  auto operator<=>(const ProgrammeId&) const = default;
  friend std::size_t hash_value(const ProgrammeId& id) {
    return static_cast<std::size_t>(id.value);
  }
};

}  // namespace sohosolo::core
