#include "http/pipeline.hpp"

#include <spdlog/spdlog.h>
#include <strings.h>

#include <boost/url.hpp>
#include <chrono>
#include <optional>

#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "http/access_log.hpp"
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

/// The method as a metrics label: the methods the server knows, every other one folded into
/// one label (a client chooses the method: the label set must stay bounded).
const std::string& MethodLabel(const std::string& method) {
  static const std::string kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  static const std::string kOther = "OTHER";
  for (const auto& m : kKnown) {
    if (m == method) return m;
  }
  return kOther;
}

bool HasTextBody(const Request& req) {
  const auto type = req.Header("Content-Type").value_or("");
  return type.starts_with("application/json") ||
         type.starts_with("application/x-www-form-urlencoded") || type.starts_with("text/");
}

}  // namespace

Pipeline::Pipeline(Router& router, StaticFiles* static_files, PipelineHooks hooks, HeavyWork heavy)
    : router_(router), static_files_(static_files), hooks_(std::move(hooks)), heavy_(heavy) {}

Response Pipeline::Handle(Request& req) {
  Response out;
  Run(req, nullptr, [&out](Response r) { out = std::move(r); });
  return out;
}

void Pipeline::HandleAsync(std::shared_ptr<Request> req, Done done) {
  Run(*req, req, std::move(done));
}

void Pipeline::Run(Request& req, std::shared_ptr<Request> owned, Done done) {
  const auto started = std::chrono::steady_clock::now();
  req.request_id = core::RandomToken(9);
  req.client_address = hooks_.trusted_proxies.ClientOf(req.client_address,
                                                       req.Header("X-Forwarded-For").value_or(""));
  Context ctx;
  std::string route_name = "unmatched";
  const Route* heavy = nullptr;
  Response response;
  try {
    response = Dispatch(req, ctx, route_name, owned ? &heavy : nullptr);
  } catch (const std::exception& e) {
    response = Failure(req, ctx, e);
  }
  if (!heavy) return done(Complete(req, ctx, route_name, started, std::move(response)));
  // Heavy work: anonymous callers are held to a rate per address, then the job goes to the
  // worker pool, or is refused at once when the pool's queue is full.
  if (!ctx.account && heavy_.anonymous_limit) {
    if (const int wait = heavy_.anonymous_limit->Take(req.client_address); wait > 0) {
      response = ErrorResponse(req, ctx, core::ErrorCode::kRateLimited, "error.rate_limited");
      response.SetHeader("Retry-After", std::to_string(wait));
      return done(Complete(req, ctx, route_name, started, std::move(response)));
    }
  }
  auto job = [this, owned, ctx, route_name, started, heavy, done]() mutable {
    Request& r = *owned;
    Response answer;
    try {
      answer = heavy->handler(r, ctx);
    } catch (const std::exception& e) {
      answer = Failure(r, ctx, e);
    }
    done(Complete(r, ctx, route_name, started, std::move(answer)));
  };
  if (!heavy_.pool) return job();
  if (!heavy_.pool->TrySubmit(job)) {
    response = ErrorResponse(req, ctx, core::ErrorCode::kUnavailable, "error.busy");
    response.SetHeader("Retry-After", "5");
    done(Complete(req, ctx, route_name, started, std::move(response)));
  }
}

Response Pipeline::Failure(const Request& req, const Context& ctx, const std::exception& e) {
  const bool unavailable = hooks_.is_unavailable && hooks_.is_unavailable(e);
  spdlog::error("request {} {} {} failed: {}", req.request_id, core::ForLog(req.method, 32),
                core::ForLog(req.path), core::ForLog(e.what()));
  Response response;
  try {
    response = ErrorResponse(
        req, ctx, unavailable ? core::ErrorCode::kUnavailable : core::ErrorCode::kInternal,
        unavailable ? "error.unavailable" : "error.internal");
  } catch (const std::exception&) {
    response =
        Response::Text("Internal Server Error " + req.request_id, "text/plain; charset=utf-8", 500);
  }
  if (unavailable) response.SetHeader("Retry-After", "5");
  return response;
}

