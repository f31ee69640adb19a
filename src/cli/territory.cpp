// The territory tools that work on files, without a database: coverage and plan-wifi.
#include <memory>

#include "app/app.hpp"
#include "cli/cli.hpp"

namespace sohosolo::cli {

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
  coverage->add_flag("--progress", o->progress,
                     "Show what is being done on stderr (default: when stderr is a terminal)");
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
  plan->add_flag("--progress", o->progress,
                 "Show what is being done on stderr (default: when stderr is a terminal)");
  commands.push_back({plan, [o] { return sohosolo::app::PlanWifi(*o); }});
}

}  // namespace sohosolo::cli
