#pragma once

#include <functional>

#include "http/context.hpp"
#include "http/metrics.hpp"
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
};

/// Everything between the socket and a route: request id, programme, authentication, language,
/// static files, routing, roles, CSRF, errors, security headers, access log and metrics.
class Pipeline {
 public:
  Pipeline(Router& router, StaticFiles* static_files, PipelineHooks hooks);

  Response Handle(Request& req);
  /// Errors found while reading the request (413, 431, 400).
  Response EarlyError(Request& req, int status);
  Metrics& metrics() { return metrics_; }

 private:
  Response Dispatch(Request& req, Context& ctx, std::string& route_name);
  void Finish(const Request& req, const Context& ctx, Response& response);

  Router& router_;
  StaticFiles* static_files_;
  PipelineHooks hooks_;
  Metrics metrics_;
};

}  // namespace sohosolo::http