Response Pipeline::Complete(const Request& req, const Context& ctx, const std::string& route_name,
                            std::chrono::steady_clock::time_point started, Response response) {
  Finish(req, ctx, response);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.Record(route_name, MethodLabel(req.method), response.status, seconds);
  // Secret links (invitations, resets, calendar feeds) carry their token in the path: log the
  // route's pattern for those, so that the log holds no usable link.
  const bool secret = route_name.find("{token}") != std::string::npos;
  AccessLog().info("{} {} {} {} {}B {:.2f}ms", req.request_id, core::ForLog(req.method, 32),
                   secret ? route_name : core::ForLog(req.path), response.status,
                   response.body.size(), seconds * 1000);
  return response;
}

Response Pipeline::MetricsPage(const Request& req, const Context& ctx) {
  if (hooks_.metrics_token.empty())
    return ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
  const auto given = req.Header("Authorization").value_or("");
  if (!core::EqualConstantTime(given, "Bearer " + hooks_.metrics_token)) {
    auto response = ErrorResponse(req, ctx, core::ErrorCode::kUnauthorized, "error.unauthorized");
    response.SetHeader("WWW-Authenticate", "Bearer");
    return response;
  }
  auto text = metrics_.Render(hooks_.extra_metrics);
  if (static_files_) {
    text +=
        "# HELP sohosolo_static_files_cached Static files held in memory.\n"
        "# TYPE sohosolo_static_files_cached gauge\n"
        "sohosolo_static_files_cached " +
        std::to_string(static_files_->cached()) + "\n";
  }
  if (heavy_.pool) {
    text +=
        "# HELP sohosolo_heavy_jobs Heavy computations waiting for or running on the worker "
        "pool.\n"
        "# TYPE sohosolo_heavy_jobs gauge\n"
        "sohosolo_heavy_jobs{state=\"waiting\"} " +
        std::to_string(heavy_.pool->waiting()) +
        "\n"
        "sohosolo_heavy_jobs{state=\"running\"} " +
        std::to_string(heavy_.pool->running()) + "\n";
  }
  return Response::Text(std::move(text), "text/plain; version=0.0.4");
}

namespace {

/// 404, or 405 with the methods the path does take.
Response NoRoute(const Request& req, const Context& ctx, const RouteMatch& match) {
  if (match.allowed_methods.empty())
    return ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
  std::string allow;
  for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
  auto response =
      ErrorResponse(req, ctx, core::ErrorCode::kMethodNotAllowed, "error.method_not_allowed");
  response.SetHeader("Allow", allow);
  return response;
}

/// Whether the caller may reach the route: nothing, or the answer that refuses them.
std::optional<Response> RefuseAccess(const Request& req, const Context& ctx, const Route& route) {
  switch (route.access.Check(ctx)) {
    case Access::Verdict::kOk:
      return std::nullopt;
    case Access::Verdict::kNeedsLogin: {
      if (req.WantsJson()) {
        auto response =
            ErrorResponse(req, ctx, core::ErrorCode::kUnauthorized, "error.unauthorized");
        response.SetHeader("WWW-Authenticate", "Bearer");
        return response;
      }
      return Response::Redirect("/login?next=" +
                                boost::urls::encode(req.target, boost::urls::unreserved_chars));
    }
    case Access::Verdict::kForbidden:
      break;
  }
  return ErrorResponse(req, ctx, core::ErrorCode::kForbidden, "error.forbidden");
}

/// Cross-site request checks on a state-changing request: nothing, or the refusal.
std::optional<Response> RefuseCrossSite(const Request& req, const Context& ctx,
                                        const Route& route) {
  if (!IsUnsafe(req.method)) return std::nullopt;
  // A browser may send a cross-site form post as text/plain; an API call made with a session
  // cookie must say it is JSON (which a form cannot), on top of its CSRF token.
  if (req.IsApi() && ctx.auth == AuthMethod::kSession && !req.body.empty() &&
      !req.Header("Content-Type").value_or("").starts_with("application/json")) {
    return ErrorResponse(req, ctx, core::ErrorCode::kUnsupportedMediaType,
                         "error.json_content_type");
  }
  if (route.csrf != Csrf::kRequired || ctx.auth == AuthMethod::kBearer) return std::nullopt;
  std::string token = req.Header("X-CSRF-Token").value_or("");
  if (token.empty()) {
    auto form = Form::Parse(req.body);
    // A form that cannot be read (bad encoding, control characters) is the client's error.
    const bool is_form =
        req.Header("Content-Type").value_or("").starts_with("application/x-www-form-urlencoded");
    if (!form && is_form)
      return ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    if (form) token = form->Get("_csrf");
  }
  if (ctx.csrf_token.empty() || !core::EqualConstantTime(token, ctx.csrf_token))
    return ErrorResponse(req, ctx, core::ErrorCode::kForbidden, "error.csrf");
  return std::nullopt;
}

}  // namespace

