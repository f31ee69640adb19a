// Commands on a programme's data: the database as a whole, accounts, programmes, the demo,
// imports and invoices.
#include <iostream>
#include <memory>

#include "app/app.hpp"
#include "cli/cli.hpp"

namespace sohosolo::cli {

/// migrate, routes, backup and restore: commands on the database as a whole.
void AddDatabaseCommands(CLI::App& app, Config& config, Commands& commands) {
  auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations");
  AddDbOption(*migrate, config);
  commands.push_back({migrate, [&config] { return sohosolo::app::MigrateCommand(config); }});

  auto* routes = app.add_subcommand(
      "routes", "List every route with who may call it (one JSON object a line)");
  AddDbOption(*routes, config);
  commands.push_back({routes, [&config] { return sohosolo::app::RoutesCommand(config); }});

  auto file = std::make_shared<std::string>();
  auto* backup = app.add_subcommand(
      "backup", "Copy the whole database to a file, even while servers write to it");
  AddDbOption(*backup, config);
  backup->add_option("file", *file, "The backup to write (must not exist)")->required();
  commands.push_back(
      {backup, [&config, file] { return sohosolo::app::BackupCommand(config, *file); }});
  auto* restore =
      app.add_subcommand("restore", "Put a backup back into the database (stop its servers first)");
  AddDbOption(*restore, config);
  restore->add_option("file", *file, "A file written by `sohosolo backup`")->required();
  commands.push_back(
      {restore, [&config, file] { return sohosolo::app::RestoreCommand(config, *file); }});
}

void AddUser(CLI::App& app, Config& config, Commands& commands) {
  auto* user = app.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* add =
      user->add_subcommand("add", "Create an account; the password is read from standard input");
  AddDbOption(*add, config);
  struct Options {
    std::string email, role = "member", programme, name;
  };
  auto o = std::make_shared<Options>();
  add->add_option("email", o->email, "E-mail address")->required();
  add->add_option("--role", o->role, "member, site_host, committee, advisor or admin")->required();
  add->add_option("--programme", o->programme,
                  "Programme slug (default: the database's first programme, as serve takes it)");
  add->add_option("--name", o->name, "Display name");
  commands.push_back({add, [&config, o] {
                        return sohosolo::app::UserAdd(config, o->email, o->role, o->programme,
                                                      o->name, std::cin);
                      }});
}

void AddProgramme(CLI::App& app, Config& config, Commands& commands) {
  auto* prog = app.add_subcommand("programme", "Manage programmes");
  prog->require_subcommand(1);
  struct Options {
    std::string slug, name, url;
    std::vector<std::string> hosts;
  };
  auto o = std::make_shared<Options>();
  auto* add = prog->add_subcommand("add", "Create a programme");
  AddDbOption(*add, config);
  add->add_option("slug", o->slug, "Short name: lower-case letters, digits, dashes")->required();
  add->add_option("--name", o->name, "Full name")->required();
  add->add_option("--host", o->hosts, "Host name that serves this programme (repeatable)");
  add->add_option("--public-url", o->url,
                  "Base of the programme's links, e.g. https://soho-solo.example.org");
  commands.push_back({add, [&config, o] {
                        return sohosolo::app::ProgrammeAdd(config, o->slug, o->name, o->hosts,
                                                           o->url);
                      }});
  auto* set = prog->add_subcommand("set", "Change a programme's settings (those given)");
  AddDbOption(*set, config);
  auto settings = std::make_shared<sohosolo::app::ProgrammeSettings>();
  set->add_option("slug", o->slug, "The programme")->required();
  set->add_option("--public-url", settings->public_url, "Base of the programme's links");
  set->add_option(
      "--abandoned-years", settings->abandoned_years,
      "Years after which a newcomer's file abandoned is anonymised (1-50; 3 unless set)");
  commands.push_back({set, [&config, o, settings] {
                        return sohosolo::app::ProgrammeSet(config, o->slug, *settings);
                      }});
  auto* mail = prog->add_subcommand(
      "mail", "Show or change a programme's own mail settings (over the instance's)");
  AddDbOption(*mail, config);
  auto m = std::make_shared<sohosolo::app::ProgrammeMailOptions>();
  mail->add_option("slug", o->slug, "The programme")->required();
  mail->add_option("--smtp-url", m->smtp_url,
                   "Its SMTP server: smtp[s]://[USER@]HOST:PORT[?starttls=required|never], "
                   "without a password (\"\": the instance's)");
  mail->add_option("--smtp-password-file", m->password_file,
                   "File on this server whose first line is that server's password");
  mail->add_option("--mail-from", m->mail_from,
                   "Its sender, e.g. \"Soho Solo Gers <gers@example.org>\" (\"\": the instance's)");
  mail->add_option("--mail-per-second", m->per_second, "Its rate at most (0: the instance's)");
  mail->add_flag("--clear", m->clear, "Remove its settings: the instance's apply again");
  commands.push_back(
      {mail, [&config, o, m] { return sohosolo::app::ProgrammeMail(config, o->slug, *m); }});
}

void AddMaintenance(CLI::App& app, Config& config, Commands& commands) {
  auto* cmd = app.add_subcommand(
      "maintenance", "Anonymise newcomers' files abandoned long ago (cron, now and then)");
  AddDbOption(*cmd, config);
  struct Options {
    std::string programme;
    std::optional<int> years;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--programme", o->programme, "Programme slug (default: every programme)");
  cmd->add_option("--abandoned-years", o->years,
                  "Anonymise files abandoned more than this many years ago (default: each "
                  "programme's setting, `programme set --abandoned-years`, else 3)")
      ->check(CLI::Range(1, 50));
  commands.push_back(
      {cmd, [&config, o] { return sohosolo::app::Maintenance(config, o->programme, o->years); }});
}

void AddDemo(CLI::App& app, Config& config, Commands& commands) {
  auto* demo = app.add_subcommand("demo", "Create the demo programme and one account per role");
  AddDbOption(*demo, config);
  struct Options {
    std::string credentials, url = "http://127.0.0.1:8080";
  };
  auto o = std::make_shared<Options>();
  demo->add_option("--credentials-file", o->credentials,
                   "Also write the demo passwords to this file");
  demo->add_option("--public-url", o->url, "Base of the demo programme's links")
      ->capture_default_str();
  commands.push_back(
      {demo, [&config, o] { return sohosolo::app::Demo(config, o->credentials, o->url); }});
}

void AddImport(CLI::App& app, Config& config, Commands& commands) {
  auto* import =
      app.add_subcommand("import", "Import territory data into a programme (all or nothing)");
  import->require_subcommand(1);
  auto o = std::make_shared<sohosolo::app::ImportCommandOptions>();
  for (const char* kind : {"communes", "exchanges", "parameters", "journeys"}) {
    const std::string name = kind;
    auto* sub = import->add_subcommand(
        kind,
        name == "communes"    ? "Communes: GeoJSON polygons (code, nom, population) or CSV points"
        : name == "exchanges" ? "Telephone exchanges: GeoJSON points or CSV (code, name, lon, lat)"
        : name == "journeys"
            ? "Newcomers' files: CSV (name, adults, children_ages, stage, stage_day, "
              "settled_village... see docs/journeys.md)"
            : "The programme's connectivity parameters: JSON in the format of "
              "src/territory/reference/adsl-defaults.json, plus official_area_km2 "
              "and wifi_radius_km");
    AddDbOption(*sub, config);
    sub->add_option("file", o->path, "GeoJSON or CSV file, 50 MB at most")->required();
    sub->add_option("--programme", o->programme, "Programme slug (default: the only one)");
    sub->add_option("--format", o->format, "geojson or csv (default: from the name and content)")
        ->check(CLI::IsMember({"geojson", "csv"}));
    sub->add_flag("--progress", o->progress,
                  "Show what is being done on stderr (default: when stderr is a terminal)");
    sub->callback([o, kind] { o->kind = kind; });
  }
  commands.push_back({import, [&config, o] { return sohosolo::app::Import(config, *o); }});
}

void AddInvoice(CLI::App& app, Config& config, Commands& commands) {
  auto* invoice = app.add_subcommand(
      "invoice", "Issue the monthly invoices of desk rentals (gap-free numbers)");
  AddDbOption(*invoice, config);
  auto o = std::make_shared<sohosolo::app::InvoiceCommandOptions>();
  invoice->add_option("--month", o->month, "Month to invoice, YYYY-MM")->required();
  invoice->add_option("--programme", o->programme, "Programme slug (default: the only one)");
  invoice->add_flag("--progress", o->progress,
                    "Show what is being done on stderr (default: when stderr is a terminal)");
  commands.push_back({invoice, [&config, o] { return sohosolo::app::InvoiceCommand(config, *o); }});
}

}  // namespace sohosolo::cli
