#include "auth/routes.hpp"

#include <boost/json.hpp>

#include "auth/context.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "http/bind.hpp"
#include "http/json_body.hpp"
#include "http/safe.hpp"
#include "http/status.hpp"
#include "http/views.hpp"

namespace sohosolo::auth {

namespace {

using http::Access;
using http::Context;
using http::Csrf;
using http::ParseId;
using http::Request;
using http::Response;
using http::Role;
using http::ViewData;

/// Only local paths may be redirected to after login (no open redirect).
std::string SafeNext(const std::string& next) {
  return http::LocalRedirectTarget(next, "/account");
}

std::optional<http::Form> FormOf(const Request& req) { return http::Form::Parse(req.body); }

Response BadForm(const Request& req, const Context& ctx) {
  return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
}

std::string SessionCookie(const Service& service, const std::string& value, long long max_age) {
  return http::SetCookieValue(
      kSessionCookie, value,
      {.max_age = max_age, .http_only = true, .secure = service.policy().secure_cookies});
}

/// A form shown again with why it was refused, its status, and Retry-After when throttled.
Response RefusedForm(const Context& ctx, const char* view, const char* title, ViewData data,
                     const core::Error& error) {
  http::AddFieldErrors(data, ctx, error);
  auto response = http::Page(ctx, view, std::move(data), title, http::HttpStatusFor(error.code));
  if (error.retry_after) response.SetHeader("Retry-After", std::to_string(*error.retry_after));
  return response;
}

boost::json::object MeJson(const Context& ctx) {
  boost::json::array roles;
  for (auto r : ctx.roles) roles.emplace_back(http::RoleName(r));
  return {{"id", ctx.account->id},
          {"email", ctx.account->email},
          {"display_name", ctx.account->display_name},
          {"language", ctx.account->language},
          {"roles", roles},
          {"programme", {{"slug", ctx.programme.slug}, {"name", ctx.programme.name}}}};
}

class Routes {
 public:
  Routes(Service& service, MeFields me_fields)
      : service_(service), me_fields_(std::move(me_fields)) {}

  Response LoginPage(Request& req, Context& ctx) {
    if (ctx.account) return Response::Redirect(SafeNext(req.Query("next").value_or("/account")));
    ViewData data;
    data.set("next", req.Query("next").value_or(""));
    return http::Page(ctx, "src/auth/views/login.html", std::move(data), "login.title");
  }

  Response Login(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    const auto email = form->Get("email");
    auto account =
        service_.Authenticate(ctx.programme.id, email, form->Get("password"), req.client_address);
    if (!account) {
      ViewData data;
      data.set("email", email);
      data.set("next", form->Get("next"));
      return RefusedForm(ctx, "src/auth/views/login.html", "login.title", std::move(data),
                         account.error());
    }
    // A new session id at every login: a session id planted before login is worthless.
    if (auto old = req.Cookie(kSessionCookie)) service_.CloseSession(ctx.programme.id, *old);
    const auto session = service_.OpenSession(ctx.programme.id, account->id);
    auto response = Response::Redirect(SafeNext(form->Get("next")));
    response.headers.emplace_back("Set-Cookie", SessionCookie(service_, session.id, -1));
    response.headers.emplace_back(
        "Set-Cookie", http::SetCookieValue("lang", account->language, {.max_age = 31536000}));
    return response;
  }

  Response Logout(Request& req, Context& ctx) {
    if (auto sid = req.Cookie(kSessionCookie)) service_.CloseSession(ctx.programme.id, *sid);
    auto response = Response::Redirect("/");
    response.headers.emplace_back("Set-Cookie", SessionCookie(service_, "", 0));
    return response;
  }

