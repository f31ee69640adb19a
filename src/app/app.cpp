#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <iostream>
#include <optional>
#include <thread>

#include "app/application.hpp"
#include "app/commands/mail.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/worker_pool.hpp"
#include "db/migrations.hpp"
#include "db/wal_sync.hpp"
#include "http/access_log.hpp"
#include "http/pipeline.hpp"
#include "http/server.hpp"
#include "portal/service.hpp"

#ifndef SOHOSOLO_SOURCE_DIR
#define SOHOSOLO_SOURCE_DIR "."
#endif

namespace sohosolo::app {

namespace {

/// Opens the pool, or prints why not. Returns nullptr on failure.
std::unique_ptr<db::Pool> OpenPool(const Config& config, int size) {
  try {
    return std::make_unique<db::Pool>(db::Url::Parse(config.db), size);
  } catch (const std::invalid_argument& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
  }
  return nullptr;
}

int ExitForPoolFailure(const Config& config) {
  try {
    db::Url::Parse(config.db);
  } catch (const std::invalid_argument&) {
    return kExitUsage;
  }
  return kExitUnavailable;
}

/// Brings the schema up to date or refuses, as configured. Returns an exit code, or -1 to go on.
int CheckSchema(db::Pool& pool, bool migrate) {
  int current = 0;
  int pending = 0;
  {
    auto lease = pool.Acquire();
    current = db::CurrentVersion(lease);
    pending = db::PendingCount(lease);
  }
  const int latest = db::LatestVersion(pool.dialect());
  if (current > latest) {
    std::cerr << "sohosolo: the database schema (version " << current
              << ") is newer than this program (" << latest << "); use a newer sohosolo\n";
    return kExitSchema;
  }
  if (pending == 0) return -1;
  if (!migrate) {
    std::cerr << "sohosolo: the database schema lacks " << pending
              << " migration(s) of this program (up to version " << latest
              << "); run `sohosolo migrate` or start with --migrate\n";
    return kExitSchema;
  }
  db::Migrate(pool);
  return -1;
}

/// "http://HOST:PORT" of a listening address; a wildcard address becomes "localhost".
std::string ListenUrl(const std::string& host, unsigned short port) {
  std::string name = host;
  if (host == "0.0.0.0" || host == "::") name = "localhost";
  if (name.find(':') != std::string::npos) name = "[" + name + "]";
  return "http://" + name + ":" + std::to_string(port);
}

/// The programme served when a request's host names none: the configured one, else the first.
/// Returns an exit code, or -1 to go on.
int CheckDefaultProgramme(const Config& config, db::Pool& pool, portal::Programmes& programmes) {
  std::string default_slug = config.default_programme;
  if (default_slug.empty()) {
    const auto all = portal::AllProgrammes(pool);
    if (all.empty()) {
      std::cerr << "sohosolo: the database has no programme yet; run `sohosolo demo` or `sohosolo "
                   "programme add`\n";
      return kExitInvalid;
    }
    default_slug = all.front().slug;
  }
  if (auto loaded = programmes.Load(default_slug); !loaded) {
    std::cerr << "sohosolo: unknown default programme '" << default_slug << "'\n";
    return kExitUsage;
  }
  return -1;
}

/// The application's hooks with the serving options; nullopt (after saying why) on a bad proxy.
std::optional<http::PipelineHooks> ServingHooks(const Config& config, Application& application,
                                                portal::Programmes& programmes, db::Pool& pool) {
  http::PipelineHooks hooks = application.Hooks(programmes, pool);
  hooks.metrics_token = config.metrics_token;
  hooks.secure_cookies = config.auth.secure_cookies;
  for (const auto& proxy : config.trusted_proxies) {
    if (!hooks.trusted_proxies.Add(proxy)) {
      std::cerr << "sohosolo: --trusted-proxy " << proxy
                << " is not an address or a network (10.0.0.0/8)\n";
      return std::nullopt;
    }
  }
  return hooks;
}

/// The answer to a request whose commit could not be made durable (the disk refused the WAL's
/// sync: every later write fails until a restart, and /readyz says so).
http::Response UnsyncedAnswer() {
  spdlog::error("an answer was replaced by 503: its commit could not be synced to the disk");
  auto response = http::Response::Text(
      "Service indisponible : la modification n'a pas pu être enregistrée.\n"
      "Service unavailable: the change could not be saved.\n",
      "text/plain; charset=utf-8", 503);
  response.SetHeader("Retry-After", "5");
  return response;
}

/// Listens and serves until stopped. Returns the exit code.
int RunServer(const Config& config, const std::pair<std::string, unsigned short>& listen,
              int threads, http::Pipeline& pipeline, portal::Programmes& programmes) {
  http::ServerOptions options;
  options.host = listen.first;
  options.port = listen.second;
  options.threads = threads;
  options.body_limit = config.body_limit;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  http::Server server(
      options,
      [&pipeline](std::shared_ptr<http::Request> req, std::function<void(http::Response)> done) {
        // On SQLite, a request's commits are synced while this thread serves other connections;
        // its answer goes out once they are durable (db::DeferredSyncs). A heavy route's answer
        // comes from a worker thread, whose commits waited for their sync.
        db::DeferredSyncs deferred;
        pipeline.HandleAsync(std::move(req),
                             db::AfterDurable<http::Response>(std::move(done), UnsyncedAnswer));
      },
      [&pipeline](http::Request& req, int status) { return pipeline.EarlyError(req, status); });
  try {
    server.Listen();
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: cannot listen on " << config.listen << ": " << e.what() << "\n";
    return kExitUnavailable;
  }
  // Links are built from each programme's configured address, else the instance's --public-url,
  // else the address this server listens on: never from a request's Host header.
  programmes.SetFallbackUrl(!config.public_url.empty() ? config.public_url
                                                       : ListenUrl(options.host, server.port()));
  server.Run([&] {
    // Scripts and tests wait for this line to know the port (useful with port 0).
    std::cout << "sohosolo listening on http://" << options.host << ":" << server.port() << "/"
              << std::endl;
  });
  return kExitOk;
}

/// Serves with a ready pool and schema. Returns the exit code.
int ServeWith(const Config& config, db::Pool& pool,
              const std::pair<std::string, unsigned short>& listen, int threads,
              const std::optional<outbox::SmtpSettings>& mail_settings) {
  portal::Programmes programmes(pool);
  if (int code = CheckDefaultProgramme(config, pool, programmes); code >= 0) return code;

  Application application(pool, config);
  const std::string static_dir = config.static_dir.empty()
                                     ? std::string(SOHOSOLO_SOURCE_DIR) + "/web/static"
                                     : config.static_dir;
  http::StaticFiles static_files(static_dir);
  auto hooks = ServingHooks(config, application, programmes, pool);
  if (!hooks) return kExitUsage;
  // Heavy routes run on their own bounded pool; joined explicitly before the pipeline and the
  // services its jobs use go away.
  auto workers = std::make_unique<core::WorkerPool>(config.heavy_workers, config.heavy_queue);
  http::RateLimiter anonymous_heavy(config.heavy_per_minute,
                                    std::max(1.0, config.heavy_per_minute / 4));
  http::Pipeline pipeline(application.router(), &static_files, *hooks,
                          {workers.get(), &anonymous_heavy});
  // Mail leaves from its own thread (one pool connection), never from a request's.
  std::unique_ptr<outbox::BackgroundSender> mail;
  if (mail_settings)
    mail = std::make_unique<outbox::BackgroundSender>(
        pool, *mail_settings, MailPolicy(config), config.mail_interval_seconds,
        [&application, &programmes] {
          application.QueueScheduledMail(core::Now(), [&programmes](core::ProgrammeId p) {
            return programmes.PublicUrlOf(p);
          });
        });
  const int code = RunServer(config, listen, threads, pipeline, programmes);
  mail.reset();
  workers.reset();
  return code;
}

}  // namespace

int Serve(const Config& config) {
  core::InitCrypto();
  core::Catalogue::Get();  // Fail at start, not at the first request, if a catalogue is broken.
  std::pair<std::string, unsigned short> listen;
  try {
    listen = ParseListen(config.listen);
  } catch (const std::invalid_argument& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return kExitUsage;
  }
  if (!config.public_url.empty() && !portal::IsPublicBaseUrl(config.public_url)) {
    std::cerr << "sohosolo: --public-url must be a base address such as "
                 "https://soho-solo.example.org (http or "
                 "https, a host, an optional path, no trailing slash)\n";
    return kExitUsage;
  }
  std::optional<outbox::SmtpSettings> mail_settings;
  if (!config.smtp_url.empty()) {
    mail_settings = MailSettings(config);
    if (!mail_settings) return kExitUsage;
  }
  // Handlers block on the database: a PostgreSQL request waits for round trips, a SQLite write
  // for the WAL sync its commit shares with others (db::WalSync), and meanwhile its thread is
  // idle. Two threads per core keep the cores busy (bench/README.md: "Scale-out" for
  // PostgreSQL, "Group commit" for SQLite, where GET / gained too). At most 32 by default: each
  // thread holds a connection, and two processes side by side during a restart must stay under
  // PostgreSQL's default max_connections of 100 (2 x (32 + 3)).
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int threads =
      config.threads > 0 ? config.threads : static_cast<int>(std::min(2 * cores, 32u));
  auto pool = OpenPool(config, threads + 3);
  if (!pool) return ExitForPoolFailure(config);
  try {
    if (int code = CheckSchema(*pool, config.migrate); code >= 0) return code;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: cannot read or migrate the schema: " << e.what() << "\n";
    return kExitUnavailable;
  }
  http::SetAccessLogInterval(std::chrono::milliseconds(config.access_log_interval_ms));
  const int code = ServeWith(config, *pool, listen, threads, mail_settings);
  http::FlushAccessLog();  // the last requests' lines before "stopped"
  if (code == kExitOk) spdlog::info("stopped");
  return code;
}

int RoutesCommand(const Config& config) {
  auto pool = OpenPool(config, 1);
  if (!pool) return ExitForPoolFailure(config);
  Application application(*pool, config);
  // One JSON object a line: what the access matrix test and an operator read.
  for (const auto& route : application.router().routes()) {
    boost::json::array roles;
    for (const auto role : route.access.roles()) roles.emplace_back(http::RoleName(role));
    const char* access = route.access.is_public() ? "public" : roles.empty() ? "account" : "roles";
    std::cout << boost::json::serialize(boost::json::object{
                     {"method", route.method},
                     {"pattern", route.pattern},
                     {"access", access},
                     {"roles", roles},
                     {"csrf", route.csrf == http::Csrf::kRequired ? "required" : "exempt"},
                     {"work", route.work == http::Work::kHeavy ? "heavy" : "inline"}})
              << "\n";
  }
  return kExitOk;
}

int MigrateCommand(const Config& config) {
  auto pool = OpenPool(config, 1);
  if (!pool) return ExitForPoolFailure(config);
  try {
    const int applied = db::Migrate(*pool);
    std::cout << "migrations applied: " << applied << "; schema version "
              << db::LatestVersion(pool->dialect()) << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: migration failed: " << e.what() << "\n";
    return db::IsConnectionFailure(e) ? kExitUnavailable : kExitFailure;
  }
}

}  // namespace sohosolo::app