Response Pipeline::Dispatch(Request& req, Context& ctx, std::string& route_name,
                            const Route** heavy) {
  const bool target_ok = req.ParseTarget();
  ctx.lang = LanguageFromRequest(req);
  if (!target_ok) return ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_target");
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
    return MetricsPage(req, ctx);
  }
  hooks_.authenticate(req, ctx);
  if (!req.body.empty() && HasTextBody(req) && !core::IsValidUtf8(req.body)) {
    return ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_utf8");
  }
  const auto match = router_.Match(req);
  if (!match.route) return NoRoute(req, ctx, match);
  const Route& route = *match.route;
  route_name = route.pattern;
  if (auto refused = RefuseAccess(req, ctx, route)) return std::move(*refused);
  if (auto refused = RefuseCrossSite(req, ctx, route)) return std::move(*refused);
  // Heavy work leaves this thread when the caller can wait for it (HandleAsync).
  if (heavy && route.work == Work::kHeavy) {
    *heavy = &route;
    return {};
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
    const char* key = status == 413   ? "error.body_too_large"
                      : status == 431 ? "error.header_too_large"
                                      : "error.bad_request";
    response = ErrorResponse(req, ctx, code, key);
  } catch (const std::exception&) {
    response = Response::Text("error", "text/plain; charset=utf-8", status);
  }
  Finish(req, ctx, response);
  metrics_.Record("early", req.method.empty() ? "-" : MethodLabel(req.method), status, 0);
  AccessLog().info("{} {} {} {} {}B", req.request_id, core::ForLog(req.method, 32),
                   core::ForLog(req.target), status, response.body.size());
  return response;
}

void Pipeline::Finish(const Request& req, const Context& ctx, Response& response) {
  for (const auto& [name, value] : ctx.extra_headers) response.headers.emplace_back(name, value);
  response.SetHeader("X-Request-Id", req.request_id);
  // A page that needs a wider policy (the API page's Redoc) sets its own.
  if (!response.FindHeader("Content-Security-Policy"))
    response.SetHeader(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "same-origin");
  response.SetHeader("X-Frame-Options", "DENY");
  if (!response.FindHeader("Cache-Control")) response.SetHeader("Cache-Control", "no-store");
  if (ctx.programme.https() || hooks_.secure_cookies) {
    for (auto& [name, value] : response.headers) {
      if (strcasecmp(name.c_str(), "Set-Cookie") == 0 &&
          value.find("; Secure") == std::string::npos)
        value += "; Secure";
    }
  }
  if (ctx.programme.https()) response.SetHeader("Strict-Transport-Security", "max-age=31536000");
  if (!response.FindHeader("Content-Language")) response.SetHeader("Content-Language", ctx.lang);
}

}  // namespace sohosolo::http
