// `sohosolo coverage`: the territory model of src/territory run on files, without a database.
// Reads communes and exchanges, computes the exact coverage (and optionally the raster
// cross-check), prints the figures as text or one JSON document, and writes GeoJSON layers.
#include "territory/connectivity/coverage.hpp"

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
#include <stdexcept>

#include "app/app.hpp"
#include "app/commands/command_files.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "territory/connectivity/connectivity.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/geo.hpp"
#include "territory/geo/json.hpp"

namespace sohosolo::app {

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace territory;

constexpr std::size_t kTooFarShown = 20;

json::object CommuneJson(const CommuneCoverage& c) {
  return {{"code", c.code},
          {"nom", c.name},
          {"population", OrNull(c.population)},
          {"area_km2", c.area_km2},
          {"covered_km2", c.covered_km2},
          {"covered_share", c.covered_share},
          {"uncovered_population", c.population ? json::value(c.uncovered_population) : nullptr}};
}

// Coordinates of the covered area are computed, not read: 7 decimals (about 1 cm) are plenty.
double Round7(double v) { return std::round(v * 1e7) / 1e7; }

json::array RingsJson(const Polygon& polygon, bool round) {
  json::array rings;
  for (const auto& ring : polygon.rings) {
    json::array positions;
    positions.reserve(ring.size());
    for (const auto& p : ring) {
      positions.push_back(round ? json::array{Round7(p.lon), Round7(p.lat)}
                                : json::array{p.lon, p.lat});
    }
    rings.push_back(std::move(positions));
  }
  return rings;
}

/// A Polygon for one part, a MultiPolygon otherwise (also when there is none).
json::object GeometryJson(const std::vector<Polygon>& polygons, bool round) {
  if (polygons.size() == 1)
    return {{"type", "Polygon"}, {"coordinates", RingsJson(polygons.front(), round)}};
  json::array parts;
  for (const auto& polygon : polygons) parts.push_back(RingsJson(polygon, round));
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(parts)}};
}

// ---------------------------------------------------------------------------------------------
// Text output

/// Whole numbers without decimals (6,257), others with two (6,300.65).
std::string Area(double km2) { return Grouped(km2, km2 == std::round(km2) ? 0 : 2); }

std::string Mbps(double v) { return fmt::format("{:g} Mbit/s", v); }

// ---------------------------------------------------------------------------------------------

struct Timings {
  double read_ms = 0, territory_ms = 0, exact_ms = 0, raster_ms = 0, geometry_ms = 0;
};

double MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

struct ExchangeCounts {
  std::size_t total = 0, inside = 0, outside = 0;
};

struct Report {
  const CoverageCommandOptions& options;
  const Territory& territory;
  const CoverageResult& exact;
  const std::optional<RasterCoverageResult>& raster;
  const std::vector<CommuneCoverage>& too_far;
  ExchangeCounts exchanges;
  std::size_t communes_without_population = 0;
  Timings timings;
};

