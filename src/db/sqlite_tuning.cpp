// Kept apart from database.cpp: <sqlite3.h> must not meet SOCI's soci-sqlite3.h in one file.
#include <sqlite3.h>

#include <mutex>

namespace sohosolo::db {

void TuneSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Both must come before SQLite initialises (the first connection); a call after that is
    // refused and changes nothing, which is only slower.
    // No global lock around every allocation for memory statistics nobody reads.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // Multi-thread mode: no mutex taken by every sqlite3_column_* call. Safe here because a
    // connection, and every statement kept on it, belongs to one Lease at a time, and a Lease
    // is used by one thread at a time (db::Pool hands connections out, never shares them).
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
}

}  // namespace sohosolo::db
