// `sohosolo backup` and `sohosolo restore`: a copy of the whole database that can be taken while
// servers write to it, and put back. SQLite: the online backup API (a consistent snapshot of the
// file; writers go on meanwhile in WAL mode), checked with PRAGMA integrity_check. PostgreSQL:
// pg_dump's custom format, put back by pg_restore in one transaction.
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"

extern char** environ;

namespace sohosolo::app {

namespace {

/// An sqlite3 connection closed on scope exit.
struct SqliteHandle {
  sqlite3* db = nullptr;
  ~SqliteHandle() {
    if (db) sqlite3_close_v2(db);
  }
};

bool OpenSqlite(const std::string& path, int flags, SqliteHandle& handle) {
  if (sqlite3_open_v2(path.c_str(), &handle.db, flags, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(handle.db, 10000);
    return true;
  }
  std::cerr << "sohosolo: cannot open " << path << ": "
            << (handle.db ? sqlite3_errmsg(handle.db) : "out of memory") << "\n";
  return false;
}

/// Copies every page of `from` into `to` in one step (one consistent snapshot of `from`).
bool CopySqlite(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) {
    std::cerr << "sohosolo: backup failed: " << sqlite3_errmsg(to) << "\n";
    return false;
  }
  int rc;
  while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    sqlite3_sleep(50);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    std::cerr << "sohosolo: backup failed: " << sqlite3_errstr(rc) << "\n";
    return false;
  }
  return true;
}

/// "ok", or what PRAGMA integrity_check says is wrong.
std::string IntegrityOf(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) != SQLITE_OK)
    return sqlite3_errmsg(db);
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (!out.empty()) out += "; ";
    out += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return out;
}

/// Runs a program found on PATH; its exit status (127 when it cannot be started).
int Run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "sohosolo: cannot run " << args[0] << " (is the PostgreSQL client installed?)\n";
    return 127;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

std::optional<db::Url> ParseUrl(const std::string& text) {
  try {
    return db::Url::Parse(text);
  } catch (const std::invalid_argument& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return std::nullopt;
  }
}

}  // namespace

int BackupCommand(const Config& config, const std::string& file) {
  const auto url = ParseUrl(config.db);
  if (!url) return kExitUsage;
  if (std::filesystem::exists(file)) {
    std::cerr << "sohosolo: " << file << " exists already; a backup never overwrites a file\n";
    return kExitUsage;
  }
  if (url->dialect == db::Dialect::kPostgresql) {
    if (Run({"pg_dump", "--format=custom", "--no-owner", "--file", file, "--dbname",
             url->target}) != 0) {
      std::filesystem::remove(file);
      return kExitUnavailable;
    }
    std::cout << "backup of " << url->Redacted() << " written to " << file
              << " (pg_dump custom format)\n";
    return kExitOk;
  }
  SqliteHandle from, to;
  if (!std::filesystem::exists(url->target)) {
    std::cerr << "sohosolo: no database at " << url->target << "\n";
    return kExitUnavailable;
  }
  // Read-write (not read-only), so that it may share the WAL index of the servers writing
  // meanwhile.
  if (!OpenSqlite(url->target, SQLITE_OPEN_READWRITE, from)) return kExitUnavailable;
  if (!OpenSqlite(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, to)) return kExitUnavailable;
  if (!CopySqlite(from.db, to.db)) {
    std::filesystem::remove(file);
    return kExitUnavailable;
  }
  if (const auto integrity = IntegrityOf(to.db); integrity != "ok") {
    std::cerr << "sohosolo: the copy fails its integrity check: " << integrity << "\n";
    return kExitFailure;
  }
  std::cout << "backup of " << url->target << " written to " << file << " ("
            << std::filesystem::file_size(file) << " bytes, integrity ok)\n";
  return kExitOk;
}

int RestoreCommand(const Config& config, const std::string& file) {
  const auto url = ParseUrl(config.db);
  if (!url) return kExitUsage;
  if (!std::filesystem::exists(file)) {
    std::cerr << "sohosolo: no backup at " << file << "\n";
    return kExitUsage;
  }
  if (url->dialect == db::Dialect::kPostgresql) {
    if (Run({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", "--dbname", url->target, file}) != 0) {
      return kExitInvalid;
    }
  } else {
    SqliteHandle from, to;
    if (!OpenSqlite(file, SQLITE_OPEN_READONLY, from)) return kExitInvalid;
    if (const auto integrity = IntegrityOf(from.db); integrity != "ok") {
      std::cerr << "sohosolo: " << file << " is not a sound SQLite backup: " << integrity << "\n";
      return kExitInvalid;
    }
    if (!OpenSqlite(url->target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, to))
      return kExitUnavailable;
    if (!CopySqlite(from.db, to.db)) return kExitUnavailable;
  }
  // The restored schema must be one this program knows.
  try {
    db::Pool pool(*url, 1);
    auto lease = pool.Acquire();
    std::cout << "restored " << file << " into " << url->Redacted() << " (schema version "
              << db::CurrentVersion(lease)
              << "; stop the servers of this database before a restore, and start "
              << "them again after)\n";
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: the restored database cannot be read: " << e.what() << "\n";
    return kExitInvalid;
  }
  return kExitOk;
}

}  // namespace sohosolo::app