json::object ReportJson(const Report& r) {
  const auto& e = r.exact;
  json::object doc;
  doc["threshold_mbps"] = e.threshold_mbps;
  doc["technology"] = ToString(e.technology);
  doc["parameters"] = ParametersJson(e.parameters);
  doc["communes"] = r.territory.communes().size();
  doc["territory_area_km2"] = e.territory_area_km2;
  doc["official_area_km2"] = OrNull(e.official_area_km2);
  doc["reach_km"] = e.reach_km;
  doc["reach_line_km"] = e.reach_line_km;
  doc["exchanges"] = json::object{{"total", r.exchanges.total},
                                  {"inside", r.exchanges.inside},
                                  {"outside", r.exchanges.outside},
                                  {"reaching", e.exchanges_reaching}};
  doc["covered_area_km2"] = e.covered_area_km2;
  doc["area_share"] = e.area_share;
  doc["official_area_share"] = OrNull(e.official_area_share);
  doc["population"] = OrNull(e.population);
  doc["covered_population"] = OrNull(e.covered_population);
  doc["population_share"] = OrNull(e.population_share);
  doc["communes_without_population"] = r.communes_without_population;
  if (r.raster) {
    const auto& g = *r.raster;
    doc["raster"] = json::object{{"cell_m", g.cell_m},
                                 {"territory_area_km2", g.territory_area_km2},
                                 {"covered_area_km2", g.covered_area_km2},
                                 {"area_share", g.area_share},
                                 {"population_share", OrNull(g.population_share)},
                                 {"difference_km2", g.covered_area_km2 - e.covered_area_km2},
                                 {"error_bound_km2", RasterAreaErrorBoundKm2(g.cell_m, e)},
                                 {"communes_without_cells", g.communes_without_cells}};
  } else {
    doc["raster"] = nullptr;
  }
  doc["too_far_share"] = r.options.too_far_share;
  json::array far;
  for (const auto& c : r.too_far) far.push_back(CommuneJson(c));
  doc["communes_too_far"] = std::move(far);
  doc["timings_ms"] = json::object{{"read", r.timings.read_ms},
                                   {"territory", r.timings.territory_ms},
                                   {"exact", r.timings.exact_ms},
                                   {"raster", r.timings.raster_ms},
                                   {"covered_geometry", r.timings.geometry_ms}};
  return doc;
}

void PrintText(const Report& r, std::ostream& out) {
  const auto& e = r.exact;
  const auto& p = e.parameters;
  out << "Coverage at " << Mbps(e.threshold_mbps) << " downstream or more ("
      << TechnologyLabel(e.technology) << ")\n\n";

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

  out << "Exchanges\n";
  if (e.reach_km > 0) {
    out << fmt::format(
        "  reach radius             {:.2f} km straight line ({:.2f} km of line at {:g} dB/km)\n",
        e.reach_km, e.reach_line_km, p.db_per_km);
  } else {
    out << "  reach radius             0: no line reaches " << Mbps(e.threshold_mbps) << " in "
        << TechnologyLabel(e.technology) << " with these parameters\n";
  }
  out << "  in the file              " << r.exchanges.total << "\n";
  out << "  inside the territory     " << r.exchanges.inside << "\n";
  out << "  outside                  " << r.exchanges.outside << "\n";
  out << "  reaching the territory   " << e.exchanges_reaching
      << " (reach disc touching it, inside or outside)\n\n";

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

  if (r.raster) {
    const auto& g = *r.raster;
    const double bound = RasterAreaErrorBoundKm2(g.cell_m, e);
    const double difference = g.covered_area_km2 - e.covered_area_km2;
    out << "Raster cross-check (" << fmt::format("{:g}", g.cell_m)
        << " m cells on EPSG:3035, a cell counts when its centre is covered)\n";
    out << "  covered area             " << Grouped(g.covered_area_km2, 2) << " km² ("
        << Percent(g.area_share) << " of " << Grouped(g.territory_area_km2, 2)
        << " km² of cells)\n";
    out << fmt::format("  difference from exact    {:+.3f} km² (error bound ±{:.3f} km²: {})\n",
                       difference, bound, std::abs(difference) <= bound ? "within" : "OUTSIDE");
    if (g.population_share)
      out << "  population share         " << Percent(*g.population_share) << "\n";
    if (g.communes_without_cells > 0)
      out << "  communes without a cell  " << g.communes_without_cells
          << " (too small for this cell size; counted as uncovered)\n";
    out << "\n";
  }

  out << "Communes covered under " << fmt::format("{:g}", r.options.too_far_share * 100)
      << " %: " << r.too_far.size() << " of " << e.communes.size()
      << (e.population ? ", by uncovered population\n" : ", by uncovered area (no population)\n");
  if (!r.too_far.empty()) {
    out << "  " << Column("code", 7) << Column("commune", 30) << fmt::format("{:>11}", "population")
        << fmt::format("{:>10}", "covered") << fmt::format("{:>12}", "uncovered") << "\n";
    for (std::size_t i = 0; i < r.too_far.size() && i < kTooFarShown; ++i) {
      const auto& c = r.too_far[i];
      out << "  " << Column(c.code, 7) << Column(c.name, 29) << " "
          << fmt::format("{:>11}",
                         c.population ? Grouped(static_cast<double>(*c.population), 0) : "?")
          << fmt::format("{:>10}", Percent(c.covered_share))
          << fmt::format("{:>12}", c.population ? Grouped(c.uncovered_population, 0) : "?") << "\n";
    }
    if (r.too_far.size() > kTooFarShown) {
      out << "  … and " << r.too_far.size() - kTooFarShown
          << " more (--json or --geojson-communes give them all)\n";
    }
  }
  const auto& t = r.timings;
  out << fmt::format("\nComputed in {:.0f} ms: reading {:.0f}, territory {:.0f}, exact {:.0f}",
                     t.read_ms + t.territory_ms + t.exact_ms + t.raster_ms + t.geometry_ms,
                     t.read_ms, t.territory_ms, t.exact_ms);
  if (r.raster) out << fmt::format(", raster {:.0f}", t.raster_ms);
  if (!r.options.geojson_covered_path.empty())
    out << fmt::format(", covered geometry {:.0f}", t.geometry_ms);
  out << "\n";
}

