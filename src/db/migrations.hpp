#pragma once

#include <limits>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace sohosolo::db {

/// One numbered schema change, as compiled from migrations/NNNN_name[.dialect].sql.
struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  ///< Already specialised for the dialect.
};

/// The migrations for `dialect`, in order. A file `NNNN_name.sqlite.sql` or
/// `NNNN_name.postgresql.sql` replaces the portable `NNNN_name.sql` for that engine; in portable
/// files `@PK@` becomes the engine's auto-increment primary key.
std::vector<Migration> MigrationsFor(Dialect dialect);

/// Highest version applied to the database (0 for a new one).
int CurrentVersion(Lease& lease);

/// How many of this binary's migrations the database has not applied.
int PendingCount(Lease& lease);

/// Highest version this binary knows.
int LatestVersion(Dialect dialect);

/// Applies every pending migration up to version `up_to` (all by default; tests of an upgrade
/// stop earlier), each in its own transaction; returns how many ran.
int Migrate(Pool& pool, int up_to = std::numeric_limits<int>::max());

/// Splits a migration into statements at semicolons that end a line outside $$ blocks.
std::vector<std::string> SplitStatements(const std::string& sql);

}  // namespace sohosolo::db
