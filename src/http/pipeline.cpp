#include "http/pipeline.hpp"

#include <boost/url.hpp>
#include <spdlog/spdlog.h>

#include <chrono>

#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "http/views.hpp"

namespace sohosolo::http {

namespace {

bool IsUnsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string LanguageFromRequest(const Request& req) {
  if (auto cookie = req.Cookie("lang")) {
    if (auto lang = core::SupportedLanguage(*cookie); lang == *cookie) return lang;
  }
  if (auto accept = req.Header("Accept-Language")) {
    if (auto lang = core::NegotiateLanguage(*accept); !lang.empty()) return lang;
  }
  return std::string(core::kDefaultLanguage);
}

bool HasTextBody(const Request& req) {
  const auto type = req.Header("Content-Type").value_or("");
  return type.starts_with("application/json") || type.starts_with("application/x-www-form-urlencoded") ||
         type.starts_with("text/");
}

}  // namespace

Pipeline::Pipeline(Router& router, StaticFiles* static_files, PipelineHooks hooks)
    : router_(router), static_files_(static_files), hooks_(std::move(hooks)) {}

Response Pipeline::Handle(Request& req) {
  const auto started = std::chrono::steady_clock::now();
  req.request_id = core::RandomToken(9);
  Context ctx;
  std::string route_name = "unmatched";
  Response response;
  try {
    response = Dispatch(req, ctx, route_name);
  } catch (const std::exception& e) {
    const bool unavailable = hooks_.is_unavailable && hooks_.is_unavailable(e);
    spdlog::error("request {} {} {} failed: {}", req.request_id, req.method, req.path, e.what());
    try {
      response = ErrorResponse(req, ctx, unavailable ? core::ErrorCode::kUnavailable : core::ErrorCode::kInternal,
                               unavailable ? "error.unavailable" : "error.internal");
    } catch (const std::exception&) {
      response = Response::Text("Internal Server Error " + req.request_id, "text/plain; charset=utf-8", 500);
    }
    if (unavailable) response.SetHeader("Retry-After", "5");
  }
  Finish(req, ctx, response);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.Record(route_name, req.method, response.status, seconds);
  // Secret links (invitations, resets, calendar feeds) carry their token in the path: log the
  // route's pattern for those, so that the log holds no usable link.
  const bool secret = route_name.find("{token}") != std::string::npos;
  spdlog::info("{} {} {} {} {}B {:.2f}ms", req.request_id, req.method, secret ? route_name : req.path,
               response.status, response.body.size(), seconds * 1000);
  return response;
}

Response Pipeline::Dispatch(Request& req, Context& ctx, std::string& route_name) {
  if (!req.ParseTarget()) {
    ctx.lang = LanguageFromRequest(req);
    return ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_target");
  }
  ctx.lang = LanguageFromRequest(req);
  if (req.method == "GET") ctx.current_target = req.target;
  if (req.path == "/healthz") {
    route_name = "/healthz";
    return Response::Text("ok\n", "text/plain; charset=utf-8");
  }
  if (static_files_ && req.path.starts_with("/static/")) {
    route_name = "/static";
    if (auto file = static_files_->Serve(req)) return *file;
  }
  ctx.programme = hooks_.resolve_programme(req);
  if (req.path == "/metrics") {
    route_name = "/metrics";
    return Response::Text(metrics_.Render(hooks_.extra_metrics), "text/plain; version=0.0.4");
  }
  hooks_.authenticate(req, ctx);
  if (!req.body.empty() && HasTextBody(req) && !core::IsValidUtf8(req.body)) {
    return ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_utf8");
  }
  const auto match = router_.Match(req);
  if (!match.route) {
    if (match.allowed_methods.empty()) return ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
    std::string allow;
    for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
    auto response = ErrorResponse(req, ctx, core::ErrorCode::kMethodNotAllowed, "error.method_not_allowed");
    response.SetHeader("Allow", allow);
    return response;
  }
  const Route& route = *match.route;
  route_name = route.pattern;
  switch (route.access.Check(ctx)) {
    case Access::Verdict::kOk:
      break;
    case Access::Verdict::kNeedsLogin: {
      if (req.WantsJson()) {
        auto response = ErrorResponse(req, ctx, core::ErrorCode::kUnauthorized, "error.unauthorized");
        response.SetHeader("WWW-Authenticate", "Bearer");
        return response;
      }
      return Response::Redirect("/login?next=" + boost::urls::encode(req.target, boost::urls::unreserved_chars));
    }
    case Access::Verdict::kForbidden:
      return ErrorResponse(req, ctx, core::ErrorCode::kForbidden, "error.forbidden");
  }
  if (IsUnsafe(req.method) && route.csrf == Csrf::kRequired && ctx.auth != AuthMethod::kBearer) {
    std::string token = req.Header("X-CSRF-Token").value_or("");
    if (token.empty()) {
      if (auto form = Form::Parse(req.body)) token = form->Get("_csrf");
    }
    if (ctx.csrf_token.empty() || !core::EqualConstantTime(token, ctx.csrf_token)) {
      return ErrorResponse(req, ctx, core::ErrorCode::kForbidden, "error.csrf");
    }
  }
  return route.handler(req, ctx);
}

Response Pipeline::EarlyError(Request& req, int status) {
  req.request_id = core::RandomToken(9);
  Context ctx;
  ctx.lang = LanguageFromRequest(req);
  ctx.programme = hooks_.resolve_programme(req);
  Response response;
  try {
    const auto code = status == 400   ? core::ErrorCode::kMalformed
                      : status == 431 ? core::ErrorCode::kHeaderTooLarge
                                      : core::ErrorCode::kTooLarge;
    const char* key = status == 413 ? "error.body_too_large" : status == 431 ? "error.header_too_large" : "error.bad_request";
    response = ErrorResponse(req, ctx, code, key);
  } catch (const std::exception&) {
    response = Response::Text("error", "text/plain; charset=utf-8", status);
  }
  Finish(req, ctx, response);
  metrics_.Record("early", req.method.empty() ? "-" : req.method, status, 0);
  spdlog::info("{} {} {} {} {}B", req.request_id, req.method, req.target, status, response.body.size());
  return response;
}

void Pipeline::Finish(const Request& req, const Context& ctx, Response& response) {
  for (const auto& [name, value] : ctx.extra_headers) response.headers.emplace_back(name, value);
  response.SetHeader("X-Request-Id", req.request_id);
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                     "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "same-origin");
  response.SetHeader("X-Frame-Options", "DENY");
  if (!response.FindHeader("Cache-Control")) response.SetHeader("Cache-Control", "no-store");
  if (!response.FindHeader("Content-Language")) response.SetHeader("Content-Language", ctx.lang);
}

}  // namespace sohosolo::http
