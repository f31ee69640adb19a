#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/config.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "portal/service.hpp"

namespace sohosolo::app {

/// The composition of the program's modules on one database: every service, and the router
/// holding every route with its access rule. `serve` runs it; `sohosolo routes` lists it.
class Application {
 public:
  Application(db::Pool& pool, const Config& config);
  ~Application();

  http::Router& router();
  /// Queues the mail that is due by the clock rather than by a request (the club's reminders of
  /// the day before, newsletters scheduled for now); the mail sender runs it before each round.
  /// `public_url` gives each programme's base of links. Returns how many messages or campaigns
  /// were queued.
  int QueueScheduledMail(core::UnixSeconds now,
                         const std::function<std::string(core::ProgrammeId)>& public_url);
  /// Fills the identity of a request from its session cookie or bearer token.
  void Authenticate(const http::Request& req, http::Context& ctx);
  /// What the pipeline asks of the application: the programme of a request (from `programmes`),
  /// its identity, which failures mean "try again later", and the pool's gauges for /metrics.
  http::PipelineHooks Hooks(const portal::Programmes& programmes, db::Pool& pool);

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace sohosolo::app
