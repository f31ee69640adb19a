#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// What a coverage computation is asked.
struct CoverageOptions {
  double threshold_mbps = 2;
  Technology technology = Technology::kAdsl2Plus;
  /// An official area to report the covered share against as well (the Gers: 6,257 km²).
  std::optional<double> official_area_km2;
  /// Vertices of each reach disc. The polygon is scaled to the disc's exact area, so the only
  /// error is the shape: with 128 vertices its edge stays within 0.02 % of the radius.
  int disc_vertices = 128;
  /// Also measure the covered region's perimeter and rings, which the raster's error bound
  /// needs (RasterAreaErrorBoundKm2). They take the union of every disc; without them, when the
  /// communes tile the territory, the covered area is the sum of the communes' shares.
  bool covered_outline = false;
};

/// One commune's part of a coverage result.
struct CommuneCoverage {
  std::string code;
  std::string name;
  std::optional<std::int64_t> population;
  double area_km2 = 0;
  double covered_km2 = 0;
  double covered_share = 0;  ///< covered_km2 / area_km2
  /// Population outside the reach, with population spread uniformly over the commune.
  double uncovered_population = 0;
};

/// Share of a territory reached at a rate, computed exactly on EPSG:3035 (equal-area).
struct CoverageResult {
  double threshold_mbps = 0;
  Technology technology = Technology::kAdsl2Plus;
  double reach_km = 0;                 ///< Straight-line radius of each exchange's reach disc.
  double reach_line_km = 0;            ///< The same as a line length (× detour factor).
  std::size_t exchanges_reaching = 0;  ///< Exchanges whose disc touches the territory.
  double territory_area_km2 = 0;       ///< Area of the union of the communes.
  double covered_area_km2 = 0;
  double area_share = 0;  ///< covered / territory area
  std::optional<double> official_area_km2;
  std::optional<double> official_area_share;  ///< covered / official area
  /// Population totals; absent if any commune has no population.
  std::optional<std::int64_t> population;
  std::optional<double> covered_population;
  std::optional<double> population_share;
  std::vector<CommuneCoverage> communes;  ///< In the territory's commune order.
  /// Perimeter and ring count of the covered region, for the raster's error bound; measured
  /// only when `covered_outline_measured` (CoverageOptions::covered_outline, or communes that
  /// overlap).
  double covered_boundary_km = 0;
  int covered_rings = 0;
  bool covered_outline_measured = false;
  /// Largest gap between a disc polygon and its true circle.
  double disc_deviation_m = 0;
  ParametersUsed parameters;
};

/// The same question answered by counting raster cells, to cross-check CoverageResult.
struct RasterCoverageResult {
  double cell_m = 0;
  std::int64_t territory_cells = 0;
  std::int64_t covered_cells = 0;
  double territory_area_km2 = 0;  ///< territory_cells × cell area
  double covered_area_km2 = 0;    ///< covered_cells × cell area
  double area_share = 0;
  /// Σ population × covered cells / cells of each commune, over the total population.
  std::optional<double> population_share;
  /// Communes too small to hold a cell centre at this resolution (counted as uncovered).
  int communes_without_cells = 0;
};

/// Communes on EPSG:3035, ready for coverage questions. Owns a GEOS context and PROJ objects:
/// give each thread its own.
class Territory {
 public:
  /// Projects and unions the communes. Throws std::invalid_argument if a commune has no polygon
  /// (communes read from CSV are points and cannot make an area).
  explicit Territory(std::vector<Commune> communes);
  ~Territory();
  Territory(Territory&&) noexcept;
  Territory& operator=(Territory&&) noexcept;

  const std::vector<Commune>& communes() const;
  /// Area of the union of the communes (km², EPSG:3035).
  double AreaKm2() const;
  /// Perimeter of that union (km).
  double OutlineKm() const;
  /// Whether `p` is inside the union of the communes.
  bool Contains(LonLat p) const;

  struct Impl;

 private:
  friend CoverageResult ExactCoverage(const Territory&, const std::vector<Exchange>&,
                                      const AdslParameters&, const CoverageOptions&);
  friend RasterCoverageResult RasterCoverage(const Territory&, const std::vector<Exchange>&,
                                             const AdslParameters&, const CoverageOptions&, double);
  friend std::vector<Polygon> CoveredArea(const Territory&, const std::vector<Exchange>&,
                                          const AdslParameters&, const CoverageOptions&);
  std::unique_ptr<Impl> impl_;
};

/// Sets each exchange's `in_territory` from the territory's outline.
void MarkInTerritory(const Territory& territory, std::vector<Exchange>& exchanges);

/// Exact coverage: the union of every exchange's reach disc (radius ReachKm, drawn on Lambert-93
/// where distances are true, then carried to EPSG:3035), clipped to the union of the communes;
/// per commune, the covered part of its polygon. Exchanges outside the territory count. Expects
/// validated parameters (ValidateAdslParameters).
CoverageResult ExactCoverage(const Territory& territory, const std::vector<Exchange>& exchanges,
                             const AdslParameters& params, const CoverageOptions& options);

/// Raster cross-check: a grid of `cell_m` cells aligned on EPSG:3035 multiples of `cell_m` (as the
/// INSPIRE grids are); a cell counts for a commune when its centre is inside the commune, and as
/// covered when its centre is within the reach distance (measured on Lambert-93) of an exchange.
/// Independent of GEOS: scanlines for the polygons, exact chords for the discs; its cost grows
/// with the number of rows, not of cells. Throws std::invalid_argument if `cell_m` ≤ 0.
RasterCoverageResult RasterCoverage(const Territory& territory,
                                    const std::vector<Exchange>& exchanges,
                                    const AdslParameters& params, const CoverageOptions& options,
                                    double cell_m);

/// Worst-case difference between the raster and the exact covered area (km²). A cell can be
/// misjudged only if the boundary of the covered region crosses it, and such cells all lie within
/// one cell diagonal d = √2·s of that boundary, a band of area at most 2·d·L + π·d² per ring
/// (L = boundary length). The disc polygons add at most L × their deviation from the circle.
/// In practice errors of opposite sign cancel and the difference is far smaller. Throws
/// std::invalid_argument if `exact` was computed without CoverageOptions::covered_outline.
double RasterAreaErrorBoundKm2(double cell_m, const CoverageResult& exact);

/// The covered region of ExactCoverage with the same arguments (the union of the reach discs
/// clipped to the union of the communes) in WGS84, for maps and GeoJSON: one Polygon per part,
/// each ring closed, exterior rings counter-clockwise and holes clockwise as RFC 7946 asks.
/// Empty when nothing is covered. It recomputes the union of the discs rather than keeping it in
/// CoverageResult, so call it only when the geometry is wanted.
std::vector<Polygon> CoveredArea(const Territory& territory, const std::vector<Exchange>& exchanges,
                                 const AdslParameters& params, const CoverageOptions& options);

/// Communes whose covered share is below `max_share`, sorted by uncovered population (largest
/// first; then by code), so the most people left without the rate come first.
std::vector<CommuneCoverage> CommunesTooFar(const CoverageResult& result, double max_share);

}  // namespace sohosolo::territory
