// Composition root: parse the command line and configuration, then hand over to app/.
//
// Each subcommand is declared by one Add* function of cli/, which registers its options and says
// what runs when it is the one called. The order of the calls below is the order of --help.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/app.hpp"
#include "cli/cli.hpp"

int main(int argc, char** argv) {
  namespace cli = sohosolo::cli;
  cli::Config config;
  CLI::App app{"sohosolo — runs a rural teleworker programme (host villages, telecentres, club)"};
  app.set_config("--config", "", "Configuration file (TOML or INI)");
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->envname("SOHOSOLO_LOG_LEVEL");

  cli::Commands commands;
  cli::AddServe(app, config, commands);
  cli::AddDatabaseCommands(app, config, commands);
  cli::AddUser(app, config, commands);
  cli::AddMail(app, config, commands);
  cli::AddProgramme(app, config, commands);
  cli::AddDemo(app, config, commands);
  cli::AddCoverage(app, commands);
  cli::AddPlanWifi(app, commands);
  cli::AddImport(app, config, commands);
  cli::AddMaintenance(app, config, commands);
  cli::AddInvoice(app, config, commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : sohosolo::app::kExitUsage;
  }
  cli::UseCalledDb(app, config);
  spdlog::set_level(spdlog::level::from_str(log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");

  try {
    for (const auto& command : commands)
      if (*command.cmd) return command.run();
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return sohosolo::app::kExitFailure;
  }
  return sohosolo::app::kExitUsage;
}
