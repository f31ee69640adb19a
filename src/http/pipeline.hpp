#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "core/worker_pool.hpp"
#include "http/client_address.hpp"
#include "http/context.hpp"
#include "http/metrics.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace sohosolo::http {

/// What the pipeline needs from the rest of the application.
struct PipelineHooks {
  /// The programme this request is for (from the Host header).
  std::function<Programme(const Request&)> resolve_programme;
  /// Fills the account, roles, CSRF token and language from the session cookie or bearer token.
  /// Adds Set-Cookie headers to ctx.extra_headers when it needs to.
  std::function<void(const Request&, Context&)> authenticate;
  /// True when an exception means the database is unreachable (503 rather than 500).
  std::function<bool(const std::exception&)> is_unavailable;
  /// Appended to /metrics (pool gauges).
  std::function<std::string()> extra_metrics;
  /// The bearer token /metrics asks for; empty: /metrics is not served (404). Its label sets are
  /// bounded, but it tells how the server is used: not for everyone.
  std::string metrics_token;
  /// Proxies whose X-Forwarded-For names the client (for throttles and the log).
  TrustedProxies trusted_proxies;
  /// Every cookie Secure, whatever the programme's address (--secure-cookies). A programme whose
  /// public address is https gets Secure cookies and HSTS anyway.
  bool secure_cookies = false;
};

/// Where heavy routes run (Work::kHeavy) and how often anonymous visitors may start one.
/// Without a pool they run inline.
struct HeavyWork {
  core::WorkerPool* pool = nullptr;
  RateLimiter* anonymous_limit = nullptr;
};

/// Everything between the socket and a route: request id, programme, authentication, language,
/// static files, routing, roles, CSRF, errors, security headers, access log and metrics.
class Pipeline {
 public:
  Pipeline(Router& router, StaticFiles* static_files, PipelineHooks hooks, HeavyWork heavy = {});

  using Done = std::function<void(Response)>;
  /// Answers `req` through `done`: at once for most routes, from the worker pool for heavy
  /// ones (then `done` runs on a worker thread).
  void HandleAsync(std::shared_ptr<Request> req, Done done);
  /// Answers `req` on this thread, heavy routes included.
  Response Handle(Request& req);
  /// Errors found while reading the request (413, 431, 400).
  Response EarlyError(Request& req, int status);
  Metrics& metrics() { return metrics_; }

 private:
  void Run(Request& req, std::shared_ptr<Request> owned, Done done);
  /// Routes the request; for a heavy route with `heavy` given, sets it instead of running it.
  Response Dispatch(Request& req, Context& ctx, std::string& route_name, const Route** heavy);
  Response MetricsPage(const Request& req, const Context& ctx);
  Response Failure(const Request& req, const Context& ctx, const std::exception& e);
  Response Complete(const Request& req, const Context& ctx, const std::string& route_name,
                    std::chrono::steady_clock::time_point started, Response response);
  void Finish(const Request& req, const Context& ctx, Response& response);

  Router& router_;
  StaticFiles* static_files_;
  PipelineHooks hooks_;
  HeavyWork heavy_;
  Metrics metrics_;
};

}  // namespace sohosolo::http
