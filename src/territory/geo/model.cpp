#include "territory/geo/model.hpp"

namespace sohosolo::territory {

std::string_view ToString(LineClass line_class) {
  switch (line_class) {
    case LineClass::kNone:
      return "none";
    case LineClass::kReadsl:
      return "readsl";
    case LineClass::kAdsl:
      return "adsl";
    case LineClass::kUnknown:
      return "unknown";
  }
  return "none";
}

std::string_view ToString(Technology technology) {
  return technology == Technology::kAdsl ? "adsl" : "adsl2plus";
}

std::string_view ToString(BeyondTable beyond_table) {
  return beyond_table == BeyondTable::kHoldLast ? "hold_last" : "extrapolate";
}

}  // namespace sohosolo::territory
