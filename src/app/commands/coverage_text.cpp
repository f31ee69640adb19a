// `sohosolo coverage` as text: the parameters, the territory, the exchanges, the coverage, the
// raster cross-check and the communes left furthest behind, in that order.
#include <fmt/format.h>

#include <cmath>
#include <ostream>
#include <string>

#include "app/commands/command_files.hpp"
#include "app/commands/coverage_report.hpp"
#include "territory/connectivity/coverage.hpp"

namespace sohosolo::app::coverage_report {

namespace {

using namespace territory;

/// Communes listed under "Communes covered under"; --json and --geojson-communes give them all.
constexpr std::size_t kTooFarShown = 20;

/// Whole numbers without decimals (6,257), others with two (6,300.65).
std::string Area(double km2) { return Grouped(km2, km2 == std::round(km2) ? 0 : 2); }

std::string Mbps(double v) { return fmt::format("{:g} Mbit/s", v); }

void PrintParameters(const ParametersUsed& p, std::ostream& out) {
  out << "Parameters (" << p.origin << ")\n";
  out << fmt::format(
      "  detour factor            {:.4f} (line length = straight distance × factor)\n",
      p.detour_factor);
  out << fmt::format("  cable gauge              {:g} mm, {:g} dB/km at 300 kHz\n", p.gauge_mm,
                     p.db_per_km);
  out << fmt::format("  no ADSL above            {:g} dB\n", p.no_adsl_above_db);
  out << fmt::format("  READSL above             {:g} dB, at {:g} Mbit/s\n", p.readsl_above_db,
                     p.readsl_mbps);
  out << "  past the table's end     " << ToString(p.beyond_table) << "\n";
  out << "  rate table               " << p.rates_source << "\n\n";
}

void PrintTerritory(const Report& r, std::ostream& out) {
  const auto& e = r.exact;
  out << "Territory\n";
  out << "  communes                 "
      << Grouped(static_cast<double>(r.territory.communes().size()), 0) << "\n";
  out << "  area (computed)          " << Grouped(e.territory_area_km2, 2)
      << " km² (union of the commune polygons, EPSG:3035 equal-area)\n";
  if (e.official_area_km2)
    out << "  area (official)          " << Area(*e.official_area_km2) << " km² (given)\n";
  if (e.population) {
    out << "  population               " << Grouped(static_cast<double>(*e.population), 0) << "\n";
  } else {
    out << "  population               unknown for " << r.communes_without_population
        << " communes\n";
  }
  out << "\n";
}

void PrintExchanges(const Report& r, std::ostream& out) {
  const auto& e = r.exact;
  out << "Exchanges\n";
  if (e.reach_km > 0) {
    out << fmt::format(
        "  reach radius             {:.2f} km straight line ({:.2f} km of line at {:g} dB/km)\n",
        e.reach_km, e.reach_line_km, e.parameters.db_per_km);
  } else {
    out << "  reach radius             0: no line reaches " << Mbps(e.threshold_mbps) << " in "
        << TechnologyLabel(e.technology) << " with these parameters\n";
  }
  out << "  in the file              " << r.exchanges.total << "\n";
  out << "  inside the territory     " << r.exchanges.inside << "\n";
  out << "  outside                  " << r.exchanges.outside << "\n";
  out << "  reaching the territory   " << e.exchanges_reaching
      << " (reach disc touching it, inside or outside)\n\n";
}

void PrintCoverage(const Report& r, std::ostream& out) {
  const auto& e = r.exact;
  out << "Coverage at " << Mbps(e.threshold_mbps) << "\n";
  out << "  covered area             " << Grouped(e.covered_area_km2, 2) << " km²\n";
  out << "  area share               " << Percent(e.area_share) << " of the computed area ("
      << Grouped(e.territory_area_km2, 2) << " km²)\n";
  if (e.official_area_share) {
    out << "                           " << Percent(*e.official_area_share)
        << " of the official area (" << Area(*e.official_area_km2) << " km²)\n";
  }
  if (e.population_share) {
    out << "  population share         " << Percent(*e.population_share) << " ("
        << Grouped(*e.covered_population, 0) << " of "
        << Grouped(static_cast<double>(*e.population), 0)
        << " inhabitants, population spread uniformly over each commune's area)\n";
  } else {
    out << "  population share         not available: " << r.communes_without_population
        << " communes have no population\n";
  }
  out << "\n";
}

void PrintRaster(const RasterCoverageResult& g, const CoverageResult& e, std::ostream& out) {
  const double bound = RasterAreaErrorBoundKm2(g.cell_m, e);
  const double difference = g.covered_area_km2 - e.covered_area_km2;
  out << "Raster cross-check (" << fmt::format("{:g}", g.cell_m)
      << " m cells on EPSG:3035, a cell counts when its centre is covered)\n";
  out << "  covered area             " << Grouped(g.covered_area_km2, 2) << " km² ("
      << Percent(g.area_share) << " of " << Grouped(g.territory_area_km2, 2) << " km² of cells)\n";
  out << fmt::format("  difference from exact    {:+.3f} km² (error bound ±{:.3f} km²: {})\n",
                     difference, bound, std::abs(difference) <= bound ? "within" : "OUTSIDE");
  if (g.population_share)
    out << "  population share         " << Percent(*g.population_share) << "\n";
  if (g.communes_without_cells > 0)
    out << "  communes without a cell  " << g.communes_without_cells
        << " (too small for this cell size; counted as uncovered)\n";
  out << "\n";
}

void PrintTooFarRow(const CommuneCoverage& c, std::ostream& out) {
  out << "  " << Column(c.code, 7) << Column(c.name, 29) << " "
      << fmt::format("{:>11}", c.population ? Grouped(static_cast<double>(*c.population), 0) : "?")
      << fmt::format("{:>10}", Percent(c.covered_share))
      << fmt::format("{:>12}", c.population ? Grouped(c.uncovered_population, 0) : "?") << "\n";
}

void PrintTooFar(const Report& r, std::ostream& out) {
  const auto& e = r.exact;
  out << "Communes covered under " << fmt::format("{:g}", r.options.too_far_share * 100)
      << " %: " << r.too_far.size() << " of " << e.communes.size()
      << (e.population ? ", by uncovered population\n" : ", by uncovered area (no population)\n");
  if (r.too_far.empty()) return;
  out << "  " << Column("code", 7) << Column("commune", 30) << fmt::format("{:>11}", "population")
      << fmt::format("{:>10}", "covered") << fmt::format("{:>12}", "uncovered") << "\n";
  for (std::size_t i = 0; i < r.too_far.size() && i < kTooFarShown; ++i)
    PrintTooFarRow(r.too_far[i], out);
  if (r.too_far.size() > kTooFarShown) {
    out << "  … and " << r.too_far.size() - kTooFarShown
        << " more (--json or --geojson-communes give them all)\n";
  }
}

void PrintTimings(const Report& r, std::ostream& out) {
  const auto& t = r.timings;
  out << fmt::format("\nComputed in {:.0f} ms: reading {:.0f}, territory {:.0f}, exact {:.0f}",
                     t.read_ms + t.territory_ms + t.exact_ms + t.raster_ms + t.geometry_ms,
                     t.read_ms, t.territory_ms, t.exact_ms);
  if (r.raster) out << fmt::format(", raster {:.0f}", t.raster_ms);
  if (!r.options.geojson_covered_path.empty())
    out << fmt::format(", covered geometry {:.0f}", t.geometry_ms);
  out << "\n";
}

}  // namespace

void PrintText(const Report& r, std::ostream& out) {
  const auto& e = r.exact;
  out << "Coverage at " << Mbps(e.threshold_mbps) << " downstream or more ("
      << TechnologyLabel(e.technology) << ")\n\n";
  PrintParameters(e.parameters, out);
  PrintTerritory(r, out);
  PrintExchanges(r, out);
  PrintCoverage(r, out);
  if (r.raster) PrintRaster(*r.raster, e, out);
  PrintTooFar(r, out);
  PrintTimings(r, out);
}

}  // namespace sohosolo::app::coverage_report
