#pragma once
// Database helpers shared by the commands that work on a programme's data (`sohosolo import`,
// `sohosolo invoice`): open the pool and find the programme, saying why not on stderr.

#include <memory>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "http/context.hpp"

namespace sohosolo::app {

/// What to do with a schema older than this binary.
enum class Schema { kMigrate, kRequireCurrent };

/// A one-connection pool on `url`, migrated or checked as `schema` says; nullptr after printing
/// why, with `exit_code` set (kExitUsage for a bad URL, kExitUnavailable for an unreachable
/// database, kExitSchema for a schema that is not up to date).
std::unique_ptr<db::Pool> OpenCommandPool(const std::string& url, Schema schema, int& exit_code);

/// The programme named by `slug`, else the only one; nullopt (after saying why, with
/// `exit_code` set) otherwise.
std::optional<http::Programme> FindProgramme(db::Pool& pool, const std::string& slug,
                                             int& exit_code);

}  // namespace sohosolo::app
