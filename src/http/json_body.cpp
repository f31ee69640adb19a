#include "http/json_body.hpp"

namespace sohosolo::http {

core::Result<boost::json::object> JsonObjectBody(const Request& req) {
  boost::json::error_code ec;
  auto value = boost::json::parse(req.body, ec);
  if (ec) return core::Error::Of(core::ErrorCode::kMalformed, "error.bad_json");
  if (!value.is_object()) return core::Error::Of(core::ErrorCode::kMalformed, "error.json_not_object");
  return std::move(value.as_object());
}

std::optional<std::string> StringField(const boost::json::object& body, const char* name,
                                       std::vector<core::FieldError>& errors) {
  const auto* value = body.if_contains(name);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    errors.push_back({name, "error.field.not_string"});
    return std::nullopt;
  }
  return std::string(value->as_string());
}

}  // namespace sohosolo::http
