#include "territory/connectivity/coverage.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <numbers>
#include <numeric>
#include <stdexcept>

#include "territory/connectivity/connectivity.hpp"
#include "territory/connectivity/territory_impl.hpp"

namespace sohosolo::territory {

namespace {

// A disc of radius `radius_m` around `centre` (Lambert-93, where distances are true), carried to
// EPSG:3035. The polygon's radius is scaled so that its area is the circle's, π·r².
std::vector<Xy> Disc(const Territory::Impl& t, Xy centre, double radius_m, int vertices) {
  const double step = 2 * std::numbers::pi / vertices;
  const double scaled = radius_m * std::sqrt(step / std::sin(step));
  std::vector<Xy> ring;
  for (int k = 0; k < vertices; ++k) {
    ring.push_back(
        {centre.x + scaled * std::cos(k * step), centre.y + scaled * std::sin(k * step)});
  }
  t.lambert93_to_laea.Forward(ring);
  ring.push_back(ring.front());
  return ring;
}

// The discs (rings on EPSG:3035) of the exchanges that touch the territory. Projections are not
// thread-safe, so every ring is made here, before any work is shared between threads.
std::vector<std::vector<Xy>> ReachingDiscs(const Territory::Impl& t,
                                           const std::vector<Exchange>& exchanges, double radius_m,
                                           int vertices) {
  std::vector<std::vector<Xy>> rings;
  for (const auto& exchange : exchanges) {
    const Xy centre = t.to_lambert93.Forward({exchange.lon, exchange.lat});
    auto ring = Disc(t, centre, radius_m, vertices);
    const auto disc = geos::MakePolygon(t.ctx, {ring});
    if (GEOSPreparedIntersects_r(t.ctx.get(), t.outline_prepared.get(), disc.get()) != 1) continue;
    rings.push_back(std::move(ring));
  }
  return rings;
}

// The discs as one MultiPolygon of `ctx` (they overlap: not a valid MultiPolygon, but what
// unions and indexes take).
geos::Geom DiscCollection(const geos::Context& ctx, const std::vector<std::vector<Xy>>& rings) {
  std::vector<geos::Geom> discs;
  discs.reserve(rings.size());
  for (const auto& ring : rings) discs.push_back(geos::MakePolygon(ctx, {ring}));
  return geos::MakeCollection(ctx, GEOS_MULTIPOLYGON, std::move(discs));
}

// The union of the discs; null when there is none.
geos::Geom ReachUnion(const geos::Context& ctx, const std::vector<std::vector<Xy>>& rings) {
  if (rings.empty()) return nullptr;
  const auto discs = DiscCollection(ctx, rings);
  return geos::Own(ctx, GEOSUnaryUnion_r(ctx.get(), discs.get()));
}

int RingCount(const geos::Context& ctx, const GEOSGeometry* g) {
  int rings = 0;
  const int parts = GEOSGetNumGeometries_r(ctx.get(), g);
  for (int i = 0; i < parts; ++i) {
    const auto* part = GEOSGetGeometryN_r(ctx.get(), g, i);
    if (GEOSGeomTypeId_r(ctx.get(), part) == GEOS_POLYGON)
      rings += 1 + GEOSGetNumInteriorRings_r(ctx.get(), part);
  }
  return rings;
}

// The covered km² of each commune: whole, none, or the area of its intersection with the union
// of the discs near it (the same as with the union of all discs, at the cost of a few).
// Communes are shared out between threads through `next`: each call takes the next commune not
// yet taken until none is left, so a thread that joins late (after the union of all discs)
// takes its part of what remains. Every call has its own GEOS context, discs and index; each
// commune's shape is read by the one thread that took it, and `covered[i]` written by it alone.
void CoverCommunes(const Territory::Impl& t, const std::vector<std::vector<Xy>>& rings,
                   std::atomic<std::size_t>& next, std::vector<double>& covered) {
  if (rings.empty()) return;
  const geos::Context ctx;
  const auto discs = DiscCollection(ctx, rings);
  const geos::Index index(ctx, discs.get());
  for (std::size_t i = next++; i < t.communes.size(); i = next++) {
    const auto* shape = t.shapes[i].get();
    const auto near = index.UnionNear(shape);
    if (!near) continue;
    const auto part = geos::Own(ctx, GEOSIntersection_r(ctx.get(), shape, near.get()));
    covered[i] = std::min(t.shape_km2[i], geos::Area(ctx, part.get()) / 1e6);
  }
}

// Relative excess of the communes' summed areas over the outline's area below which they count
// as tiling it (gaps between communes do not matter: they are outside the territory). Summing
// the shares overcounts the covered area by at most the communes' overlaps, which are at most
// that excess, so the sum stays within this share of the territory's area of the union's
// figure; floating-point noise on a true tiling is far below it.
constexpr double kTilingTolerance = 1e-9;

// The union of every disc clipped to the outline: the covered area, its perimeter and rings.
void CoveredOutline(const Territory::Impl& t, const std::vector<std::vector<Xy>>& rings,
                    CoverageResult& result) {
  const auto reach = ReachUnion(t.ctx, rings);
  if (!reach) return;
  const auto covered =
      geos::Own(t.ctx, GEOSIntersection_r(t.ctx.get(), reach.get(), t.outline.get()));
  result.covered_area_km2 = geos::Area(t.ctx, covered.get()) / 1e6;
  double length = 0;
  GEOSLength_r(t.ctx.get(), covered.get(), &length);
  result.covered_boundary_km = length / 1000;
  result.covered_rings = RingCount(t.ctx, covered.get());
}

void Totals(CoverageResult& result) {
  std::int64_t population = 0;
  double covered_population = 0;
  bool complete = true;
  for (auto& c : result.communes) {
    c.covered_share = c.area_km2 > 0 ? c.covered_km2 / c.area_km2 : 0;
    if (!c.population) {
      complete = false;
      continue;
    }
    c.uncovered_population = *c.population * (1 - c.covered_share);
    population += *c.population;
    covered_population += *c.population * c.covered_share;
  }
  if (!complete) return;
  result.population = population;
  result.covered_population = covered_population;
  result.population_share = population > 0 ? covered_population / population : 0;
}

}  // namespace

CoverageResult ExactCoverage(const Territory& territory, const std::vector<Exchange>& exchanges,
                             const AdslParameters& params, const CoverageOptions& options) {
  const auto& t = *territory.impl_;
  CoverageResult result;
  result.threshold_mbps = options.threshold_mbps;
  result.technology = options.technology;
  result.parameters = Summarise(params);
  result.reach_km = ReachKm(options.threshold_mbps, options.technology, params);
  result.reach_line_km = result.reach_km * params.detour_factor;
  result.territory_area_km2 = t.area_km2;
  result.official_area_km2 = options.official_area_km2;

  const int vertices = std::max(8, options.disc_vertices);
  const double step = 2 * std::numbers::pi / vertices;
  const double scale = std::sqrt(step / std::sin(step));
  result.disc_deviation_m =
      result.reach_km * 1000 * std::max(scale - 1, 1 - scale * std::cos(step / 2));

  std::vector<std::vector<Xy>> rings;
  if (result.reach_km > 0) rings = ReachingDiscs(t, exchanges, result.reach_km * 1000, vertices);
  result.exchanges_reaching = rings.size();
  // The communes' shares (local unions) begin at once on a second thread. When the communes
  // tile the territory (their areas add up to the outline's), the covered area is the sum of
  // their shares. Otherwise, or when the outline is asked for, this thread first computes the
  // union of every disc clipped to the outline, then shares the communes that are left.
  std::vector<double> covered_km2(t.communes.size(), 0);
  std::atomic<std::size_t> next_commune = 0;
  auto per_commune =
      std::async(std::launch::async, [&] { CoverCommunes(t, rings, next_commune, covered_km2); });
  const bool tiled = std::accumulate(t.shape_km2.begin(), t.shape_km2.end(), 0.0) <=
                     t.area_km2 * (1 + kTilingTolerance);
  if (options.covered_outline || !tiled) {
    CoveredOutline(t, rings, result);
    result.covered_outline_measured = true;
  }
  CoverCommunes(t, rings, next_commune, covered_km2);
  per_commune.get();
  if (!result.covered_outline_measured) {
    result.covered_area_km2 =
        std::min(t.area_km2, std::accumulate(covered_km2.begin(), covered_km2.end(), 0.0));
  }
  for (std::size_t i = 0; i < t.communes.size(); ++i) {
    const auto& commune = t.communes[i];
    result.communes.push_back(
        {commune.code, commune.name, commune.population, t.shape_km2[i], covered_km2[i], 0, 0});
  }
  Totals(result);
  result.area_share = t.area_km2 > 0 ? result.covered_area_km2 / t.area_km2 : 0;
  if (options.official_area_km2 && *options.official_area_km2 > 0) {
    result.official_area_share = result.covered_area_km2 / *options.official_area_km2;
  }
  return result;
}

double RasterAreaErrorBoundKm2(double cell_m, const CoverageResult& exact) {
  if (!exact.covered_outline_measured) {
    throw std::invalid_argument(
        "the raster's error bound needs the exact coverage's outline (covered_outline)");
  }
  const double diagonal_km = std::numbers::sqrt2 * cell_m / 1000;
  return 2 * diagonal_km * exact.covered_boundary_km +
         std::numbers::pi * diagonal_km * diagonal_km * exact.covered_rings +
         exact.covered_boundary_km * exact.disc_deviation_m / 1000;
}

std::vector<CommuneCoverage> CommunesTooFar(const CoverageResult& result, double max_share) {
  std::vector<CommuneCoverage> out;
  for (const auto& c : result.communes) {
    if (c.covered_share < max_share) out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const CommuneCoverage& a, const CommuneCoverage& b) {
    if (a.uncovered_population != b.uncovered_population)
      return a.uncovered_population > b.uncovered_population;
    return a.code < b.code;
  });
  return out;
}