  Response AccountPage(Request& req, Context& ctx, ViewData data = {}, int status = 200) {
    ViewData tokens{ViewData::type::list};
    for (const auto& t : service_.Tokens(ctx.programme.id, ctx.account->id)) {
      ViewData item;
      item.set("id", std::to_string(t.id));
      item.set("name", t.name);
      item.set("created_at", core::FormatLocal(t.created_at, ctx.lang));
      item.set("last_used_at", t.last_used_at ? core::FormatLocal(*t.last_used_at, ctx.lang) : "—");
      tokens.push_back(item);
    }
    data.set("tokens", tokens);
    data.set("has_tokens", !tokens.is_empty_list());
    ViewData roles{ViewData::type::list};
    for (auto r : ctx.roles)
      roles.push_back(ViewData(http::T(ctx, std::string("role.") + http::RoleName(r))));
    data.set("roles", roles);
    data.set("account_lang_fr", ctx.account->language == "fr");
    data.set("account_lang_en", ctx.account->language == "en");
    if (auto saved = req.Query("saved")) data.set("saved", http::T(ctx, "account.saved"));
    // The member's calendar address, from the same hook as GET /api/v1/me.
    if (me_fields_) {
      boost::json::object me;
      me_fields_(req, ctx, me);
      if (const auto* url = me.if_contains("calendar_feed_url"); url && url->is_string()) {
        const std::string address(url->as_string());
        data.set("calendar_feed_url", address);
        data.set("calendar_feed_webcal", http::WebcalAddress(address));
      }
      data.set("calendar_feed", me.contains("calendar_feed_url"));
    }
    return http::Page(ctx, "src/auth/views/account.html", std::move(data), "account.title", status);
  }

  Response ChangePassword(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    auto done =
        service_.ChangePassword(ctx.programme.id, ctx.account->id, form->Get("current_password"),
                                form->Get("new_password"), ctx.session_hash);
    if (done) return Response::Redirect("/account?saved=1");
    ViewData data;
    http::AddFieldErrors(data, ctx, done.error());
    return AccountPage(req, ctx, std::move(data), http::HttpStatusFor(done.error().code));
  }

  Response UpdateProfile(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    const auto language = form->Get("language");
    auto done = service_.UpdateProfile(ctx.programme.id, ctx.account->id, form->Get("display_name"),
                                       language);
    if (!done) {
      ViewData data;
      http::AddFieldErrors(data, ctx, done.error());
      return AccountPage(req, ctx, std::move(data), http::HttpStatusFor(done.error().code));
    }
    auto response = Response::Redirect("/account?saved=1");
    response.headers.emplace_back("Set-Cookie",
                                  http::SetCookieValue("lang", language, {.max_age = 31536000}));
    return response;
  }

  Response CreateTokenForm(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    auto token = service_.CreateToken(ctx.programme.id, ctx.account->id, form->Get("name"));
    ViewData data;
    if (!token) {
      http::AddFieldErrors(data, ctx, token.error());
      return AccountPage(req, ctx, std::move(data), 422);
    }
    data.set("new_token", token->token);
    return AccountPage(req, ctx, std::move(data), 201);
  }

  Response RevokeTokenForm(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto done = service_.RevokeToken(ctx.programme.id, ctx.account->id, *id);
    if (!done) return http::ErrorResponse(req, ctx, done.error());
    return Response::Redirect("/account?saved=1");
  }

  Response Export(Request& req, Context& ctx) {
    auto response =
        Response::Text(service_.ExportJson(ctx.programme.id, ctx.account->id), "application/json");
    response.SetHeader("Content-Disposition", "attachment; filename=\"sohosolo-my-data.json\"");
    return response;
  }

  Response DeleteAccount(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    auto done = service_.DeleteAccount(ctx.programme.id, ctx.account->id, form->Get("password"));
    if (!done) {
      ViewData data;
      http::AddFieldErrors(data, ctx, done.error());
      return AccountPage(req, ctx, std::move(data), http::HttpStatusFor(done.error().code));
    }
    auto response = Response::Redirect("/?deleted=1");
    response.headers.emplace_back("Set-Cookie", SessionCookie(service_, "", 0));
    return response;
  }

  Response PeoplePage(Request& req, Context& ctx, ViewData data = {}, int status = 200) {
    ViewData people{ViewData::type::list};
    for (const auto& person : service_.People(ctx.programme.id)) {
      ViewData item;
      item.set("display_name", person.account.display_name);
      item.set("email", person.account.email);
      std::string roles;
      for (const auto& r : person.roles)
        roles += (roles.empty() ? "" : ", ") + http::T(ctx, "role." + r);
      item.set("roles", roles);
      item.set("pending", !person.has_password);
      people.push_back(item);
    }
    data.set("people", people);
    data.set("can_invite_staff", ctx.Has(Role::kAdmin));
    return http::Page(ctx, "src/auth/views/people.html", std::move(data), "people.title", status);
  }

