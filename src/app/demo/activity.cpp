#include "app/demo/activity.hpp"

#include <iostream>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "workspaces/demo_bookings.hpp"

namespace sohosolo::app {

namespace {

struct DemoMember {
  const char* email;
  const char* name;
};

// Fictitious members whose bookings fill the demo's statistics. Their passwords are random and
// never shown: nobody logs in as them.
constexpr DemoMember kDemoMembers[] = {
    {"lea.martin@demo.sohosolo.fr", "Léa Martin (démo)"},
    {"hugo.bernard@demo.sohosolo.fr", "Hugo Bernard (démo)"},
    {"chloe.dubois@demo.sohosolo.fr", "Chloé Dubois (démo)"},
    {"nathan.roux@demo.sohosolo.fr", "Nathan Roux (démo)"},
    {"manon.faure@demo.sohosolo.fr", "Manon Faure (démo)"},
    {"louis.girard@demo.sohosolo.fr", "Louis Girard (démo)"},
    {"camille.andre@demo.sohosolo.fr", "Camille André (démo)"},
    {"jules.mercier@demo.sohosolo.fr", "Jules Mercier (démo)"},
};

}  // namespace

void SeedDemoActivity(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                      long long host_account) {
  workspaces::DemoActivity activity;
  for (const auto& m : kDemoMembers) {
    if (auto id = accounts.CreateAccount(programme, m.email, m.name, "member",
                                         core::RandomToken(18), "fr")) {
      activity.members.push_back(*id);
    }
  }
  activity.host_account = host_account;
  activity.hosted = {"Télécentre de Marciac (démo)", "Espace de coworking d'Auch (démo)"};
  // Busy sites: the coworking spaces, every resource; two telecentres, their offices only (their
  // meeting rooms stay free for whoever tries the booking form).
  activity.busy_sites = {{"Espace de coworking d'Auch (démo)", false},
                         {"Espace de coworking de Vic-Fezensac (démo)", false},
                         {"Télécentre de Marciac (démo)", true},
                         {"Télécentre de Mirande (démo)", true}};
  const int written = workspaces::SeedDemoBookings(pool, programme, activity, core::Now());
  std::cout << "workspaces: " << written
            << " demo bookings (four weeks past, two ahead, with no-shows and "
            << "cancellations) by " << activity.members.size()
            << " fictitious members; the demo host runs " << activity.hosted.size() << " sites\n";
}

}  // namespace sohosolo::app
