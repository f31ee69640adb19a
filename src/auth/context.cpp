#include "auth/context.hpp"

#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "http/response.hpp"

namespace sohosolo::auth {

namespace {

void Apply(const Identity& identity, const http::Request& req, http::Context& ctx) {
  ctx.account = http::Account{identity.account.id, identity.account.email,
                              identity.account.display_name, identity.account.language};
  for (const auto& name : identity.roles) {
    if (auto role = http::ParseRole(name)) ctx.roles.insert(*role);
  }
  // The language chosen on this browser (lang cookie, set at login from the account and by the
  // language links) wins over the account's saved one.
  const auto cookie = req.Cookie("lang");
  if (!cookie || core::SupportedLanguage(*cookie) != *cookie)
    ctx.lang = core::SupportedLanguage(identity.account.language);
}

}  // namespace

void Authenticate(Service& service, const http::Request& req, http::Context& ctx) {
  if (auto header = req.Header("Authorization"); header && header->starts_with("Bearer ")) {
    if (auto identity = service.TokenIdentity(ctx.programme.id, header->substr(7))) {
      Apply(*identity, req, ctx);
      ctx.auth = http::AuthMethod::kBearer;
    }
    return;
  }
  if (auto sid = req.Cookie(kSessionCookie); sid && !sid->empty()) {
    if (auto identity = service.SessionIdentity(ctx.programme.id, *sid)) {
      Apply(*identity, req, ctx);
      ctx.auth = http::AuthMethod::kSession;
      ctx.session_hash = core::HashToken(*sid);
      ctx.csrf_token = identity->csrf;
      return;
    }
  }
  // Anonymous: forms (login, reset) are protected by a double-submit cookie.
  if (auto csrf = req.Cookie(kCsrfCookie); csrf && csrf->size() >= 20) {
    ctx.csrf_token = *csrf;
    return;
  }
  ctx.csrf_token = core::RandomToken(24);
  ctx.extra_headers.emplace_back(
      "Set-Cookie",
      http::SetCookieValue(
          kCsrfCookie, ctx.csrf_token,
          {.max_age = -1, .http_only = true, .secure = service.policy().secure_cookies}));
}

}  // namespace sohosolo::auth
