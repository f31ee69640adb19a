// Options every subcommand shares, and their checks.
#include <map>
#include <string>

#include "cli/cli.hpp"

namespace sohosolo::cli {

namespace {

/// Options shared by every subcommand. CLI11 gives flags precedence over the --config file, and the
/// file over SOHOSOLO_* environment variables. One value per subcommand (see AddDbOption).
std::map<const CLI::App*, std::string>& DbValues() {
  static std::map<const CLI::App*, std::string> values;
  return values;
}

}  // namespace

void AddDbOption(CLI::App& cmd, Config& config) {
  auto& value = DbValues()[&cmd];
  value = config.db;
  cmd.add_option("--db", value, "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
      ->envname("SOHOSOLO_DB")
      ->capture_default_str();
}

void UseCalledDb(const CLI::App& app, Config& config) {
  for (const auto* sub : app.get_subcommands()) {
    if (auto it = DbValues().find(sub); it != DbValues().end()) config.db = it->second;
    UseCalledDb(*sub, config);
  }
}

const CLI::Validator& Positive() {
  static const CLI::Validator positive(
      [](std::string& value) -> std::string {
        std::size_t used = 0;
        double v = 0;
        try {
          v = std::stod(value, &used);
        } catch (const std::exception&) {
        }
        if (used == 0 || used != value.size() || !(v > 0) || v > 1e12)
          return "a number above 0 is expected, not '" + value + "'";
        return {};
      },
      "> 0");
  return positive;
}

}  // namespace sohosolo::cli
