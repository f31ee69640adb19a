#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include "auth/context.hpp"
#include "auth/routes.hpp"
#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "db/migrations.hpp"
#include "http/pipeline.hpp"
#include "http/server.hpp"
#include "site/routes.hpp"
#include "site/service.hpp"
#include "site/store.hpp"
#include "territory/pages.hpp"
#include "territory/routes.hpp"
#include "territory/village_routes.hpp"
#include "territory/villages.hpp"
#include "workspaces/invoice_routes.hpp"
#include "workspaces/routes.hpp"
#include "workspaces/site_admin_routes.hpp"
#include "workspaces/stats_service.hpp"

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
    std::cerr << "sohosolo: the database schema (version " << current << ") is newer than this program (" << latest
              << "); use a newer sohosolo\n";
    return kExitSchema;
  }
  if (pending == 0) return -1;
  if (!migrate) {
    std::cerr << "sohosolo: the database schema lacks " << pending << " migration(s) of this program (up to version "
              << latest << "); run `sohosolo migrate` or start with --migrate\n";
    return kExitSchema;
  }
  db::Migrate(pool);
  return -1;
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
  const int threads = config.threads > 0 ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  auto pool = OpenPool(config, threads + 2);
  if (!pool) return ExitForPoolFailure(config);
  try {
    if (int code = CheckSchema(*pool, config.migrate); code >= 0) return code;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: cannot read or migrate the schema: " << e.what() << "\n";
    return kExitUnavailable;
  }

  site::Programmes programmes(*pool);
  std::string default_slug = config.default_programme;
  if (default_slug.empty()) {
    auto lease = pool->Acquire();
    const auto all = site::ProgrammeStore(lease).All();
    if (!all.empty()) default_slug = all.front().slug;
    if (all.empty()) {
      std::cerr << "sohosolo: the database has no programme yet; run `sohosolo demo` or `sohosolo programme add`\n";
      return kExitInvalid;
    }
  }
  if (auto loaded = programmes.Load(default_slug); !loaded) {
    std::cerr << "sohosolo: unknown default programme '" << default_slug << "'\n";
    return kExitUsage;
  }

  auth::Service auth_service(*pool, config.auth);
  http::Router router;
  site::AddRoutes(router, *pool);
  workspaces::Service workspaces_service(*pool, config.quota);
  auth::AddRoutes(router, auth_service, config.public_url, workspaces::MeFields(workspaces_service, config.public_url));
  workspaces::AddRoutes(router, workspaces_service, config.public_url);
  workspaces::AddPages(router, workspaces_service, config.public_url);
  // Site editing asks auth which accounts hold the site_host role (workspaces does not know auth).
  workspaces::SiteAdmin site_admin(*pool, [&auth_service](core::ProgrammeId p) {
    std::vector<workspaces::HostAccount> hosts;
    for (const auto& person : auth_service.People(p))
      if (std::find(person.roles.begin(), person.roles.end(), "site_host") != person.roles.end())
        hosts.push_back({person.account.id, person.account.display_name, person.account.email});
    return hosts;
  });
  workspaces::StatsService stats_service(*pool, workspaces_service.check_in_policy());
  workspaces::AddSiteAdminRoutes(router, workspaces_service, site_admin);
  workspaces::AddSiteAdminPages(router, workspaces_service, site_admin);
  workspaces::AddStatsRoutes(router, workspaces_service, stats_service);
  workspaces::RentalService rental_service(*pool);
  workspaces::InvoiceService invoice_service(*pool);
  workspaces::AddRentalRoutes(router, rental_service, invoice_service);
  workspaces::AddRentalPages(router, rental_service, invoice_service);
  territory::Service territory_service(*pool);
  territory::AddRoutes(router, territory_service);
  territory::AddPages(router, territory_service);
  // The finder measures straight lines to the programme's telecentres and coworking spaces.
  territory::VillageService village_service(*pool, territory_service, [&workspaces_service](core::ProgrammeId p) {
    std::vector<territory::WorkspacePoint> points;
    for (const auto& s : workspaces_service.Sites(p))
      if (s.site.latitude && s.site.longitude)
        points.push_back({s.site.name, territory::LonLat{*s.site.longitude, *s.site.latitude}});
    return points;
  });
  territory::AddVillageRoutes(router, village_service);
  territory::ExchangeEditor exchange_editor(*pool);
  territory::AccompanyService accompany_service(*pool, territory_service, [&auth_service](core::ProgrammeId p) {
    std::vector<std::string> advisors;
    for (const auto& person : auth_service.People(p))
      if (std::find(person.roles.begin(), person.roles.end(), "advisor") != person.roles.end())
        advisors.push_back(person.account.email);
    return advisors;
  });
  const territory::VillageModules village_modules{village_service, exchange_editor, accompany_service};
  territory::AddVillageApi(router, village_modules);
  territory::AddVillagePages(router, village_modules);

  const std::string static_dir = config.static_dir.empty() ? std::string(SOHOSOLO_SOURCE_DIR) + "/web/static"
                                                           : config.static_dir;
  http::StaticFiles static_files(static_dir);
  http::PipelineHooks hooks;
  hooks.resolve_programme = [&programmes](const http::Request& req) {
    return programmes.ForHost(req.Header("Host").value_or(""));
  };
  hooks.authenticate = [&auth_service](const http::Request& req, http::Context& ctx) {
    auth::Authenticate(auth_service, req, ctx);
  };
  hooks.is_unavailable = [](const std::exception& e) { return db::IsConnectionFailure(e); };
  hooks.extra_metrics = [&pool] {
    const auto stats = pool->Stats();
    return "# HELP sohosolo_db_pool_connections Database connections by state.\n"
           "# TYPE sohosolo_db_pool_connections gauge\n"
           "sohosolo_db_pool_connections{state=\"in_use\"} " + std::to_string(stats.in_use) + "\n"
           "sohosolo_db_pool_connections{state=\"total\"} " + std::to_string(stats.size) + "\n"
           "# HELP sohosolo_db_pool_waits_total Times a request waited for a free connection.\n"
           "# TYPE sohosolo_db_pool_waits_total counter\n"
           "sohosolo_db_pool_waits_total " + std::to_string(stats.waits) + "\n";
  };
  http::Pipeline pipeline(router, &static_files, hooks);

  http::ServerOptions options;
  options.host = listen.first;
  options.port = listen.second;
  options.threads = threads;
  options.body_limit = config.body_limit;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  http::Server server(
      options, [&pipeline](http::Request& req) { return pipeline.Handle(req); },
      [&pipeline](http::Request& req, int status) { return pipeline.EarlyError(req, status); });
  try {
    server.Listen();
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: cannot listen on " << config.listen << ": " << e.what() << "\n";
    return kExitUnavailable;
  }
  server.Run([&] {
    // Scripts and tests wait for this line to know the port (useful with port 0).
    std::cout << "sohosolo listening on http://" << options.host << ":" << server.port() << "/" << std::endl;
  });
  spdlog::info("stopped");
  return kExitOk;
}

int MigrateCommand(const Config& config) {
  auto pool = OpenPool(config, 1);
  if (!pool) return ExitForPoolFailure(config);
  try {
    const int applied = db::Migrate(*pool);
    std::cout << "migrations applied: " << applied << "; schema version " << db::LatestVersion(pool->dialect())
              << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: migration failed: " << e.what() << "\n";
    return db::IsConnectionFailure(e) ? kExitUnavailable : kExitFailure;
  }
}

}  // namespace sohosolo::app
