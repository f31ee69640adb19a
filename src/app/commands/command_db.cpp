#include "app/commands/command_db.hpp"

#include <iostream>
#include <stdexcept>

#include "app/app.hpp"
#include "db/migrations.hpp"
#include "portal/service.hpp"

namespace sohosolo::app {

std::unique_ptr<db::Pool> OpenCommandPool(const std::string& url, Schema schema, int& exit_code) {
  try {
    auto pool = std::make_unique<db::Pool>(db::Url::Parse(url), 1);
    if (schema == Schema::kMigrate) {
      db::Migrate(*pool);
      return pool;
    }
    auto lease = pool->Acquire();
    if (db::PendingCount(lease) > 0) {
      std::cerr
          << "sohosolo: the database schema is not up to date; run `sohosolo migrate` first\n";
      exit_code = kExitSchema;
      return nullptr;
    }
    return pool;
  } catch (const std::invalid_argument& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    exit_code = kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    exit_code = kExitUnavailable;
  }
  return nullptr;
}

std::optional<http::Programme> FindProgramme(db::Pool& pool, const std::string& slug,
                                             int& exit_code) {
  if (!slug.empty()) {
    auto found = portal::FindProgramme(pool, slug);
    if (!found) {
      std::cerr << "sohosolo: no programme '" << slug << "'\n";
      exit_code = kExitInvalid;
    }
    return found;
  }
  const auto all = portal::AllProgrammes(pool);
  if (all.size() == 1) return all.front();
  std::cerr
      << (all.empty()
              ? "sohosolo: the database has no programme yet; run `sohosolo programme add` first\n"
              : "sohosolo: the database has several programmes: say which with --programme SLUG\n");
  exit_code = all.empty() ? kExitInvalid : kExitUsage;
  return std::nullopt;
}

}  // namespace sohosolo::app
