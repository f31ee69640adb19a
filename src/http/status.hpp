#pragma once

#include "core/error.hpp"

namespace sohosolo::http {

/// The one place where an error code becomes an HTTP status.
int HttpStatusFor(core::ErrorCode code);

/// The RFC 9457 problem `type` URI for an error code.
const char* ProblemTypeFor(core::ErrorCode code);

}  // namespace sohosolo::http
