#include "territory/villages/pages_common.hpp"

#include "territory/communes/pages.hpp"

namespace sohosolo::territory {

void AddRefusedForm(http::ViewData& data, const http::Context& ctx, const core::Error& error,
                    const std::string& failed_form, const EditInput& typed,
                    const std::string& typed_key) {
  data.set("has_errors", true);
  data.set("error_summary", http::T(ctx, error.message_key));
  data.set("error_fields", FieldErrorList(ctx, error));
  data.set("failed_form", failed_form);
  http::ViewData kept;
  for (const auto& [name, value] : typed) kept.set(name, value);
  data.set(typed_key, kept);
}

std::string RateText(const http::Context& ctx, LineClass line_class, double adsl2plus_mbps) {
  switch (line_class) {
    case LineClass::kAdsl:
      return FormatNumber(adsl2plus_mbps, 1, ctx.lang) + " Mbit/s";
    case LineClass::kReadsl:
      return http::T(ctx, "commune.class_readsl");
    case LineClass::kUnknown:
      return http::T(ctx, "villages.rate_unknown");
    case LineClass::kNone:
      break;
  }
  return http::T(ctx, "villages.no_adsl");
}

}  // namespace sohosolo::territory
