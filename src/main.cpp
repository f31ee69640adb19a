// Composition root: parse the command line and configuration, then hand over to app/.
//
// Each subcommand is declared by one Add* function below, which registers its options and says
// what runs when it is the one called. The order of the calls in main is the order of --help.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include "app/app.hpp"

namespace {

using sohosolo::app::Config;

/// A subcommand and what it runs once the command line is parsed.
struct Command {
  const CLI::App* cmd;
  std::function<int()> run;
};
using Commands = std::vector<Command>;

/// Options shared by every subcommand. CLI11 gives flags precedence over the --config file, and the
/// file over SOHOSOLO_* environment variables.
///
/// Each subcommand gets its own storage: CLI11 also applies SOHOSOLO_DB to the subcommands that
/// were not called, and with one shared variable the last of them would overwrite `serve --db`.
/// UseCalledDb copies the called subcommand's value into the configuration after parsing.
std::map<const CLI::App*, std::string>& DbValues() {
  static std::map<const CLI::App*, std::string> values;
  return values;
}

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

/// A number above 0 (and not absurdly large) for rates and areas.
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

/// Where serve listens, what it serves and for whom.
void AddServeOptions(CLI::App& serve, Config& config) {
  serve.add_option("--listen", config.listen, "HOST:PORT to listen on")
      ->envname("SOHOSOLO_LISTEN")
      ->capture_default_str();
  serve.add_option("--threads", config.threads, "Server threads (0: one per core)")
      ->envname("SOHOSOLO_THREADS");
  serve.add_flag("--migrate", config.migrate, "Apply pending migrations at start")
      ->envname("SOHOSOLO_MIGRATE");
  serve.add_option("--programme", config.default_programme, "Default programme slug")
      ->envname("SOHOSOLO_PROGRAMME");
  serve
      .add_option("--public-url", config.public_url,
                  "Base URL of links (mails, calendar feeds) for programmes without their own")
      ->envname("SOHOSOLO_PUBLIC_URL");
  serve.add_option("--static-dir", config.static_dir, "Folder of static files")
      ->envname("SOHOSOLO_STATIC_DIR");
  serve.add_option("--body-limit", config.body_limit, "Largest request body in bytes")
      ->envname("SOHOSOLO_BODY_LIMIT");
  serve.add_option("--read-timeout", config.read_timeout_seconds, "Seconds to read one request")
      ->envname("SOHOSOLO_READ_TIMEOUT");
  serve
      .add_option("--session-idle", config.auth.session_idle_seconds,
                  "Seconds of inactivity that end a session")
      ->envname("SOHOSOLO_SESSION_IDLE");
  serve
      .add_option("--session-max", config.auth.session_absolute_seconds,
                  "Seconds after which any session ends")
      ->envname("SOHOSOLO_SESSION_MAX");
  serve
      .add_option("--quota-week-hours", config.quota.hours_per_week,
                  "Booking hours per member and week")
      ->envname("SOHOSOLO_QUOTA_WEEK_HOURS");
  serve
      .add_option("--quota-month-hours", config.quota.hours_per_month,
                  "Booking hours per member and month")
      ->envname("SOHOSOLO_QUOTA_MONTH_HOURS");
  serve
      .add_flag("--secure-cookies", config.auth.secure_cookies,
                "Mark cookies Secure (behind HTTPS)")
      ->envname("SOHOSOLO_SECURE_COOKIES");
}

/// What serve protects itself with: metrics access, the heavy pool and trusted proxies.
void AddServeProtections(CLI::App& serve, Config& config) {
  serve
      .add_option("--metrics-token", config.metrics_token,
                  "Bearer token that /metrics asks for (unset: no /metrics)")
      ->envname("SOHOSOLO_METRICS_TOKEN");
  serve
      .add_option("--heavy-workers", config.heavy_workers,
                  "Threads for heavy computations (coverage, plans)")
      ->envname("SOHOSOLO_HEAVY_WORKERS")
      ->check(CLI::Range(1, 64));
  serve
      .add_option("--heavy-queue", config.heavy_queue,
                  "Heavy computations waiting at most (then 503)")
      ->envname("SOHOSOLO_HEAVY_QUEUE")
      ->check(CLI::Range(1, 10000));
  serve
      .add_option("--heavy-per-minute", config.heavy_per_minute,
                  "Heavy computations an anonymous client address may start per minute")
      ->envname("SOHOSOLO_HEAVY_PER_MINUTE")
      ->check(CLI::Range(0.1, 100000.0));
  serve
      .add_option("--trusted-proxy", config.trusted_proxies,
                  "Address or network of a reverse proxy whose X-Forwarded-For names the client "
                  "(repeatable)")
      ->envname("SOHOSOLO_TRUSTED_PROXY");
}

/// How mail leaves: the SMTP server and the sender's address (serve and `mail send-pending`).
void AddMailOptions(CLI::App& cmd, Config& config) {
  cmd.add_option("--smtp-url", config.smtp_url,
                 "SMTP server: smtp://HOST:PORT, smtps://HOST:PORT (implicit TLS), with optional "
                 "USER:PASSWORD@ and ?starttls=required|never (unset: mail waits in the outbox)")
      ->envname("SOHOSOLO_SMTP_URL");
  cmd.add_option("--mail-from", config.mail_from,
                 "Sender of every mail, e.g. \"Soho Solo <soho-solo@example.org>\"")
      ->envname("SOHOSOLO_MAIL_FROM");
  cmd.add_option("--smtp-password-file", config.smtp_password_file,
                 "File whose first line is the SMTP password")
      ->envname("SOHOSOLO_SMTP_PASSWORD_FILE");
  cmd.add_option("--mail-per-second", config.mail_per_second,
                 "Messages sent per second at most (0: no limit)")
      ->envname("SOHOSOLO_MAIL_PER_SECOND")
      ->check(CLI::Range(0.0, 100000.0));
}

void AddServe(CLI::App& app, Config& config, Commands& commands) {
  auto* serve = app.add_subcommand("serve", "Serve the web site and the JSON API");
  AddDbOption(*serve, config);
  AddServeOptions(*serve, config);
  AddServeProtections(*serve, config);
  AddMailOptions(*serve, config);
  serve
      ->add_option("--mail-interval", config.mail_interval_seconds,
                   "Seconds between two looks at the outbox")
      ->envname("SOHOSOLO_MAIL_INTERVAL")
      ->check(CLI::Range(1, 3600));
  commands.push_back({serve, [&config] { return sohosolo::app::Serve(config); }});
}

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

void AddMail(CLI::App& app, Config& config, Commands& commands) {
  auto* mail = app.add_subcommand("mail", "Send the mail waiting in the outbox");
  mail->require_subcommand(1);
  auto* send = mail->add_subcommand(
      "send-pending", "Send every message due now (others senders may run at the same time)");
  AddDbOption(*send, config);
  AddMailOptions(*send, config);
  commands.push_back({send, [&config] { return sohosolo::app::MailSendPending(config); }});
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
  add->add_option("--role", o->role, "member, site_host, advisor or admin")->required();
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
  auto* set = prog->add_subcommand("set", "Change a programme's settings");
  AddDbOption(*set, config);
  set->add_option("slug", o->slug, "The programme")->required();
  set->add_option("--public-url", o->url, "Base of the programme's links")->required();
  commands.push_back(
      {set, [&config, o] { return sohosolo::app::ProgrammeSet(config, o->slug, o->url); }});
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

void AddCoverage(CLI::App& app, Commands& commands) {
  auto* coverage = app.add_subcommand(
      "coverage",
      "Share of the territory's area and population reached at a rate (ADSL model), from files");
  auto o = std::make_shared<sohosolo::app::CoverageCommandOptions>();
  coverage
      ->add_option("--communes", o->communes_path,
                   "Communes: GeoJSON FeatureCollection of polygons with code, nom, population")
      ->required();
  coverage
      ->add_option("--exchanges", o->exchanges_path, "Telephone exchanges: GeoJSON points or CSV")
      ->required();
  coverage->add_option("--threshold", o->threshold_mbps, "Downstream rate to reach, Mbit/s")
      ->required()
      ->check(Positive());
  coverage->add_option("--technology", o->technology, "adsl2plus or adsl")
      ->check(CLI::IsMember({"adsl2plus", "adsl"}))
      ->capture_default_str();
  coverage
      ->add_option("--official-area", o->official_area_km2,
                   "Official area in km², to report the share against as well")
      ->check(Positive());
  coverage
      ->add_option("--raster-cell", o->raster_cell_m,
                   "Also cross-check with a raster of cells of this size, metres")
      ->check(CLI::Range(1.0, 100000.0));
  coverage
      ->add_option("--too-far-share", o->too_far_share,
                   "List communes whose covered share is below this (0 to 1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  coverage->add_option(
      "--parameters", o->parameters_path,
      "ADSL parameters file (format of src/territory/reference/adsl-defaults.json)");
  coverage->add_option("--geojson-communes", o->geojson_communes_path,
                       "Write per-commune results as GeoJSON to this file");
  coverage->add_option("--geojson-covered", o->geojson_covered_path,
                       "Write the covered area as GeoJSON to this file");
  coverage->add_flag("--json", o->json, "Print one JSON document instead of text");
  commands.push_back({coverage, [o] { return sohosolo::app::Coverage(*o); }});
}

void AddPlanWifi(CLI::App& app, Commands& commands) {
  auto* plan = app.add_subcommand(
      "plan-wifi",
      "WiFi relays that reach the most people left without a rate (ADSL model), from files");
  auto o = std::make_shared<sohosolo::app::PlanWifiCommandOptions>();
  plan->add_option("--communes", o->communes_path,
                   "Communes: GeoJSON polygons with code, nom, population")
      ->required();
  plan->add_option("--exchanges", o->exchanges_path, "Telephone exchanges: GeoJSON points or CSV")
      ->required();
  plan->add_option("--threshold", o->threshold_mbps,
                   "Rate under which people are left without, Mbit/s")
      ->check(Positive())
      ->capture_default_str();
  plan->add_option("--technology", o->technology, "adsl2plus or adsl")
      ->check(CLI::IsMember({"adsl2plus", "adsl"}))
      ->capture_default_str();
  plan->add_option("--radius-km", o->radius_km, "Reach of one relay, km (straight line)")
      ->check(CLI::Range(0.001, 50.0))
      ->capture_default_str();
  auto* relays = plan->add_option("--relays", o->relays, "Number of relays to place")
                     ->check(CLI::Range(1, 1000));
  plan->add_option(
          "--target-share", o->target_share,
          "Or place the fewest relays reaching this share (0 to 1) of the people left without")
      ->check(CLI::Range(0.000001, 1.0))
      ->excludes(relays);
  plan->add_option(
      "--candidates", o->candidates_path,
      "More candidate sites (water towers...): CSV with name, lon, lat and optionally id");
  plan->add_flag("--no-commune-sites", o->no_commune_sites,
                 "Only the --candidates sites, not every commune's representative point");
  plan->add_option("--parameters", o->parameters_path,
                   "ADSL parameters file (format of src/territory/reference/adsl-defaults.json)");
  plan->add_option("--geojson", o->geojson_path,
                   "Write the sites and their discs as GeoJSON to this file");
  plan->add_flag("--json", o->json, "Print one JSON document instead of text");
  commands.push_back({plan, [o] { return sohosolo::app::PlanWifi(*o); }});
}

void AddImport(CLI::App& app, Config& config, Commands& commands) {
  auto* import =
      app.add_subcommand("import", "Import territory data into a programme (all or nothing)");
  import->require_subcommand(1);
  auto o = std::make_shared<sohosolo::app::ImportCommandOptions>();
  for (const char* kind : {"communes", "exchanges", "parameters"}) {
    const std::string name = kind;
    auto* sub = import->add_subcommand(
        kind, name == "communes"
                  ? "Communes: GeoJSON polygons (code, nom, population) or CSV points"
              : name == "exchanges"
                  ? "Telephone exchanges: GeoJSON points or CSV (code, name, lon, lat)"
                  : "The programme's connectivity parameters: JSON in the format of "
                    "src/territory/reference/adsl-defaults.json, plus official_area_km2 "
                    "and wifi_radius_km");
    AddDbOption(*sub, config);
    sub->add_option("file", o->path, "GeoJSON or CSV file, 50 MB at most")->required();
    sub->add_option("--programme", o->programme, "Programme slug (default: the only one)");
    sub->add_option("--format", o->format, "geojson or csv (default: from the name and content)")
        ->check(CLI::IsMember({"geojson", "csv"}));
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
  commands.push_back({invoice, [&config, o] { return sohosolo::app::InvoiceCommand(config, *o); }});
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  CLI::App app{"sohosolo — runs a rural teleworker programme (host villages, telecentres, club)"};
  app.set_config("--config", "", "Configuration file (TOML or INI)");
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->envname("SOHOSOLO_LOG_LEVEL");

  Commands commands;
  AddServe(app, config, commands);
  AddDatabaseCommands(app, config, commands);
  AddUser(app, config, commands);
  AddMail(app, config, commands);
  AddProgramme(app, config, commands);
  AddDemo(app, config, commands);
  AddCoverage(app, commands);
  AddPlanWifi(app, commands);
  AddImport(app, config, commands);
  AddInvoice(app, config, commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : sohosolo::app::kExitUsage;
  }
  UseCalledDb(app, config);
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
