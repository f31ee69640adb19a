// `sohosolo maintenance`: what cron runs now and then on a programme's data. Today: newcomers'
// files abandoned more than N years ago are anonymised (the person's data goes, the figures
// stay).
#include <iostream>

#include "app/app.hpp"
#include "app/commands/command_db.hpp"
#include "journeys/service.hpp"
#include "portal/service.hpp"

namespace sohosolo::app {

int Maintenance(const Config& config, const std::string& programme,
                std::optional<int> abandoned_years) {
  int exit_code = kExitOk;
  const auto pool = OpenCommandPool(config.db, Schema::kRequireCurrent, exit_code);
  if (!pool) return exit_code;
  journeys::Journeys files(*pool, {});
  bool found = programme.empty();
  for (const auto& p : portal::AllProgrammes(*pool)) {
    if (!programme.empty() && p.slug != programme) continue;
    found = true;
    const int years = abandoned_years.value_or(files.AbandonedYears(p.id));
    const int n = files.AnonymiseAbandoned(p.id, years, core::Now());
    std::cout << "programme " << p.slug << ": " << n << " files abandoned more than " << years
              << " years ago anonymised\n";
  }
  if (!found) {
    std::cerr << "sohosolo: no programme '" << programme << "'\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace sohosolo::app
