// `sohosolo plan-wifi`: WiFi relay planning (src/territory/wifi/wifi.hpp) run on files, without a
// database. Reads communes, exchanges and optional given sites, plans, prints the plan as a table
// or one JSON document, and writes the sites and their discs as GeoJSON.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "app/app.hpp"
#include "app/commands/command_files.hpp"
#include "app/commands/progress.hpp"
#include "app/commands/territory_files.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/geo.hpp"
#include "territory/geo/json.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::app {

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace territory;

/// Communes listed under each relay in the table; --json gives them all.
constexpr std::size_t kCommunesShown = 4;

// ---------------------------------------------------------------------------------------------
// Text

std::string People(double v) { return Grouped(v, 0); }
std::string SiteLabel(const RelaySite& site) {
  return site.origin == RelaySiteOrigin::kCommune ? site.name + " (" + site.id + ")" : site.name;
}

std::string EndLabel(const WifiPlan& plan) {
  switch (plan.end) {
    case WifiPlanEnd::kRelaysPlaced:
      return "the number asked";
    case WifiPlanEnd::kTargetReached:
      return "target reached";
    case WifiPlanEnd::kNothingLeft:
      return "no candidate reaches anyone more";
    case WifiPlanEnd::kLimit:
      return fmt::format("stopped at {} relays, the most one plan places", kMaxWifiRelays);
  }
  return {};
}

void PrintBefore(const WifiPlan& p, std::ostream& out) {
  const std::string rate = fmt::format("{:g} Mbit/s", p.threshold_mbps);
  out << "Before the relays: " << TechnologyLabel(p.technology) << " at " << rate << " or more, "
      << fmt::format("reach {:.2f} km straight line ({})\n", p.reach_km, p.parameters.origin);
  out << "  communes                 " << p.communes << " (" << p.communes_uncovered
      << " with land out of reach";
  if (p.communes_without_population > 0)
    out << ", " << p.communes_without_population << " without population";
  out << ")\n";
  out << "  population               " << People(p.population) << "\n";
  out << "  reached by ADSL          " << People(p.covered_population) << " ("
      << Percent(p.population_share_before) << ")\n";
  out << "  left without             " << People(p.uncovered_population) << " on "
      << Grouped(p.uncovered_area_km2, 2) << " km² (population spread over each commune's area)\n";
  out << "  candidate sites          " << p.candidates - p.given_candidates
      << " communes' points + " << p.given_candidates << " given, relays of "
      << fmt::format("{:g}", p.radius_km) << " km radius\n\n";
}

void PrintRelays(const WifiPlan& p, std::ostream& out) {
  out << fmt::format("{:>5}  ", "rank") << Column("site", 32) << Column("origin", 8)
      << fmt::format("{:>12}{:>10}{:>12}{:>10}\n", "inhabitants", "km²", "cumulative", "share");
  for (std::size_t i = 0; i < p.relays.size(); ++i) {
    const auto& r = p.relays[i];
    out << fmt::format("{:>5}  ", i + 1) << Column(SiteLabel(r.site), 32)
        << Column(std::string(ToString(r.site.origin)), 8)
        << fmt::format("{:>12}{:>10.2f}{:>12}{:>10}\n", People(r.population_gained),
                       r.area_gained_km2, People(r.cumulative_population),
                       Percent(r.cumulative_share));
    std::string covers;
    for (std::size_t j = 0; j < r.communes.size() && j < kCommunesShown; ++j) {
      if (j > 0) covers += ", ";
      covers += r.communes[j].name + " " + People(r.communes[j].population);
    }
    if (r.communes.size() > kCommunesShown)
      covers += fmt::format(" and {} more", r.communes.size() - kCommunesShown);
    out << "       " << covers << "\n";
  }
  if (p.relays.empty()) out << "       (none: no candidate reaches anyone left without)\n";
  out << "\n";
}

void PrintTotals(const WifiPlan& p, std::ostream& out) {
  out << "Totals\n";
  out << "  relays                   " << p.relays.size() << " (" << EndLabel(p) << ")\n";
  out << "  inhabitants reached      " << People(p.population_gained) << " ("
      << Percent(p.uncovered_share_reached) << " of those left without)";
  if (p.target_share) out << ", target " << Percent(*p.target_share);
  out << "\n";
  out << "  land reached             " << Grouped(p.area_gained_km2, 2) << " km²\n";
  out << "  population share         " << Percent(p.population_share_before) << " -> "
      << Percent(p.population_share_after)
      << " (ADSL, or a relay assumed to give the threshold rate)\n\n";

  out << "How good it is: bounds on the best plan of " << p.bound_relays << " relays from the same "
      << p.candidates << " sites\n";
  out << "  best single relay        " << People(p.best_single_relay_population)
      << " inhabitants (the plan is never worse: it starts with it)\n";
  if (p.greedy_guarantee_bound) {
    out << "  greedy guarantee         at most " << People(*p.greedy_guarantee_bound)
        << " (greedy reaches at least 1 - (1 - 1/k)^k of the best, >= 1 - 1/e)\n";
  }
  out << "  bound for this instance  at most " << People(p.upper_bound_population)
      << " (marginal gains, Lagrangian relaxation: src/territory/wifi/bounds.cpp)\n";
  out << "  this plan reaches        at least " << Percent(p.certified_ratio)
      << " of what the best plan would\n";
  if (p.relays_lower_bound) {
    out << "  fewest relays possible   " << *p.relays_lower_bound
        << " (this plan: " << p.relays.size() << ")\n";
  }
}

