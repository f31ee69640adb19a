#include "http/json_body.hpp"

#include "core/text.hpp"

namespace sohosolo::http {

namespace {

/// True when a string anywhere in `value` (keys included) holds a control character other than
/// tab and line breaks: NUL and the like are refused for every text field, on both engines alike.
bool HoldsControlCharacters(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::string:
      return core::HasControlCharacters(value.get_string(), core::Lines::kMany);
    case boost::json::kind::array:
      for (const auto& v : value.get_array()) {
        if (HoldsControlCharacters(v)) return true;
      }
      return false;
    case boost::json::kind::object:
      for (const auto& [key, v] : value.get_object()) {
        if (core::HasControlCharacters(key, core::Lines::kOne) || HoldsControlCharacters(v))
          return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

core::Result<boost::json::object> JsonObjectBody(const Request& req) {
  boost::json::error_code ec;
  auto value = boost::json::parse(req.body, ec);
  if (ec) return core::Error::Of(core::ErrorCode::kMalformed, "error.bad_json");
  if (!value.is_object())
    return core::Error::Of(core::ErrorCode::kMalformed, "error.json_not_object");
  std::vector<core::FieldError> errors;
  for (const auto& [key, v] : value.as_object()) {
    if (HoldsControlCharacters(v) || core::HasControlCharacters(key, core::Lines::kOne)) {
      errors.push_back({std::string(key), "error.field.control_characters"});
    }
  }
  if (!errors.empty()) return core::Invalid(std::move(errors));
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
