#pragma once

#include "auth/service.hpp"
#include "http/context.hpp"
#include "http/request.hpp"

namespace sohosolo::auth {

/// Cookie names.
inline constexpr const char* kSessionCookie = "sid";
inline constexpr const char* kCsrfCookie = "csrf";

/// Fills `ctx` from the bearer token or the session cookie; gives anonymous visitors a CSRF cookie.
void Authenticate(Service& service, const http::Request& req, http::Context& ctx);

}  // namespace sohosolo::auth