namespace {

// A GEOS ring carried back to WGS84, turned if needed so that its orientation is `ccw`.
Ring RingToWgs84(const Territory::Impl& t, const GEOSGeometry* ring, bool ccw) {
  const auto* seq = GEOSGeom_getCoordSeq_r(t.ctx.get(), ring);
  unsigned int size = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(t.ctx.get(), seq, &size))
    throw std::runtime_error("GEOS: " + t.ctx.LastError());
  std::vector<Xy> xy(size);
  if (size > 0 && !GEOSCoordSeq_copyToBuffer_r(t.ctx.get(), seq, &xy.front().x, 0, 0))
    throw std::runtime_error("GEOS: " + t.ctx.LastError());
  // Twice the signed area (shoelace) on EPSG:3035, whose axes point east and north like lon/lat.
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < xy.size(); ++i)
    twice_area += xy[i].x * xy[i + 1].y - xy[i + 1].x * xy[i].y;
  if ((twice_area > 0) != ccw) std::reverse(xy.begin(), xy.end());
  t.to_laea.Inverse(xy);
  Ring out;
  out.reserve(xy.size());
  for (const auto& p : xy) out.push_back({p.x, p.y});
  if (!out.empty()) out.back() = out.front();  // closed exactly, whatever the round trip did
  return out;
}

