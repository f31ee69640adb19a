#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/request.hpp"

namespace sohosolo::http {

/// The request body as a JSON object: kMalformed when it is not JSON or not an object.
core::Result<boost::json::object> JsonObjectBody(const Request& req);

/// A string member: nullopt when absent; an error (added to `errors`) when of another type.
std::optional<std::string> StringField(const boost::json::object& body, const char* name,
                                       std::vector<core::FieldError>& errors);

}  // namespace sohosolo::http
