// Composition root: parse the command line and configuration, then hand over to app/.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "app/app.hpp"

namespace {

using sohosolo::app::Config;

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

}  // namespace

int main(int argc, char** argv) {
  Config config;
  CLI::App app{"sohosolo — runs a rural teleworker programme (host villages, telecentres, club)"};
  app.set_config("--config", "", "Configuration file (TOML or INI)");
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->envname("SOHOSOLO_LOG_LEVEL");

  auto* serve = app.add_subcommand("serve", "Serve the web site and the JSON API");
  AddDbOption(*serve, config);
  serve->add_option("--listen", config.listen, "HOST:PORT to listen on")
      ->envname("SOHOSOLO_LISTEN")
      ->capture_default_str();
  serve->add_option("--threads", config.threads, "Server threads (0: one per core)")
      ->envname("SOHOSOLO_THREADS");
  serve->add_flag("--migrate", config.migrate, "Apply pending migrations at start")
      ->envname("SOHOSOLO_MIGRATE");
  serve->add_option("--programme", config.default_programme, "Default programme slug")
      ->envname("SOHOSOLO_PROGRAMME");
  serve
      ->add_option("--public-url", config.public_url,
                   "Base URL of links (mails, calendar feeds) for programmes without their own")
      ->envname("SOHOSOLO_PUBLIC_URL");
  serve->add_option("--static-dir", config.static_dir, "Folder of static files")
      ->envname("SOHOSOLO_STATIC_DIR");
  serve->add_option("--body-limit", config.body_limit, "Largest request body in bytes")
      ->envname("SOHOSOLO_BODY_LIMIT");
  serve->add_option("--read-timeout", config.read_timeout_seconds, "Seconds to read one request")
      ->envname("SOHOSOLO_READ_TIMEOUT");
  serve
      ->add_option("--session-idle", config.auth.session_idle_seconds,
                   "Seconds of inactivity that end a session")
      ->envname("SOHOSOLO_SESSION_IDLE");
  serve
      ->add_option("--session-max", config.auth.session_absolute_seconds,
                   "Seconds after which any session ends")
      ->envname("SOHOSOLO_SESSION_MAX");
  serve
      ->add_option("--quota-week-hours", config.quota.hours_per_week,
                   "Booking hours per member and week")
      ->envname("SOHOSOLO_QUOTA_WEEK_HOURS");
  serve
      ->add_option("--quota-month-hours", config.quota.hours_per_month,
                   "Booking hours per member and month")
      ->envname("SOHOSOLO_QUOTA_MONTH_HOURS");
  serve
      ->add_flag("--secure-cookies", config.auth.secure_cookies,
                 "Mark cookies Secure (behind HTTPS)")
      ->envname("SOHOSOLO_SECURE_COOKIES");
  serve
      ->add_option("--metrics-token", config.metrics_token,
                   "Bearer token that /metrics asks for (unset: no /metrics)")
      ->envname("SOHOSOLO_METRICS_TOKEN");
  serve
      ->add_option("--heavy-workers", config.heavy_workers,
                   "Threads for heavy computations (coverage, plans)")
      ->envname("SOHOSOLO_HEAVY_WORKERS")
      ->check(CLI::Range(1, 64));
  serve
      ->add_option("--heavy-queue", config.heavy_queue,
                   "Heavy computations waiting at most (then 503)")
      ->envname("SOHOSOLO_HEAVY_QUEUE")
      ->check(CLI::Range(1, 10000));
  serve
      ->add_option("--heavy-per-minute", config.heavy_per_minute,
                   "Heavy computations an anonymous client address may start per minute")
      ->envname("SOHOSOLO_HEAVY_PER_MINUTE")
      ->check(CLI::Range(0.1, 100000.0));
  serve
      ->add_option("--trusted-proxy", config.trusted_proxies,
                   "Address or network of a reverse proxy whose X-Forwarded-For names the client "
                   "(repeatable)")
      ->envname("SOHOSOLO_TRUSTED_PROXY");

  auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations");
  AddDbOption(*migrate, config);

  auto* routes = app.add_subcommand(
      "routes", "List every route with who may call it (one JSON object a line)");
  AddDbOption(*routes, config);

  std::string backup_file;
  auto* backup = app.add_subcommand(
      "backup", "Copy the whole database to a file, even while servers write to it");
  AddDbOption(*backup, config);
  backup->add_option("file", backup_file, "The backup to write (must not exist)")->required();
  auto* restore =
      app.add_subcommand("restore", "Put a backup back into the database (stop its servers first)");
  AddDbOption(*restore, config);
  restore->add_option("file", backup_file, "A file written by `sohosolo backup`")->required();

  auto* user = app.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* user_add =
      user->add_subcommand("add", "Create an account; the password is read from standard input");
  AddDbOption(*user_add, config);
  std::string email, role = "member", programme = "gers", name;
  user_add->add_option("email", email, "E-mail address")->required();
  user_add->add_option("--role", role, "member, site_host, advisor or admin")->required();
  user_add->add_option("--programme", programme, "Programme slug")->capture_default_str();
  user_add->add_option("--name", name, "Display name");

  auto* prog = app.add_subcommand("programme", "Manage programmes");
  prog->require_subcommand(1);
  auto* prog_add = prog->add_subcommand("add", "Create a programme");
  AddDbOption(*prog_add, config);
  std::string slug, prog_name;
  std::vector<std::string> hosts;
  prog_add->add_option("slug", slug, "Short name: lower-case letters, digits, dashes")->required();
  prog_add->add_option("--name", prog_name, "Full name")->required();
  prog_add->add_option("--host", hosts, "Host name that serves this programme (repeatable)");
  std::string prog_url;
  prog_add->add_option("--public-url", prog_url,
                       "Base of the programme's links, e.g. https://soho-solo.example.org");
  auto* prog_set = prog->add_subcommand("set", "Change a programme's settings");
  AddDbOption(*prog_set, config);
  prog_set->add_option("slug", slug, "The programme")->required();
  prog_set->add_option("--public-url", prog_url, "Base of the programme's links")->required();

  auto* demo = app.add_subcommand("demo", "Create the demo programme and one account per role");
  AddDbOption(*demo, config);
  std::string credentials;
  demo->add_option("--credentials-file", credentials, "Also write the demo passwords to this file");
  std::string demo_url = "http://127.0.0.1:8080";
  demo->add_option("--public-url", demo_url, "Base of the demo programme's links")
      ->capture_default_str();

  auto* coverage = app.add_subcommand(
      "coverage",
      "Share of the territory's area and population reached at a rate (ADSL model), from files");
  sohosolo::app::CoverageCommandOptions coverage_options;
  const CLI::Validator coverage_positive(
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
  coverage
      ->add_option("--communes", coverage_options.communes_path,
                   "Communes: GeoJSON FeatureCollection of polygons with code, nom, population")
      ->required();
  coverage
      ->add_option("--exchanges", coverage_options.exchanges_path,
                   "Telephone exchanges: GeoJSON points or CSV")
      ->required();
  coverage
      ->add_option("--threshold", coverage_options.threshold_mbps,
                   "Downstream rate to reach, Mbit/s")
      ->required()
      ->check(coverage_positive);
  coverage->add_option("--technology", coverage_options.technology, "adsl2plus or adsl")
      ->check(CLI::IsMember({"adsl2plus", "adsl"}))
      ->capture_default_str();
  coverage
      ->add_option("--official-area", coverage_options.official_area_km2,
                   "Official area in km², to report the share against as well")
      ->check(coverage_positive);
  coverage
      ->add_option("--raster-cell", coverage_options.raster_cell_m,
                   "Also cross-check with a raster of cells of this size, metres")
      ->check(CLI::Range(1.0, 100000.0));
  coverage
      ->add_option("--too-far-share", coverage_options.too_far_share,
                   "List communes whose covered share is below this (0 to 1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  coverage->add_option(
      "--parameters", coverage_options.parameters_path,
      "ADSL parameters file (format of src/territory/reference/adsl-defaults.json)");
  coverage->add_option("--geojson-communes", coverage_options.geojson_communes_path,
                       "Write per-commune results as GeoJSON to this file");
  coverage->add_option("--geojson-covered", coverage_options.geojson_covered_path,
                       "Write the covered area as GeoJSON to this file");
  coverage->add_flag("--json", coverage_options.json, "Print one JSON document instead of text");

  auto* plan_wifi = app.add_subcommand(
      "plan-wifi",
      "WiFi relays that reach the most people left without a rate (ADSL model), from files");
  sohosolo::app::PlanWifiCommandOptions wifi_options;
  plan_wifi
      ->add_option("--communes", wifi_options.communes_path,
                   "Communes: GeoJSON polygons with code, nom, population")
      ->required();
  plan_wifi
      ->add_option("--exchanges", wifi_options.exchanges_path,
                   "Telephone exchanges: GeoJSON points or CSV")
      ->required();
  plan_wifi
      ->add_option("--threshold", wifi_options.threshold_mbps,
                   "Rate under which people are left without, Mbit/s")
      ->check(coverage_positive)
      ->capture_default_str();
  plan_wifi->add_option("--technology", wifi_options.technology, "adsl2plus or adsl")
      ->check(CLI::IsMember({"adsl2plus", "adsl"}))
      ->capture_default_str();
  plan_wifi
      ->add_option("--radius-km", wifi_options.radius_km, "Reach of one relay, km (straight line)")
      ->check(CLI::Range(0.001, 50.0))
      ->capture_default_str();
  auto* wifi_relays =
      plan_wifi->add_option("--relays", wifi_options.relays, "Number of relays to place")
          ->check(CLI::Range(1, 1000));
  plan_wifi
      ->add_option(
          "--target-share", wifi_options.target_share,
          "Or place the fewest relays reaching this share (0 to 1) of the people left without")
      ->check(CLI::Range(0.000001, 1.0))
      ->excludes(wifi_relays);
  plan_wifi->add_option(
      "--candidates", wifi_options.candidates_path,
      "More candidate sites (water towers...): CSV with name, lon, lat and optionally id");
  plan_wifi->add_flag("--no-commune-sites", wifi_options.no_commune_sites,
                      "Only the --candidates sites, not every commune's representative point");
  plan_wifi->add_option(
      "--parameters", wifi_options.parameters_path,
      "ADSL parameters file (format of src/territory/reference/adsl-defaults.json)");
  plan_wifi->add_option("--geojson", wifi_options.geojson_path,
                        "Write the sites and their discs as GeoJSON to this file");
  plan_wifi->add_flag("--json", wifi_options.json, "Print one JSON document instead of text");

  auto* import =
      app.add_subcommand("import", "Import territory data into a programme (all or nothing)");
  import->require_subcommand(1);
  sohosolo::app::ImportCommandOptions import_options;
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
    sub->add_option("file", import_options.path, "GeoJSON or CSV file, 50 MB at most")->required();
    sub->add_option("--programme", import_options.programme,
                    "Programme slug (default: the only one)");
    sub->add_option("--format", import_options.format,
                    "geojson or csv (default: from the name and content)")
        ->check(CLI::IsMember({"geojson", "csv"}));
    sub->callback([&import_options, kind] { import_options.kind = kind; });
  }

  auto* invoice = app.add_subcommand(
      "invoice", "Issue the monthly invoices of desk rentals (gap-free numbers)");
  AddDbOption(*invoice, config);
  sohosolo::app::InvoiceCommandOptions invoice_options;
  invoice->add_option("--month", invoice_options.month, "Month to invoice, YYYY-MM")->required();
  invoice->add_option("--programme", invoice_options.programme,
                      "Programme slug (default: the only one)");

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
    if (*serve) return sohosolo::app::Serve(config);
    if (*migrate) return sohosolo::app::MigrateCommand(config);
    if (*routes) return sohosolo::app::RoutesCommand(config);
    if (*backup) return sohosolo::app::BackupCommand(config, backup_file);
    if (*restore) return sohosolo::app::RestoreCommand(config, backup_file);
    if (*user_add) return sohosolo::app::UserAdd(config, email, role, programme, name, std::cin);
    if (*prog_add) return sohosolo::app::ProgrammeAdd(config, slug, prog_name, hosts, prog_url);
    if (*prog_set) return sohosolo::app::ProgrammeSet(config, slug, prog_url);
    if (*demo) return sohosolo::app::Demo(config, credentials, demo_url);
    if (*coverage) return sohosolo::app::Coverage(coverage_options);
    if (*plan_wifi) return sohosolo::app::PlanWifi(wifi_options);
    if (*import) return sohosolo::app::Import(config, import_options);
    if (*invoice) return sohosolo::app::InvoiceCommand(config, invoice_options);
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return sohosolo::app::kExitFailure;
  }
  return sohosolo::app::kExitUsage;
}