std::string CommunesGeoJson(const Territory& territory, const CoverageResult& exact) {
  json::array features;
  const auto& communes = territory.communes();
  features.reserve(communes.size());
  for (std::size_t i = 0; i < communes.size(); ++i) {
    const auto& c = exact.communes[i];
    features.push_back(json::object{{"type", "Feature"},
                                    {"properties", CommuneJson(c)},
                                    {"geometry", GeometryJson(communes[i].polygons, false)}});
  }
  const json::object doc{
      {"type", "FeatureCollection"},
      {"coverage", json::object{{"threshold_mbps", exact.threshold_mbps},
                                {"technology", ToString(exact.technology)},
                                {"reach_km", exact.reach_km},
                                {"parameters", ParametersJson(exact.parameters)}}},
      {"features", std::move(features)}};
  return ToJsonText(doc, 0);
}

std::string CoveredGeoJson(const CoverageResult& exact, const std::vector<Polygon>& covered) {
  json::object properties{{"threshold_mbps", exact.threshold_mbps},
                          {"technology", ToString(exact.technology)},
                          {"reach_km", exact.reach_km},
                          {"exchanges_reaching", exact.exchanges_reaching},
                          {"covered_area_km2", exact.covered_area_km2},
                          {"area_share", exact.area_share},
                          {"population_share", OrNull(exact.population_share)},
                          {"parameters", ParametersJson(exact.parameters)}};
  json::array features;
  features.push_back(json::object{{"type", "Feature"},
                                  {"properties", std::move(properties)},
                                  {"geometry", GeometryJson(covered, true)}});
  const json::object doc{{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return ToJsonText(doc, 0);
}

}  // namespace

int Coverage(const CoverageCommandOptions& options) {
  Timings timings;
  auto started = std::chrono::steady_clock::now();

  // Parameters first: a bad file is found before the slow part.
  AdslParameters params = DefaultAdslParameters();
  if (!options.parameters_path.empty()) {
    std::string why;
    const auto text = ReadText(options.parameters_path, why);
    if (!text) {
      std::cerr << "sohosolo: cannot read " << options.parameters_path << ": " << why << "\n";
      return kExitUsage;
    }
    auto parsed = ParseAdslParametersJson(*text, options.parameters_path);
    if (!parsed) {
      PrintRejected(options.parameters_path, parsed.error());
      return kExitInvalid;
    }
    params = std::move(*parsed);
  }

  std::string why;
  const auto communes_text = ReadText(options.communes_path, why);
  if (!communes_text) {
    std::cerr << "sohosolo: cannot read " << options.communes_path << ": " << why << "\n";
    return kExitUsage;
  }
  const auto exchanges_text = ReadText(options.exchanges_path, why);
  if (!exchanges_text) {
    std::cerr << "sohosolo: cannot read " << options.exchanges_path << ": " << why << "\n";
    return kExitUsage;
  }
  // Both files are checked before giving up, so one run reports the problems of both.
  auto communes = LooksLikeGeoJson(options.communes_path, *communes_text)
                      ? ParseCommunesGeoJson(*communes_text)
                      : ParseCommunesCsv(*communes_text);
  auto exchanges = LooksLikeGeoJson(options.exchanges_path, *exchanges_text)
                       ? ParseExchangesGeoJson(*exchanges_text)
                       : ParseExchangesCsv(*exchanges_text);
  if (!communes) PrintRejected(options.communes_path, communes.error());
  if (!exchanges) PrintRejected(options.exchanges_path, exchanges.error());
  if (!communes || !exchanges) return kExitInvalid;

  std::size_t without_polygon = 0;
  std::size_t without_population = 0;
  for (const auto& c : *communes) {
    if (c.polygons.empty()) ++without_polygon;
    if (!c.population) ++without_population;
  }
  if (without_polygon > 0) {
    std::cerr << "sohosolo: " << options.communes_path << ": " << without_polygon << " of "
              << communes->size()
              << " communes have a point but no outline (CSV gives points): coverage of an area "
                 "needs the communes' polygons; give them as GeoJSON\n";
    return kExitInvalid;
  }
  timings.read_ms = MsSince(started);

  started = std::chrono::steady_clock::now();
  const Territory territory(std::move(*communes));
  MarkInTerritory(territory, *exchanges);
  ExchangeCounts counts;
  counts.total = exchanges->size();
  for (const auto& x : *exchanges) ++(x.in_territory ? counts.inside : counts.outside);
  timings.territory_ms = MsSince(started);

  CoverageOptions coverage;
  coverage.threshold_mbps = options.threshold_mbps;
  coverage.technology = options.technology == "adsl" ? Technology::kAdsl : Technology::kAdsl2Plus;
  coverage.official_area_km2 = options.official_area_km2;

  started = std::chrono::steady_clock::now();
  const auto exact = ExactCoverage(territory, *exchanges, params, coverage);
  auto too_far = CommunesTooFar(exact, options.too_far_share);
  if (!exact.population) {
    // Without population every uncovered population is 0: rank by uncovered land instead.
    std::stable_sort(too_far.begin(), too_far.end(),
                     [](const CommuneCoverage& a, const CommuneCoverage& b) {
                       return a.area_km2 - a.covered_km2 > b.area_km2 - b.covered_km2;
                     });
  }
  timings.exact_ms = MsSince(started);

  std::optional<RasterCoverageResult> raster;
  if (options.raster_cell_m) {
    started = std::chrono::steady_clock::now();
    raster = RasterCoverage(territory, *exchanges, params, coverage, *options.raster_cell_m);
    timings.raster_ms = MsSince(started);
  }

  if (!options.geojson_communes_path.empty()) {
    if (const int code =
            WriteFile(options.geojson_communes_path, CommunesGeoJson(territory, exact));
        code != kExitOk)
      return code;
  }
  if (!options.geojson_covered_path.empty()) {
    started = std::chrono::steady_clock::now();
    const auto covered = CoveredArea(territory, *exchanges, params, coverage);
    timings.geometry_ms = MsSince(started);
    if (const int code = WriteFile(options.geojson_covered_path, CoveredGeoJson(exact, covered));
        code != kExitOk)
      return code;
  }

  const Report report{options, territory,          exact,  raster, too_far,
                      counts,  without_population, timings};
  if (options.json) {
    std::cout << ToJsonText(ReportJson(report), 2);
  } else {
    PrintText(report, std::cout);
  }
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailure;
}

}  // namespace sohosolo::app
