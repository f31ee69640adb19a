#pragma once
// The command line, one file per kind of subcommand: serve and mail (serve.cpp), the database,
// accounts, programmes, demo, imports and invoices (data.cpp), the territory tools that need no
// database (territory.cpp). Each subcommand is declared by one Add* function, which registers
// its options and says what runs when it is the one called; main.cpp calls them in the order of
// --help.

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

#include "app/config.hpp"

namespace sohosolo::cli {

using app::Config;

/// A subcommand and what it runs once the command line is parsed.
struct Command {
  const CLI::App* cmd;
  std::function<int()> run;
};
using Commands = std::vector<Command>;

/// --db for a subcommand. Each subcommand gets its own storage: CLI11 also applies SOHOSOLO_DB to
/// the subcommands that were not called, and with one shared variable the last of them would
/// overwrite `serve --db`. UseCalledDb copies the called subcommand's value into `config` after
/// parsing.
void AddDbOption(CLI::App& cmd, Config& config);
void UseCalledDb(const CLI::App& app, Config& config);
/// A number above 0 (and not absurdly large) for rates and areas.
const CLI::Validator& Positive();

void AddServe(CLI::App& app, Config& config, Commands& commands);
void AddMail(CLI::App& app, Config& config, Commands& commands);
void AddDatabaseCommands(CLI::App& app, Config& config, Commands& commands);
void AddUser(CLI::App& app, Config& config, Commands& commands);
void AddProgramme(CLI::App& app, Config& config, Commands& commands);
void AddDemo(CLI::App& app, Config& config, Commands& commands);
void AddMaintenance(CLI::App& app, Config& config, Commands& commands);
void AddImport(CLI::App& app, Config& config, Commands& commands);
void AddInvoice(CLI::App& app, Config& config, Commands& commands);
void AddCoverage(CLI::App& app, Commands& commands);
void AddPlanWifi(CLI::App& app, Commands& commands);

}  // namespace sohosolo::cli
