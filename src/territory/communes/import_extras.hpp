#pragma once

// Attributes the model's parsers do not keep (postal codes, line counts, technologies), read
// from the same file for the imports. Not an API.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "territory/communes/service.hpp"

namespace sohosolo::territory::communes_internal {

/// Entry i belongs to feature or data row i, which is also the parsers' element i whenever they
/// accept the whole file.
struct Extras {
  std::vector<std::string> where;  ///< "feature N" or "line N", to report problems.
  std::vector<std::string> postcodes;
  std::vector<std::optional<std::int64_t>> lines;
  std::vector<std::string> technologies;
  std::vector<core::FieldError> errors;
};

/// The extra attributes of communes or, with `exchanges`, of exchanges, and their problems.
Extras ReadExtras(std::string_view text, FileFormat format, bool exchanges);

}  // namespace sohosolo::territory::communes_internal
