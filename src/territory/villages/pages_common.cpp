#include "territory/villages/pages_common.hpp"

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

}  // namespace sohosolo::territory
