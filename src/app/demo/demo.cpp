#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.hpp"
#include "app/demo/activity.hpp"
#include "app/demo/community.hpp"
#include "app/demo/journeys.hpp"
#include "app/demo/rentals.hpp"
#include "app/demo/villages.hpp"
#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "db/migrations.hpp"
#include "portal/service.hpp"
#include "territory/communes/service.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/villages/service.hpp"
#include "workspaces/bookings/service.hpp"

#ifndef SOHOSOLO_SOURCE_DIR
#define SOHOSOLO_SOURCE_DIR "."
#endif

namespace sohosolo::app {

namespace {

struct DemoAccount {
  const char* email;
  const char* name;
  const char* role;
};

// Fictitious people of the demonstration programme.
constexpr DemoAccount kDemoAccounts[] = {
    {"admin@demo.sohosolo.fr", "Camille Admin", "admin"},
    {"conseillere@demo.sohosolo.fr", "Élodie Conseillère", "advisor"},
    {"hote@demo.sohosolo.fr", "Julien Hôte", "site_host"},
    {"membre@demo.sohosolo.fr", "Inès Membre", "member"},
};

constexpr const char* kDemoDescription =
    "Programme de démonstration inspiré de Soho Solo, le dispositif de la CCI du Gers qui "
    "accueille "
    "travailleurs indépendants et télétravailleurs dans ses villages. Les données de démonstration "
    "sont fictives.";

struct DemoSite {
  const char* name;
  const char* kind;
  const char* commune_code;
  double lat;
  double lon;
};

// Demonstration sites in real Gers communes (positions: the commune's representative point).
// Names, rooms and hours are invented for the demo and flagged as demo data.
constexpr DemoSite kDemoSites[] = {
    {"Télécentre de Marciac (démo)", "telecentre", "32233", 43.52119, 0.15638},
    {"Télécentre de Lectoure (démo)", "telecentre", "32208", 43.94021, 0.65057},
    {"Télécentre de Condom (démo)", "telecentre", "32107", 43.97169, 0.37416},
    {"Télécentre d'Eauze (démo)", "telecentre", "32119", 43.86074, 0.1056},
    {"Télécentre de Mirande (démo)", "telecentre", "32256", 43.51869, 0.41048},
    {"Télécentre de L'Isle-Jourdain (démo)", "telecentre", "32160", 43.61438, 1.08128},
    {"Télécentre de Samatan (démo)", "telecentre", "32410", 43.49395, 0.93397},
    {"Télécentre de Fleurance (démo)", "telecentre", "32132", 43.84011, 0.64233},
    {"Espace de coworking d'Auch (démo)", "coworking", "32013", 43.65327, 0.57496},
    {"Espace de coworking de Vic-Fezensac (démo)", "coworking", "32462", 43.76173, 0.29834},
};

void SeedWorkspaces(db::Pool& pool, core::ProgrammeId programme) {
  workspaces::Service service(pool, {});
  for (const auto& d : kDemoSites) {
    workspaces::Site site;
    site.name = d.name;
    site.kind = d.kind;
    site.commune_code = d.commune_code;
    site.latitude = d.lat;
    site.longitude = d.lon;
    site.is_demo = true;
    site.description = "Site de démonstration : les informations ne sont pas réelles.";
    site.equipment = "WiFi, imprimante, visioconférence";
    // Monday to Friday, 8:30-12:30 and 13:30-18:00.
    for (int day = 1; day <= 5; ++day) {
      site.hours.push_back({day, 8 * 60 + 30, 12 * 60 + 30});
      site.hours.push_back({day, 13 * 60 + 30, 18 * 60});
    }
    std::vector<workspaces::Resource> resources;
    const bool coworking = std::string(d.kind) == "coworking";
    for (int i = 1; i <= (coworking ? 6 : 2); ++i) {
      workspaces::Resource r;
      r.kind = coworking ? "desk" : "office";
      r.name = (coworking ? "Poste " : "Bureau ") + std::to_string(i);
      r.capacity = 1;
      resources.push_back(r);
    }
    workspaces::Resource room;
    room.kind = "meeting_room";
    room.name = "Salle de réunion";
    room.capacity = coworking ? 10 : 6;
    room.equipment = "écran, visioconférence";
    resources.push_back(room);
    service.CreateSite(programme, site, resources);
  }
}

/// The Gers data beside the repository (read there, never copied into it): ../shared/data/gers
/// from the current directory, else next to the source tree.
std::optional<std::filesystem::path> GersData() {
  for (const auto& dir : {std::filesystem::path("../shared/data/gers"),
                          std::filesystem::path(SOHOSOLO_SOURCE_DIR "/../shared/data/gers")}) {
    std::error_code ec;
    if (std::filesystem::exists(dir / "communes-32-gers-cog2026.geojson", ec) &&
        std::filesystem::exists(dir / "nra-osm-gers.csv", ec))
      return dir.lexically_normal();
  }
  return std::nullopt;
}

struct DemoVillage {
  const char* commune_code;
  const char* role;
  bool school;
  bool doctor;
  double train_station_km;
};

// Real Gers communes given a role in the demo programme. Roles, services and distances to a
// station are invented for the demonstration, and the welcome committee text says so.
constexpr DemoVillage kDemoVillages[] = {
    {"32001", "host", true, true, 30},         {"32029", "host", true, false, 15},
    {"32083", "host", true, true, 20},         {"32096", "host", true, true, 35},
    {"32106", "host", true, false, 25},        {"32147", "host", true, true, 1},
    {"32162", "host", true, false, 18},        {"32213", "host", true, true, 12},
    {"32242", "host", true, true, 22},         {"32249", "host", true, true, 20},
    {"32290", "host", true, false, 28},        {"32296", "host", true, true, 40},
    {"32032", "associated", false, false, 30}, {"32133", "associated", false, false, 35},
    {"32204", "associated", false, false, 15}, {"32253", "associated", true, false, 25},
    {"32412", "associated", true, false, 18},  {"32433", "associated", true, false, 25},
};

void SeedVillages(db::Pool& pool, territory::Service& territory, core::ProgrammeId programme) {
  territory::VillageService villages(pool, territory, {});
  std::vector<DemoHost> hosts;
  for (const auto& d : kDemoVillages) {
    territory::VillageRecord r;
    r.commune_code = d.commune_code;
    r.role = d.role;
    r.welcome_committee =
        "Données de démonstration : comité d'accueil fictif (maire, référent du programme).";
    r.services = std::string("{\"demo\":true,\"school\":") + (d.school ? "true" : "false") +
                 ",\"doctor\":" + (d.doctor ? "true" : "false") +
                 ",\"train_station_km\":" + std::to_string(d.train_station_km) + "}";
    villages.Save(programme, r);
    if (std::string(d.role) == "host")
      hosts.push_back({d.commune_code, d.school, d.doctor, d.train_station_km});
  }
  SeedVillageDetails(villages, programme, hosts);
  std::cout << "territory: " << std::size(kDemoVillages)
            << " demo villages (host and associated); their services are demonstration data\n";
}

/// Imports the Gers communes and exchanges into the demo programme when it has no commune yet.
void SeedTerritory(db::Pool& pool, const http::Programme& programme) {
  territory::Service service(pool);
  const auto existing = service.SearchCommunes(programme.id, "", "", 1);
  if (existing && existing->total > 0) return;
  const auto dir = GersData();
  if (!dir) {
    std::cout << "territory: no Gers data in ../shared/data/gers (nor next to the sources); the "
                 "demo goes on "
                 "without communes or exchanges\n";
    return;
  }
  if (ImportFile(service, programme, "communes",
                 (*dir / "communes-32-gers-cog2026.geojson").string(), "") != kExitOk ||
      ImportFile(service, programme, "exchanges", (*dir / "nra-osm-gers.csv").string(), "") !=
          kExitOk) {
    std::cout << "territory: the Gers data could not be imported; the demo goes on without it\n";
    return;
  }
  std::cout << "territory: the exchange list is PARTIAL: the exchanges OpenStreetMap knows, about "
               "10 % of the Gers' "
               "113 to 125; connectivity and coverage figures computed from it are demonstration "
               "figures, not the "
               "Gers' real coverage\n";
  // The Gers' published area; its communes' polygons add up to 6,300.65 km², and coverage
  // answers give the share of both.
  (void)service.ImportParameters(
      programme.id,
      territory::DefaultsWithOfficialArea(6257, "Area the Conseil départemental du Gers publishes",
                                          /*exchanges_partial=*/true),
      "demo: default model, Gers official area");
  SeedVillages(pool, service, programme.id);
}

}  // namespace

int Demo(const Config& config, const std::string& credentials_file, const std::string& public_url) {
  core::InitCrypto();
  std::unique_ptr<db::Pool> pool;
  try {
    pool = std::make_unique<db::Pool>(db::Url::Parse(config.db), 1);
    db::Migrate(*pool);
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return kExitUnavailable;
  }
  const auto existing = portal::FindProgramme(*pool, "gers");
  if (existing) {
    std::cout << "the demo programme is already there; accounts:\n";
    for (const auto& a : kDemoAccounts) std::cout << "  " << a.role << "\t" << a.email << "\n";
    SeedTerritory(*pool, *existing);
    return kExitOk;
  }
  portal::Programmes programmes(*pool);
  auto created = programmes.Create("gers", "Soho Solo Gers", kDemoDescription, {}, public_url);
  if (!created) {
    std::cerr << "sohosolo: cannot create the demo programme\n";
    return kExitFailure;
  }
  auth::Service service(*pool, config.auth);
  std::string listing = "Demo accounts of Soho Solo Gers (role, e-mail, password):\n";
  long long host_id = 0;
  long long member_id = 0;
  long long advisor_id = 0;
  for (const auto& a : kDemoAccounts) {
    const auto password = core::RandomToken(12);
    auto id =
        service.CreateAccount(core::ProgrammeId(*created), a.email, a.name, a.role, password, "fr");
    if (!id) {
      std::cerr << "sohosolo: cannot create demo account " << a.email << "\n";
      return kExitFailure;
    }
    if (std::string(a.role) == "member") member_id = *id;
    if (std::string(a.role) == "advisor") advisor_id = *id;
    listing += std::string("  ") + a.role + "\t" + a.email + "\t" + password + "\n";
    if (std::string(a.role) == "site_host") host_id = *id;
  }
  SeedWorkspaces(*pool, core::ProgrammeId(*created));
  SeedDemoActivity(*pool, service, core::ProgrammeId(*created), host_id);
  SeedRentals(*pool, service, core::ProgrammeId(*created), member_id);
  SeedCommunity(*pool, service, core::ProgrammeId(*created), member_id);
  SeedJourneys(*pool, core::ProgrammeId(*created), advisor_id);
  SeedTerritory(*pool, http::Programme{core::ProgrammeId(*created), "gers", "Soho Solo Gers",
                                       kDemoDescription});
  std::cout << listing;
  if (!credentials_file.empty()) {
    std::ofstream out(credentials_file, std::ios::trunc);
    out << listing;
    std::filesystem::permissions(
        credentials_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  return kExitOk;
}

}  // namespace sohosolo::app
