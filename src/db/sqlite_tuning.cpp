// Kept apart from database.cpp: <sqlite3.h> must not meet SOCI's soci-sqlite3.h in one file.
#include <sqlite3.h>

#include <mutex>

namespace sohosolo::db {

void TuneSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace sohosolo::db