  Response Invite(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    std::set<std::string> roles;
    for (auto r : ctx.roles) roles.insert(http::RoleName(r));
    auto link =
        service_.Invite(ctx.programme.id, roles, ctx.account->id, form->Get("email"),
                        form->Get("display_name"), form->Get("role"), ctx.programme.public_url,
                        form->Has("language") ? form->Get("language") : ctx.lang);
    ViewData data;
    if (!link) {
      data.set("email", form->Get("email"));
      data.set("display_name", form->Get("display_name"));
      http::AddFieldErrors(data, ctx, link.error());
      return PeoplePage(req, ctx, std::move(data), http::HttpStatusFor(link.error().code));
    }
    data.set("invited", form->Get("email"));
    return PeoplePage(req, ctx, std::move(data), 201);
  }

  Response LinkPage(Request& req, Context& ctx) {
    auto link = service_.CheckLink(ctx.programme.id, req.Param("token"));
    if (!link) return http::ErrorResponse(req, ctx, link.error());
    ViewData data;
    data.set("token", req.Param("token"));
    data.set("invitation", link->purpose == "invitation");
    return http::Page(ctx, "src/auth/views/set_password.html", std::move(data),
                      "set_password.title");
  }

  Response UseLink(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    auto account = service_.UseLink(ctx.programme.id, req.Param("token"), form->Get("password"));
    if (!account) {
      if (account.error().code != core::ErrorCode::kInvalid)
        return http::ErrorResponse(req, ctx, account.error());
      ViewData data;
      data.set("token", req.Param("token"));
      http::AddFieldErrors(data, ctx, account.error());
      return http::Page(ctx, "src/auth/views/set_password.html", std::move(data),
                        "set_password.title", 422);
    }
    const auto session = service_.OpenSession(ctx.programme.id, *account);
    auto response = Response::Redirect("/account");
    response.headers.emplace_back("Set-Cookie", SessionCookie(service_, session.id, -1));
    return response;
  }

  Response ResetRequestPage(Request& req, Context& ctx) {
    return http::Page(ctx, "src/auth/views/reset_request.html", {}, "reset.title");
  }

  Response ResetRequest(Request& req, Context& ctx) {
    auto form = FormOf(req);
    if (!form) return BadForm(req, ctx);
    auto done = service_.RequestPasswordReset(ctx.programme.id, form->Get("email"),
                                              ctx.programme.public_url, req.client_address);
    ViewData data;
    if (!done) {
      data.set("email", form->Get("email"));
      return RefusedForm(ctx, "src/auth/views/reset_request.html", "reset.title", std::move(data),
                         done.error());
    }
    data.set("sent", true);
    return http::Page(ctx, "src/auth/views/reset_request.html", std::move(data), "reset.title");
  }

  Response ApiCreateToken(Request& req, Context& ctx) {
    auto body = http::JsonObjectBody(req);
    if (!body) return http::Problem(ctx, body.error());
    std::vector<core::FieldError> errors;
    const auto email = http::StringField(*body, "email", errors);
    const auto password = http::StringField(*body, "password", errors);
    const auto name = http::StringField(*body, "name", errors);
    if (!email && errors.empty()) errors.push_back({"email", "error.field.required"});
    if (!password && errors.empty()) errors.push_back({"password", "error.field.required"});
    if (!errors.empty()) return http::Problem(ctx, core::Invalid(errors));
    auto account = service_.Authenticate(ctx.programme.id, *email, *password, req.client_address);
    if (!account) return http::Problem(ctx, account.error());
    auto token = service_.CreateToken(ctx.programme.id, account->id, name.value_or("API"));
    if (!token) return http::Problem(ctx, token.error());
    return Response::Json(
        boost::json::object{{"token", token->token}, {"id", token->id}, {"token_type", "Bearer"}},
        201);
  }

