// `sohosolo coverage`: the territory model of src/territory run on files, without a database.
// Reads communes and exchanges, computes the exact coverage (and optionally the raster
// cross-check), prints the figures as text or one JSON document, and writes GeoJSON layers.
#include "territory/connectivity/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include "app/app.hpp"
#include "app/commands/command_files.hpp"
#include "app/commands/coverage_report.hpp"
#include "app/commands/progress.hpp"
#include "app/commands/territory_files.hpp"
#include "territory/geo/json.hpp"

namespace sohosolo::app {

namespace {

using namespace territory;
using coverage_report::ExchangeCounts;
using coverage_report::Report;
using coverage_report::Timings;

double MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

/// Reads and parses both files into `communes` and `exchanges`; kExitOk, or the exit code after
/// printing every problem. Both files are parsed before giving up, so one run reports the
/// problems of both.
int ReadCommunesAndExchanges(const CoverageCommandOptions& options, std::vector<Commune>& communes,
                             std::vector<Exchange>& exchanges) {
  const auto communes_text = ReadOrSay(options.communes_path);
  if (!communes_text) return kExitUsage;
  const auto exchanges_text = ReadOrSay(options.exchanges_path);
  if (!exchanges_text) return kExitUsage;
  auto parsed_communes = ParseCommunesFile(options.communes_path, *communes_text);
  auto parsed_exchanges = ParseExchangesFile(options.exchanges_path, *exchanges_text);
  if (!parsed_communes) PrintRejected(options.communes_path, parsed_communes.error());
  if (!parsed_exchanges) PrintRejected(options.exchanges_path, parsed_exchanges.error());
  if (!parsed_communes || !parsed_exchanges) return kExitInvalid;
  if (!HaveOutlines(options.communes_path, *parsed_communes, "coverage of an area"))
    return kExitInvalid;
  communes = std::move(*parsed_communes);
  exchanges = std::move(*parsed_exchanges);
  return kExitOk;
}

/// Marks each exchange inside or outside the territory and counts them.
ExchangeCounts PlaceExchanges(const Territory& territory, std::vector<Exchange>& exchanges) {
  MarkInTerritory(territory, exchanges);
  ExchangeCounts counts;
  counts.total = exchanges.size();
  for (const auto& x : exchanges) ++(x.in_territory ? counts.inside : counts.outside);
  return counts;
}

/// The communes covered under `share`, those leaving the most people uncovered first.
std::vector<CommuneCoverage> TooFar(const CoverageResult& exact, double share) {
  auto too_far = CommunesTooFar(exact, share);
  if (!exact.population) {
    // Without population every uncovered population is 0: rank by uncovered land instead.
    std::stable_sort(too_far.begin(), too_far.end(),
                     [](const CommuneCoverage& a, const CommuneCoverage& b) {
                       return a.area_km2 - a.covered_km2 > b.area_km2 - b.covered_km2;
                     });
  }
  return too_far;
}

/// Writes the GeoJSON layers asked for; kExitOk or the exit code of the write that failed. The
/// covered area is computed only when its layer is asked for, and timed.
int WriteLayers(const CoverageCommandOptions& options, const Territory& territory,
                const std::vector<Exchange>& exchanges, const AdslParameters& params,
                const CoverageOptions& coverage, const CoverageResult& exact, Timings& timings) {
  if (!options.geojson_communes_path.empty()) {
    if (const int code = WriteFile(options.geojson_communes_path,
                                   coverage_report::CommunesGeoJson(territory, exact));
        code != kExitOk)
      return code;
  }
  if (!options.geojson_covered_path.empty()) {
    const auto started = std::chrono::steady_clock::now();
    const auto covered = CoveredArea(territory, exchanges, params, coverage);
    timings.geometry_ms = MsSince(started);
    if (const int code = WriteFile(options.geojson_covered_path,
                                   coverage_report::CoveredGeoJson(exact, covered));
        code != kExitOk)
      return code;
  }
  return kExitOk;
}

int PrintReport(const Report& report, bool as_json) {
  if (as_json) {
    std::cout << ToJsonText(coverage_report::ReportJson(report), 2);
  } else {
    coverage_report::PrintText(report, std::cout);
  }
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailure;
}

}  // namespace

int Coverage(const CoverageCommandOptions& options) {
  Progress progress("coverage", options.progress);
  Timings timings;
  auto started = std::chrono::steady_clock::now();
  // Parameters first: a bad file is found before the slow part.
  int code = kExitOk;
  const auto params = LoadAdslParameters(options.parameters_path, code);
  if (!params) return code;
  std::vector<Commune> communes;
  std::vector<Exchange> exchanges;
  progress.Phase("reading the communes and the exchanges");
  if (const int read = ReadCommunesAndExchanges(options, communes, exchanges); read != kExitOk)
    return read;
  const auto without_population = static_cast<std::size_t>(std::count_if(
      communes.begin(), communes.end(), [](const Commune& c) { return !c.population; }));
  timings.read_ms = MsSince(started);

  started = std::chrono::steady_clock::now();
  progress.Phase(fmt::format("building the territory of {} communes, placing {} exchanges",
                             communes.size(), exchanges.size()));
  const Territory territory(std::move(communes));
  const auto counts = PlaceExchanges(territory, exchanges);
  timings.territory_ms = MsSince(started);

  CoverageOptions coverage;
  coverage.threshold_mbps = options.threshold_mbps;
  coverage.technology = options.technology == "adsl" ? Technology::kAdsl : Technology::kAdsl2Plus;
  coverage.official_area_km2 = options.official_area_km2;
  // The raster's error bound needs the covered region's perimeter.
  coverage.covered_outline = options.raster_cell_m.has_value();

  started = std::chrono::steady_clock::now();
  progress.Phase(
      fmt::format("exact coverage at {:g} Mbit/s (union of the reach discs, then each "
                  "commune's share)",
                  options.threshold_mbps));
  const auto exact = ExactCoverage(territory, exchanges, *params, coverage);
  const auto too_far = TooFar(exact, options.too_far_share);
  timings.exact_ms = MsSince(started);

  std::optional<RasterCoverageResult> raster;
  if (options.raster_cell_m) {
    started = std::chrono::steady_clock::now();
    progress.Phase(fmt::format("raster cross-check, {:g} m cells", *options.raster_cell_m));
    raster = RasterCoverage(territory, exchanges, *params, coverage, *options.raster_cell_m);
    timings.raster_ms = MsSince(started);
  }
  if (const int written =
          WriteLayers(options, territory, exchanges, *params, coverage, exact, timings);
      written != kExitOk)
    return written;
  progress.Done();
  return PrintReport(
      {options, territory, exact, raster, too_far, counts, without_population, timings},
      options.json);
}

}  // namespace sohosolo::app
