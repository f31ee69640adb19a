#pragma once
// What `sohosolo coverage` reports, shared by the command (coverage.cpp) and its two ways of
// printing it: text (coverage_text.cpp) and JSON with the GeoJSON layers (coverage_json.cpp).

#include <boost/json.hpp>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::app::coverage_report {

/// Milliseconds spent in each part of the command, for the last line of the report.
struct Timings {
  double read_ms = 0, territory_ms = 0, exact_ms = 0, raster_ms = 0, geometry_ms = 0;
};

/// Exchanges of the file, inside and outside the territory.
struct ExchangeCounts {
  std::size_t total = 0, inside = 0, outside = 0;
};

/// Everything the report shows; references to what the command computed.
struct Report {
  const CoverageCommandOptions& options;
  const territory::Territory& territory;
  const territory::CoverageResult& exact;
  const std::optional<territory::RasterCoverageResult>& raster;
  const std::vector<territory::CommuneCoverage>& too_far;
  ExchangeCounts exchanges;
  std::size_t communes_without_population = 0;
  Timings timings;
};

/// The report as text, for people.
void PrintText(const Report& r, std::ostream& out);

/// The report as one JSON document (--json).
boost::json::object ReportJson(const Report& r);

/// Every commune with its coverage, as a GeoJSON FeatureCollection (--geojson-communes).
std::string CommunesGeoJson(const territory::Territory& territory,
                            const territory::CoverageResult& exact);

/// The covered area as a GeoJSON FeatureCollection of one feature (--geojson-covered).
std::string CoveredGeoJson(const territory::CoverageResult& exact,
                           const std::vector<territory::Polygon>& covered);

}  // namespace sohosolo::app::coverage_report
