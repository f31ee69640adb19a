#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.hpp"
#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "db/migrations.hpp"
#include "site/service.hpp"
#include "site/store.hpp"

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
    "Programme de démonstration inspiré de Soho Solo, le dispositif de la CCI du Gers qui accueille "
    "travailleurs indépendants et télétravailleurs dans ses villages. Les données de démonstration sont fictives.";

}  // namespace

int Demo(const Config& config, const std::string& credentials_file) {
  core::InitCrypto();
  std::unique_ptr<db::Pool> pool;
  try {
    pool = std::make_unique<db::Pool>(db::Url::Parse(config.db), 1);
    db::Migrate(*pool);
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return kExitUnavailable;
  }
  {
    auto lease = pool->Acquire();
    if (site::ProgrammeStore(lease).FindBySlug("gers")) {
      std::cout << "the demo programme is already there; accounts:\n";
      for (const auto& a : kDemoAccounts) std::cout << "  " << a.role << "\t" << a.email << "\n";
      return kExitOk;
    }
  }
  site::Programmes programmes(*pool);
  auto created = programmes.Create("gers", "Soho Solo Gers", kDemoDescription, {});
  if (!created) {
    std::cerr << "sohosolo: cannot create the demo programme\n";
    return kExitFailure;
  }
  auth::Service service(*pool, config.auth);
  std::string listing = "Demo accounts of Soho Solo Gers (role, e-mail, password):\n";
  for (const auto& a : kDemoAccounts) {
    const auto password = core::RandomToken(12);
    auto id = service.CreateAccount(core::ProgrammeId(*created), a.email, a.name, a.role, password, "fr");
    if (!id) {
      std::cerr << "sohosolo: cannot create demo account " << a.email << "\n";
      return kExitFailure;
    }
    listing += std::string("  ") + a.role + "\t" + a.email + "\t" + password + "\n";
  }
  std::cout << listing;
  if (!credentials_file.empty()) {
    std::ofstream out(credentials_file, std::ios::trunc);
    out << listing;
    std::filesystem::permissions(credentials_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  return kExitOk;
}

}  // namespace sohosolo::app
