#include "app/application.hpp"

#include <algorithm>

#include "app/api_docs.hpp"
#include "app/home_blocks.hpp"
#include "auth/context.hpp"
#include "auth/routes.hpp"
#include "auth/service.hpp"
#include "community/board/routes.hpp"
#include "community/events/routes.hpp"
#include "community/export.hpp"
#include "community/newsletters/routes.hpp"
#include "community/profiles/routes.hpp"
#include "core/text.hpp"
#include "journeys/amendments/routes.hpp"
#include "journeys/documents/routes.hpp"
#include "journeys/routes.hpp"
#include "portal/routes.hpp"
#include "territory/communes/pages.hpp"
#include "territory/communes/routes.hpp"
#include "territory/villages/routes.hpp"
#include "territory/villages/service.hpp"
#include "workspaces/bookings/routes.hpp"
#include "workspaces/rentals/routes.hpp"
#include "workspaces/sites/routes.hpp"
#include "workspaces/stats/service.hpp"

namespace sohosolo::app {

namespace {

/// True when `person` holds `role`: other modules ask auth who holds a role through its service
/// (they do not know its tables).
bool Holds(const auth::Person& person, const char* role) {
  return std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end();
}

/// Transactions committed; on SQLite, the WAL syncs that made them durable (group commit: fewer
/// syncs than commits under concurrent writes).
std::string CommitMetrics(db::Dialect dialect, const db::PoolStats& stats) {
  std::string out =
      "# HELP sohosolo_db_commits_total Transactions committed.\n"
      "# TYPE sohosolo_db_commits_total counter\n"
      "sohosolo_db_commits_total " +
      std::to_string(stats.commits) + "\n";
  if (dialect != db::Dialect::kSqlite) return out;
  return out +
         "# HELP sohosolo_db_wal_syncs_total WAL syncs, each covering every commit before it.\n"
         "# TYPE sohosolo_db_wal_syncs_total counter\n"
         "sohosolo_db_wal_syncs_total " +
         std::to_string(stats.wal_syncs) + "\n";
}

}  // namespace

struct Application::Parts {
  Parts(db::Pool& pool, const Config& config)
      : auth(pool, config.auth),
        workspaces(pool, config.quota, {}, std::chrono::milliseconds(config.kept_availability_ms)),
        // Site editing asks auth which accounts hold the site_host role, and tells the bookings'
        // service when a site or resource changed (it keeps them a second).
        site_admin(
            pool,
            [this](core::ProgrammeId p) {
              std::vector<workspaces::HostAccount> hosts;
              for (const auto& person : auth.People(p))
                if (Holds(person, "site_host"))
                  hosts.push_back(
                      {person.account.id, person.account.display_name, person.account.email});
              return hosts;
            },
            [this] { workspaces.PlacesChanged(); }),
        stats(pool, workspaces),
        rentals(pool),
        invoices(pool),
        territory(pool),
        // The finder measures straight lines to the programme's telecentres and coworking spaces.
        villages(pool, territory,
                 [this](core::ProgrammeId p) {
                   std::vector<territory::WorkspacePoint> points;
                   for (const auto& s : workspaces.Sites(p))
                     if (s.site.latitude && s.site.longitude)
                       points.push_back(
                           {s.site.name, territory::LonLat{*s.site.longitude, *s.site.latitude}});
                   return points;
                 }),
        exchanges(pool),
        accompany(pool, territory,
                  [this](core::ProgrammeId p) {
                    std::vector<territory::AdvisorAddress> advisors;
                    for (const auto& person : auth.People(p))
                      if (Holds(person, "advisor"))
                        advisors.push_back({person.account.email, person.account.language});
                    return advisors;
                  }),
        directory(pool),
        // Club events may be held at one of the programme's sites.
        club(pool,
             [this](core::ProgrammeId p) {
               std::vector<community::EventPlace> places;
               for (const auto& s : workspaces.Sites(p))
                 places.push_back({s.site.id, s.site.name, s.site.address});
               return places;
             }),
        letters(pool, club),
        board(pool),
        journeys(
            pool,
            {[this](core::ProgrammeId p, long long id) -> std::optional<journeys::RequestFacts> {
               const auto r = accompany.Find(p, id);
               if (!r) return std::nullopt;
               return journeys::RequestFacts{r->name,         r->email,   r->phone,
                                             r->commune_code, r->message, r->needs};
             },
             [this](core::ProgrammeId p, long long id, const journeys::Actor& actor) {
               // Already handled by someone else is no reason to refuse the file.
               accompany.MarkHandled(p, id, actor.account_id, actor.name);
             },
             [this](core::ProgrammeId p, long long account_id) {
               for (const auto& person : auth.People(p))
                 if (person.account.id == account_id)
                   return Holds(person, "advisor") || Holds(person, "admin");
               return false;
             },
             [this](core::ProgrammeId p) {
               std::vector<journeys::CommitteeMember> members;
               for (const auto& person : auth.People(p))
                 if (Holds(person, "committee"))
                   members.push_back(
                       {person.account.id, person.account.display_name, person.account.email, {}});
               return members;
             },
             [this](core::ProgrammeId p, const journeys::Actor& inviter, const std::string& email,
                    const std::string& name,
                    const std::string& base_url) -> core::Result<long long> {
               auto link = auth.Invite(p, {"advisor"}, inviter.account_id, email, name, "newcomer",
                                       base_url);
               if (!link) return link.error();
               const auto key = core::AsciiLower(core::Trim(email));
               for (const auto& person : auth.People(p))
                 if (core::AsciiLower(person.account.email) == key) return person.account.id;
               return core::NotFound();
             },
             [this](core::ProgrammeId p, const std::string& code) {
               const auto commune = territory.GetCommune(p, code);
               return commune ? commune->summary.name : std::string();
             },
             [this](core::ProgrammeId p,
                    long long account_id) -> std::optional<std::pair<std::string, std::string>> {
               for (const auto& person : auth.People(p))
                 if (person.account.id == account_id)
                   return std::pair{person.account.email, person.account.language};
               return std::nullopt;
             },
             // The funders' report counts the use of the telecentres and coworking spaces.
             [this](core::ProgrammeId p, const std::string& from, const std::string& to) {
               std::vector<journeys::WorkspaceUse> use;
               const workspaces::Actor staff{0, true};
               auto report = stats.Compute(p, staff, {std::nullopt, from, to});
               if (!report) return use;
               for (const auto& s : report->sites)
                 use.push_back({s.site.name, s.total.bookings, s.total.members,
                                s.total.booked_hours, s.total.Occupancy()});
               return use;
             },
             [this](core::ProgrammeId p) {
               std::vector<journeys::CommitteeMember> staff;
               for (const auto& person : auth.People(p))
                 if (Holds(person, "advisor") || Holds(person, "admin"))
                   staff.push_back(
                       {person.account.id, person.account.display_name, person.account.email, {}});
               return staff;
             },
             // A file shows, for each village it considers, what the finder says of it.
             [this](core::ProgrammeId p,
                    const std::string& code) -> std::optional<journeys::VillageAnswer> {
               auto view = villages.View(p, code);
               if (!view) return std::nullopt;
               const auto& f = view->facts;
               return journeys::VillageAnswer{f.code, f.name, f.adsl2plus_mbps, f.workspace_km,
                                              f.workspace_name};
             }}),
        // A telework amendment may name one of the programme's sites as a place of work.
        amendments(pool, journeys,
                   [this](core::ProgrammeId p) {
                     std::vector<journeys::Workplace> places;
                     for (const auto& s : workspaces.Sites(p))
                       places.push_back({s.site.id, s.site.name, s.site.address});
                     return places;
                   }),
        documents(pool, journeys) {
    // The directory keeps each member's name for its search: auth says when one changes.
    auth.OnRename([this](long long account_id, const std::string& name) {
      directory.Rename(account_id, name);
    });
    // A newcomer's export holds the amendments and the documents of their file too.
    journeys.AddExportPart([this](core::ProgrammeId p, long long id, boost::json::object& out) {
      boost::json::array versions, files;
      if (auto all = amendments.Versions(p, id))
        for (const auto& a : *all) versions.push_back(journeys::VersionJson(a));
      if (auto all = documents.List(p, id))
        for (const auto& d : *all) files.push_back(journeys::DocumentJson(d));
      out["amendments"] = std::move(versions);
      out["documents"] = std::move(files);
    });
    // A deleted account's seats at the club go to the line before its rows go.
    auth.OnDelete([this](long long account_id) { club.LeaveAll(account_id); });
    // An account's export holds what the community keeps about it too.
    auth.OnExport([this](core::ProgrammeId p, long long account_id, boost::json::object& out) {
      community::AddExport({directory, club, letters, board}, p, account_id, out);
    });
    // The home page: the journeys' public indicators, the territory's villages and the
    // workspaces, the club's next events.
    portal::AddRoutes(
        router, pool,
        {[this](const http::Context& ctx) {
           return journeys::FigureCards(ctx, journeys.HomeFigures(ctx.programme.id));
         },
         [this](const http::Context& ctx) { return HomePlaces(ctx, villages, workspaces); },
         [this](const http::Context& ctx) { return HomeEvents(ctx, club); },
         [this] { return journeys.FiguresVersion(); }});
    auth::AddRoutes(router, auth, workspaces::MeFields(workspaces));
    workspaces::AddRoutes(router, workspaces);
    workspaces::AddPages(router, workspaces);
    workspaces::AddSiteAdminRoutes(router, workspaces, site_admin);
    workspaces::AddSiteAdminPages(router, workspaces, site_admin);
    workspaces::AddStatsRoutes(router, workspaces, stats);
    workspaces::AddRentalRoutes(router, rentals, invoices);
    workspaces::AddRentalPages(router, rentals, invoices);
    territory::AddRoutes(router, territory);
    territory::AddPages(router, territory);
    territory::AddVillageRoutes(router, villages);
    const territory::VillageModules village_modules{
        villages, exchanges, accompany,
        // Members who chose to show themselves on their village's page.
        [this](const http::Context& ctx, const std::string& code) {
          http::ViewData cards{http::ViewData::type::list};
          for (const auto& p : directory.AtVillage(ctx.programme.id, code))
            cards.push_back(community::ProfileCard(ctx, p));
          return cards;
        }};
    territory::AddVillageApi(router, village_modules);
    territory::AddVillagePages(router, village_modules);
    community::AddDirectoryApi(router, directory);
    community::AddDirectoryPages(router, directory);
    community::AddClubApi(router, club);
    community::AddClubPages(router, club);
    community::AddNewsletterApi(router, letters);
    community::AddNewsletterPages(router, letters);
    community::AddBoardApi(router, board);
    community::AddBoardPages(router, board);
    journeys::AddJourneyApi(router, journeys);
    journeys::AddJourneyPages(router, journeys);
    journeys::AddAmendmentRoutes(router, amendments);
    journeys::AddDocumentRoutes(router, documents);
    // Last: the API's document is built from every route added above.
    AddApiDocs(router);
    // Computations that may take a noticeable share of a second on a large territory (a coverage
    // for a new threshold, a WiFi plan, the finder, the communes' layer) run on the worker pool,
    // never on the threads that serve connections; anonymous callers of them are rate-limited.
    for (const auto& [method, pattern] : {std::pair{"GET", "/api/v1/coverage"},
                                          {"GET", "/api/v1/geo/communes.geojson"},
                                          {"POST", "/api/v1/village-finder"},
                                          {"GET", "/trouver-mon-village"},
                                          {"GET", "/map"},
                                          {"POST", "/api/v1/wifi-plans"},
                                          {"GET", "/wifi-plans"},
                                          {"GET", "/wifi-plans/plan.geojson"},
                                          // Documents laid out by pango and zipped.
                                          {"GET", "/indicators/report.pdf"},
                                          {"GET", "/indicators/report.xlsx"},
                                          {"GET", "/journeys/{id}/amendment.pdf"},
                                          {"GET", "/journeys/{id}/amendment.odt"},
                                          // Sign-ups send mail: rate-limited for anonymous callers.
                                          {"POST", "/newsletter/subscribe"},
                                          {"POST", "/api/v1/newsletter-subscriptions"}}) {
      router.Heavy(method, pattern);
    }
  }