// Appends the polygons of `g` (a polygon or any collection of them; lines and points that an
// intersection may leave where discs touch the outline are dropped).
void CollectPolygons(const Territory::Impl& t, const GEOSGeometry* g, std::vector<Polygon>& out) {
  const auto h = t.ctx.get();
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(h, g) == 1) return;
    Polygon polygon;
    polygon.rings.push_back(RingToWgs84(t, GEOSGetExteriorRing_r(h, g), true));
    const int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int i = 0; i < holes; ++i)
      polygon.rings.push_back(RingToWgs84(t, GEOSGetInteriorRingN_r(h, g, i), false));
    out.push_back(std::move(polygon));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int parts = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < parts; ++i) CollectPolygons(t, GEOSGetGeometryN_r(h, g, i), out);
  }
}

}  // namespace

std::vector<Polygon> CoveredArea(const Territory& territory, const std::vector<Exchange>& exchanges,
                                 const AdslParameters& params, const CoverageOptions& options) {
  const auto& t = *territory.impl_;
  const double reach_km = ReachKm(options.threshold_mbps, options.technology, params);
  if (reach_km <= 0) return {};
  const auto reach = ReachUnion(
      t.ctx, ReachingDiscs(t, exchanges, reach_km * 1000, std::max(8, options.disc_vertices)));
  if (!reach) return {};
  const auto covered =
      geos::Own(t.ctx, GEOSIntersection_r(t.ctx.get(), reach.get(), t.outline.get()));
  std::vector<Polygon> out;
  CollectPolygons(t, covered.get(), out);
  return out;
}

}  // namespace sohosolo::territory
