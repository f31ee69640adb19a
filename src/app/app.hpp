#pragma once

#include <istream>
#include <string>

#include "app/config.hpp"

namespace sohosolo::app {

/// Exit codes scripts can rely on.
enum ExitCode {
  kExitOk = 0,
  kExitFailure = 1,       ///< Anything unexpected.
  kExitUsage = 2,         ///< Bad command line or configuration.
  kExitUnavailable = 3,   ///< The database cannot be opened or reached.
  kExitSchema = 4,        ///< The schema is older than this binary (run migrate or pass --migrate).
  kExitInvalid = 5,       ///< The data given is invalid or conflicts with what is stored.
};

int Serve(const Config& config);
int MigrateCommand(const Config& config);
/// Reads the password from `password_in` (first line).
int UserAdd(const Config& config, const std::string& email, const std::string& role, const std::string& programme,
            const std::string& name, std::istream& password_in);
int ProgrammeAdd(const Config& config, const std::string& slug, const std::string& name,
                 const std::vector<std::string>& hosts);
/// Creates the demo programme and accounts if absent; writes the passwords to `credentials_file`.
int Demo(const Config& config, const std::string& credentials_file);

}  // namespace sohosolo::app