  auth::Service auth;
  workspaces::Service workspaces;
  workspaces::SiteAdmin site_admin;
  workspaces::StatsService stats;
  workspaces::RentalService rentals;
  workspaces::InvoiceService invoices;
  territory::Service territory;
  territory::VillageService villages;
  territory::ExchangeEditor exchanges;
  territory::AccompanyService accompany;
  community::Directory directory;
  community::Club club;
  community::Letters letters;
  community::Board board;
  journeys::Journeys journeys;
  journeys::Amendments amendments;
  journeys::Documents documents;
  http::Router router;
};

Application::Application(db::Pool& pool, const Config& config)
    : parts_(std::make_unique<Parts>(pool, config)) {}

Application::~Application() = default;

http::Router& Application::router() { return parts_->router; }

int Application::QueueScheduledMail(
    core::UnixSeconds now, const std::function<std::string(core::ProgrammeId)>& public_url) {
  return parts_->club.QueueReminders(now) + parts_->letters.SendDue(now, public_url) +
         parts_->journeys.QueueTaskReminders(now, public_url);
}

void Application::Authenticate(const http::Request& req, http::Context& ctx) {
  auth::Authenticate(parts_->auth, req, ctx);
}

http::PipelineHooks Application::Hooks(const portal::Programmes& programmes, db::Pool& pool) {
  http::PipelineHooks hooks;
  hooks.resolve_programme = [&programmes](const http::Request& req) {
    return programmes.ForHost(req.Header("Host").value_or(""));
  };
  hooks.authenticate = [this](const http::Request& req, http::Context& ctx) {
    Authenticate(req, ctx);
  };
  hooks.is_unavailable = [](const std::exception& e) {
    return db::IsConnectionFailure(e) || db::IsBusy(e);
  };
  hooks.extra_metrics = [&pool] {
    const auto stats = pool.Stats();
    return "# HELP sohosolo_db_pool_connections Database connections by state.\n"
           "# TYPE sohosolo_db_pool_connections gauge\n"
           "sohosolo_db_pool_connections{state=\"in_use\"} " +
           std::to_string(stats.in_use) +
           "\n"
           "sohosolo_db_pool_connections{state=\"total\"} " +
           std::to_string(stats.size) +
           "\n"
           "# HELP sohosolo_db_pool_waits_total Times a request waited for a free connection.\n"
           "# TYPE sohosolo_db_pool_waits_total counter\n"
           "sohosolo_db_pool_waits_total " +
           std::to_string(stats.waits) + "\n" + CommitMetrics(pool.dialect(), stats);
  };
  return hooks;
}

}  // namespace sohosolo::app