  Response ApiMe(Request& req, Context& ctx) {
    auto me = MeJson(ctx);
    if (me_fields_) me_fields_(req, ctx, me);
    return Response::Json(me);
  }

  Response ApiTokens(Request& req, Context& ctx) {
    boost::json::array items;
    for (const auto& t : service_.Tokens(ctx.programme.id, ctx.account->id)) {
      boost::json::object item{
          {"id", t.id}, {"name", t.name}, {"created_at", core::FormatRfc3339Utc(t.created_at)}};
      item["last_used_at"] =
          t.last_used_at ? boost::json::value(core::FormatRfc3339Utc(*t.last_used_at)) : nullptr;
      items.push_back(item);
    }
    return Response::Json(boost::json::object{{"items", items}});
  }

  Response ApiRevokeToken(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::Problem(ctx, core::NotFound());
    auto done = service_.RevokeToken(ctx.programme.id, ctx.account->id, *id);
    if (!done) return http::Problem(ctx, done.error());
    return Response::NoContent();
  }

  Response ApiExport(Request& req, Context& ctx) {
    return Response::Text(service_.ExportJson(ctx.programme.id, ctx.account->id),
                          "application/json");
  }

 private:
  Service& service_;
  MeFields me_fields_;
};

}  // namespace

void AddRoutes(http::Router& router, Service& service, MeFields me_fields) {
  auto routes = std::make_shared<Routes>(service, std::move(me_fields));
  const auto bind = http::MethodBinder(routes);
  router.Add("GET", "/login", Access::Public(), bind(&Routes::LoginPage));
  router.Add("POST", "/login", Access::Public(), bind(&Routes::Login));
  router.Add("POST", "/logout", Access::OwnAccount(), bind(&Routes::Logout));
  router.Add("GET", "/account", Access::OwnAccount(),
             [routes](Request& req, Context& ctx) { return routes->AccountPage(req, ctx); });
  router.Add("POST", "/account/password", Access::OwnAccount(), bind(&Routes::ChangePassword));
  router.Add("POST", "/account/profile", Access::OwnAccount(), bind(&Routes::UpdateProfile));
  router.Add("POST", "/account/tokens", Access::OwnAccount(), bind(&Routes::CreateTokenForm));
  router.Add("POST", "/account/tokens/{id}/revoke", Access::OwnAccount(),
             bind(&Routes::RevokeTokenForm));
  router.Add("GET", "/account/export", Access::OwnAccount(), bind(&Routes::Export));
  router.Add("POST", "/account/delete", Access::OwnAccount(), bind(&Routes::DeleteAccount));
  router.Add("GET", "/people", Access::Staff(),
             [routes](Request& req, Context& ctx) { return routes->PeoplePage(req, ctx); });
  router.Add("POST", "/people/invite", Access::Staff(), bind(&Routes::Invite));
  router.Add("GET", "/welcome/{token}", Access::Public(), bind(&Routes::LinkPage));
  router.Add("POST", "/welcome/{token}", Access::Public(), bind(&Routes::UseLink));
  router.Add("GET", "/reset/{token}", Access::Public(), bind(&Routes::LinkPage));
  router.Add("POST", "/reset/{token}", Access::Public(), bind(&Routes::UseLink));
  router.Add("GET", "/password-reset", Access::Public(), bind(&Routes::ResetRequestPage));
  router.Add("POST", "/password-reset", Access::Public(), bind(&Routes::ResetRequest));
  // Scripts have no session and no CSRF cookie: the password itself is the proof.
  router.Add("POST", "/api/v1/tokens", Access::Public(), bind(&Routes::ApiCreateToken),
             Csrf::kExempt);
  router.Add("GET", "/api/v1/tokens", Access::OwnAccount(), bind(&Routes::ApiTokens));
  router.Add("DELETE", "/api/v1/tokens/{id}", Access::OwnAccount(), bind(&Routes::ApiRevokeToken));
  router.Add("GET", "/api/v1/me", Access::OwnAccount(), bind(&Routes::ApiMe));
  router.Add("GET", "/api/v1/me/export", Access::OwnAccount(), bind(&Routes::ApiExport));
}

}  // namespace sohosolo::auth
