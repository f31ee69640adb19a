// RasterCoverage of coverage.hpp: counts cell centres with scanlines, without GEOS, so that it
// checks the exact computation rather than repeating it.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "territory/connectivity/connectivity.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/connectivity/territory_impl.hpp"

namespace sohosolo::territory {

namespace {

// An exchange's reach on EPSG:3035. Distances are measured on Lambert-93, and over a few km the
// map from EPSG:3035 to Lambert-93 is linear to well under a metre, so the reach is the ellipse
// |J·d| ≤ r with J that map's Jacobian at the exchange: A·dx² + 2·B·dx·dy + C·dy² ≤ r².
struct Reach {
  Xy centre;
  double a = 0, b = 0, c = 0, r2 = 0;
  double half_width = 0, half_height = 0;  // of the ellipse's bounding box

  // The x offsets [lo, hi] of the ellipse on the line dy; false if it misses the line.
  bool Chord(double dy, double& lo, double& hi) const {
    const double disc = b * b * dy * dy - a * (c * dy * dy - r2);
    if (disc < 0) return false;
    const double root = std::sqrt(disc);
    lo = centre.x + (-b * dy - root) / a;
    hi = centre.x + (-b * dy + root) / a;
    return true;
  }
};

Reach ReachOf(const Territory::Impl& t, const Exchange& exchange, double radius_m) {
  Reach reach;
  reach.centre = t.to_laea.Forward({exchange.lon, exchange.lat});
  const double h = 10;  // metres; central differences of a map this smooth are exact to ~1e-9
  const Xy px = t.laea_to_lambert93.Forward({reach.centre.x + h, reach.centre.y});
  const Xy mx = t.laea_to_lambert93.Forward({reach.centre.x - h, reach.centre.y});
  const Xy py = t.laea_to_lambert93.Forward({reach.centre.x, reach.centre.y + h});
  const Xy my = t.laea_to_lambert93.Forward({reach.centre.x, reach.centre.y - h});
  const double j11 = (px.x - mx.x) / (2 * h), j21 = (px.y - mx.y) / (2 * h);
  const double j12 = (py.x - my.x) / (2 * h), j22 = (py.y - my.y) / (2 * h);
  reach.a = j11 * j11 + j21 * j21;
  reach.b = j11 * j12 + j21 * j22;
  reach.c = j12 * j12 + j22 * j22;
  reach.r2 = radius_m * radius_m;
  const double det = reach.a * reach.c - reach.b * reach.b;
  reach.half_width = radius_m * std::sqrt(reach.c / det);
  reach.half_height = radius_m * std::sqrt(reach.a / det);
  return reach;
}

// Number of cell centres (k + ½)·s in [lo, hi).
std::int64_t Centres(double lo, double hi, double s) {
  if (hi <= lo) return 0;
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(hi / s - 0.5)) -
                                       static_cast<std::int64_t>(std::ceil(lo / s - 0.5)));
}

// Where the horizontal line y crosses the rings, sorted: inside runs are [x0, x1), [x2, x3), …
// An edge counts when one end is at or below y and the other above, and its ends are taken in
// y order, so that two communes sharing an edge compute the same crossing and a centre on it
// belongs to exactly one of them.
void Crossings(const std::vector<std::vector<Xy>>& rings, double y, std::vector<double>& xs) {
  xs.clear();
  for (const auto& ring : rings) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      Xy p = ring[i], q = ring[i + 1];
      if ((p.y <= y) == (q.y <= y)) continue;
      if (p.y > q.y) std::swap(p, q);
      xs.push_back(p.x + (y - p.y) * (q.x - p.x) / (q.y - p.y));
    }
  }
  std::sort(xs.begin(), xs.end());
}

struct CommuneCells {
  std::int64_t cells = 0;
  std::int64_t covered = 0;
};

CommuneCells CountCommune(const std::vector<std::vector<Xy>>& rings, const Box& box,
                          const std::vector<const Reach*>& reaches, double s) {
  CommuneCells out;
  std::vector<double> xs;
  std::vector<std::pair<double, double>> chords;
  const auto first_row = static_cast<std::int64_t>(std::ceil(box.min_y / s - 0.5));
  const auto last_row = static_cast<std::int64_t>(std::floor(box.max_y / s - 0.5));
  for (auto row = first_row; row <= last_row; ++row) {
    const double y = (static_cast<double>(row) + 0.5) * s;
    Crossings(rings, y, xs);
    chords.clear();
    for (const auto* reach : reaches) {
      double lo = 0, hi = 0;
      if (std::abs(y - reach->centre.y) <= reach->half_height &&
          reach->Chord(y - reach->centre.y, lo, hi)) {
        chords.emplace_back(lo, hi);
      }
    }
    std::sort(chords.begin(), chords.end());
    for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
      out.cells += Centres(xs[k], xs[k + 1], s);
      // Chords are sorted by start; overlapping ones are merged so no centre counts twice.
      double lo = 0, hi = -1e300;
      for (const auto& [a, b] : chords) {
        if (a > hi) {
          out.covered += Centres(std::max(lo, xs[k]), std::min(hi, xs[k + 1]), s);
          lo = a;
          hi = b;
        } else {
          hi = std::max(hi, b);
        }
      }
      out.covered += Centres(std::max(lo, xs[k]), std::min(hi, xs[k + 1]), s);
    }
  }
  return out;
}

}  // namespace

RasterCoverageResult RasterCoverage(const Territory& territory,
                                    const std::vector<Exchange>& exchanges,
                                    const AdslParameters& params, const CoverageOptions& options,
                                    double cell_m) {
  if (!(cell_m > 0)) throw std::invalid_argument("RasterCoverage: the cell size must be positive");
  const auto& t = *territory.impl_;
  RasterCoverageResult result;
  result.cell_m = cell_m;
  const double radius_m = ReachKm(options.threshold_mbps, options.technology, params) * 1000;
  std::vector<Reach> reaches;
  if (radius_m > 0) {
    for (const auto& exchange : exchanges) reaches.push_back(ReachOf(t, exchange, radius_m));
  }
  double population = 0, covered_population = 0;
  bool complete = true;
  std::vector<const Reach*> near;
  for (std::size_t i = 0; i < t.communes.size(); ++i) {
    const auto& box = t.boxes[i];
    near.clear();
    for (const auto& reach : reaches) {
      if (reach.centre.x + reach.half_width < box.min_x ||
          reach.centre.x - reach.half_width > box.max_x ||
          reach.centre.y + reach.half_height < box.min_y ||
          reach.centre.y - reach.half_height > box.max_y) {
        continue;
      }
      near.push_back(&reach);
    }
    const auto cells = CountCommune(t.rings[i], box, near, cell_m);
    result.territory_cells += cells.cells;
    result.covered_cells += cells.covered;
    if (cells.cells == 0) ++result.communes_without_cells;
    const auto& commune_population = t.communes[i].population;
    if (!commune_population) {
      complete = false;
      continue;
    }
    population += static_cast<double>(*commune_population);
    if (cells.cells > 0) {
      covered_population += static_cast<double>(*commune_population) * cells.covered / cells.cells;
    }
  }
  const double cell_km2 = cell_m * cell_m / 1e6;
  result.territory_area_km2 = result.territory_cells * cell_km2;
  result.covered_area_km2 = result.covered_cells * cell_km2;
  result.area_share =
      result.territory_cells > 0 ? double(result.covered_cells) / result.territory_cells : 0;
  if (complete) result.population_share = population > 0 ? covered_population / population : 0;
  return result;
}

}  // namespace sohosolo::territory