/// What the files give: the communes, the exchanges and the given sites (none without
/// --candidates).
struct Inputs {
  std::vector<Commune> communes;
  std::vector<Exchange> exchanges;
  std::vector<RelaySite> sites;
};

/// Reads and parses every file into `inputs`; kExitOk, or the exit code after printing every
/// problem. Every file is read and parsed before giving up, so one run reports the problems of
/// all.
int ReadInputs(const PlanWifiCommandOptions& options, Inputs& inputs) {
  const auto communes_text = ReadOrSay(options.communes_path);
  const auto exchanges_text = ReadOrSay(options.exchanges_path);
  std::optional<std::string> sites_text;
  if (!options.candidates_path.empty()) sites_text = ReadOrSay(options.candidates_path);
  if (!communes_text || !exchanges_text || (!options.candidates_path.empty() && !sites_text))
    return kExitUsage;

  auto communes = ParseCommunesFile(options.communes_path, *communes_text);
  auto exchanges = ParseExchangesFile(options.exchanges_path, *exchanges_text);
  core::Result<std::vector<RelaySite>> sites = std::vector<RelaySite>{};
  if (sites_text) sites = ParseRelaySitesCsv(*sites_text);
  if (!communes) PrintRejected(options.communes_path, communes.error());
  if (!exchanges) PrintRejected(options.exchanges_path, exchanges.error());
  if (!sites) PrintRejected(options.candidates_path, sites.error());
  if (!communes || !exchanges || !sites) return kExitInvalid;
  if (!HaveOutlines(options.communes_path, *communes, "planning")) return kExitInvalid;
  inputs = {std::move(*communes), std::move(*exchanges), std::move(*sites)};
  return kExitOk;
}

/// The planner's options as the command line asks them, with the given sites.
WifiPlanOptions PlanOptions(const PlanWifiCommandOptions& options, std::vector<RelaySite> sites) {
  WifiPlanOptions plan_options;
  plan_options.threshold_mbps = options.threshold_mbps;
  plan_options.technology =
      options.technology == "adsl" ? Technology::kAdsl : Technology::kAdsl2Plus;
  plan_options.radius_km = options.radius_km;
  plan_options.relays = options.relays;
  plan_options.target_share = options.target_share;
  plan_options.sites = std::move(sites);
  plan_options.commune_sites =
      options.no_commune_sites ? CommuneSites::kExclude : CommuneSites::kInclude;
  return plan_options;
}

/// Prints the plan as one JSON document or as text, each with its timings.
int PrintPlan(const WifiPlan& plan, bool as_json, double read_ms, double plan_ms) {
  if (as_json) {
    auto doc = WifiPlanJson(plan);
    doc["timings_ms"] = {{"read", read_ms}, {"plan", plan_ms}};
    std::cout << ToJsonText(doc, 2);
  } else {
    PrintBefore(plan, std::cout);
    PrintRelays(plan, std::cout);
    PrintTotals(plan, std::cout);
    std::cout << fmt::format(
        "\nComputed in {:.0f} ms: reading {:.0f}, planning {:.0f}; {} gain computations "
        "({} candidates x {} steps without the lazy queue)\n",
        read_ms + plan_ms, read_ms, plan_ms, plan.gain_evaluations, plan.candidates,
        plan.relays.size() + 1);
  }
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailure;
}

}  // namespace

int PlanWifi(const PlanWifiCommandOptions& options) {
  Progress progress("plan-wifi", options.progress);
  auto started = std::chrono::steady_clock::now();
  const auto ms_since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  };
  if (options.relays.has_value() == options.target_share.has_value()) {
    std::cerr << "sohosolo: plan-wifi: give either --relays K or --target-share S\n";
    return kExitUsage;
  }
  int code = kExitOk;
  const auto params = LoadAdslParameters(options.parameters_path, code);
  if (!params) return code;
  Inputs inputs;
  progress.Phase("reading the communes, the exchanges and the candidate sites");
  if (const int read = ReadInputs(options, inputs); read != kExitOk) return read;
  const double read_ms = ms_since(started);

  started = std::chrono::steady_clock::now();
  progress.Phase(
      fmt::format("planning relays of {:g} km among {} communes (coverage of each "
                  "site, then the greedy choice)",
                  options.radius_km, inputs.communes.size()));
  const auto plan = territory::PlanWifi(inputs.communes, inputs.exchanges, *params,
                                        PlanOptions(options, std::move(inputs.sites)));
  if (!plan) {
    PrintRejected(options.candidates_path.empty() ? "plan-wifi" : options.candidates_path,
                  plan.error());
    return kExitInvalid;
  }
  const double plan_ms = ms_since(started);
  progress.Done();

  if (!options.geojson_path.empty()) {
    if (const int written = WriteFile(options.geojson_path, ToJsonText(WifiPlanGeoJson(*plan), 0));
        written != kExitOk)
      return written;
  }
  return PrintPlan(*plan, options.json, read_ms, plan_ms);
}

}  // namespace sohosolo::app
