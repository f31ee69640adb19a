// The planner's geometry: the parts of the communes that ADSL leaves unreached, the candidates'
// discs, which discs may meet which parts, and what a disc reaches or takes away.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <string>
#include <utility>

#include "territory/geo/geo.hpp"
#include "territory/geo/geos.hpp"
#include "territory/wifi/planner_impl.hpp"

namespace sohosolo::territory::wifi_internal {

namespace {

/// The exchanges' reach discs are drawn as CoverageOptions draws them by default, so that the
/// people to reach are exactly those ExactCoverage leaves out.
constexpr int kReachDiscVertices = 128;

Envelope EnvelopeOf(const std::vector<Xy>& points) {
  Envelope e{1e300, 1e300, -1e300, -1e300};
  for (const auto& p : points) {
    e.min_x = std::min(e.min_x, p.x);
    e.min_y = std::min(e.min_y, p.y);
    e.max_x = std::max(e.max_x, p.x);
    e.max_y = std::max(e.max_y, p.y);
  }
  return e;
}

Envelope EnvelopeOf(const geos::Context& ctx, const GEOSGeometry* g) {
  Envelope e;
  if (!GEOSGeom_getXMin_r(ctx.get(), g, &e.min_x) || !GEOSGeom_getYMin_r(ctx.get(), g, &e.min_y) ||
      !GEOSGeom_getXMax_r(ctx.get(), g, &e.max_x) || !GEOSGeom_getYMax_r(ctx.get(), g, &e.max_y))
    throw std::runtime_error("GEOS: " + ctx.LastError());
  return e;
}

/// The `vertices` corners of a regular polygon around `centre`, counter-clockwise and not yet
/// closed, its radius scaled so that its area is the circle's, π·r², as coverage.cpp draws discs.
std::vector<Xy> CircleRing(Xy centre, double radius_m, int vertices) {
  const double step = 2 * std::numbers::pi / vertices;
  const double scaled = radius_m * std::sqrt(step / std::sin(step));
  std::vector<Xy> ring;
  ring.reserve(vertices + 1);
  for (int k = 0; k < vertices; ++k)
    ring.push_back(
        {centre.x + scaled * std::cos(k * step), centre.y + scaled * std::sin(k * step)});
  return ring;
}

}  // namespace

const Projections& ThreadProjections() {
  thread_local const Projections projections;
  return projections;
}

geos::Geom Planner::Shape(const Commune& commune) const {
  if (commune.polygons.empty()) {
    throw std::invalid_argument("commune " + commune.code +
                                " has no polygon: planning needs the communes' outlines");
  }
  std::vector<geos::Geom> polygons;
  for (const auto& polygon : commune.polygons) {
    std::vector<std::vector<Xy>> rings;
    for (const auto& ring : polygon.rings) {
      auto& xy = rings.emplace_back();
      xy.reserve(ring.size());
      for (const auto& p : ring) xy.push_back({p.lon, p.lat});
      to_laea_.Forward(xy);
    }
    polygons.push_back(geos::MakePolygon(ctx_, rings));
  }
  return geos::MakeCollection(ctx_, GEOS_MULTIPOLYGON, std::move(polygons));
}

void Planner::SetUncovered(const std::vector<Exchange>& exchanges, double reach_km,
                           WifiPlan& plan) {
  const auto h = ctx_.get();
  std::vector<geos::Geom> shapes;
  Envelope all{1e300, 1e300, -1e300, -1e300};
  for (const auto& commune : communes_) {
    shapes.push_back(Shape(commune));
    const auto e = EnvelopeOf(ctx_, shapes.back().get());
    all = {std::min(all.min_x, e.min_x), std::min(all.min_y, e.min_y), std::max(all.max_x, e.max_x),
           std::max(all.max_y, e.max_y)};
  }
  // The discs are indexed rather than united: each commune meets the few around it, clipped to
  // its envelope, which costs far less than one union of every disc of the territory.
  geos::Geom discs;
  if (reach_km > 0) {
    std::vector<geos::Geom> parts;
    for (const auto& exchange : exchanges) {
      const Xy centre = to_lambert93_.Forward({exchange.lon, exchange.lat});
      auto ring = CircleRing(centre, reach_km * 1000, kReachDiscVertices);
      lambert93_to_laea_.Forward(ring);
      ring.push_back(ring.front());
      if (!EnvelopeOf(ring).Overlaps(all)) continue;
      parts.push_back(geos::MakePolygon(ctx_, {ring}));
    }
    if (!parts.empty()) discs = geos::MakeCollection(ctx_, GEOS_MULTIPOLYGON, std::move(parts));
  }
  const auto index = discs ? std::make_unique<geos::Index>(ctx_, discs.get()) : nullptr;
  for (std::size_t i = 0; i < communes_.size(); ++i) {
    Part part;
    part.area_km2 = geos::Area(ctx_, shapes[i].get()) / 1e6;
    const auto& population = communes_[i].population;
    if (population && part.area_km2 > 0) part.density = *population / part.area_km2;
    if (!population) ++plan.communes_without_population;
    if (population) plan.population += static_cast<double>(*population);
    const auto near = index ? index->UnionNear(shapes[i].get()) : nullptr;
    if (near && GEOSContains_r(h, near.get(), shapes[i].get()) == 1) {
      part.left = geos::Own(ctx_, GEOSGeom_createEmptyPolygon_r(h));
    } else if (near && GEOSIntersects_r(h, near.get(), shapes[i].get()) == 1) {
      part.left = geos::Own(ctx_, GEOSDifference_r(h, shapes[i].get(), near.get()));
    } else {
      part.left = std::move(shapes[i]);
    }
    part.left_km2 = std::min(part.area_km2, geos::Area(ctx_, part.left.get()) / 1e6);
    if (part.left_km2 > 0) {
      part.box = EnvelopeOf(ctx_, part.left.get());
      ++plan.communes_uncovered;
    }
    plan.uncovered_population += part.density * part.left_km2;
    plan.uncovered_area_km2 += part.left_km2;
    parts_.push_back(std::move(part));
  }
  plan.covered_population = std::max(0.0, plan.population - plan.uncovered_population);
}

void Planner::AddCandidate(RelaySite site) {
  Candidate c;
  c.centre = to_lambert93_.Forward({site.point.lon, site.point.lat});
  auto ring = CircleRing(c.centre, options_.radius_km * 1000, std::max(8, options_.disc_vertices));
  lambert93_to_laea_.Forward(ring);
  ring.push_back(ring.front());
  c.box = EnvelopeOf(ring);
  c.disc = geos::MakePolygon(ctx_, {ring});
  c.prepared = geos::Prepare(ctx_, c.disc.get());
  c.site = std::move(site);
  candidates_.push_back(std::move(c));
}

void Planner::AddCandidates() {
  if (options_.commune_sites == CommuneSites::kInclude) {
    for (const auto& commune : communes_)
      AddCandidate({commune.code, commune.name, commune.point, RelaySiteOrigin::kCommune});
  }
  for (std::size_t i = 0; i < options_.sites.size(); ++i) {
    auto site = options_.sites[i];
    site.origin = RelaySiteOrigin::kGiven;
    if (site.id.empty()) site.id = "site-" + std::to_string(i + 1);
    AddCandidate(std::move(site));
  }
  IndexNearCommunes();
}

// A uniform grid of cells about one disc wide over the unreached parts' envelopes: each disc
// then looks at a few cells instead of every commune.
void Planner::IndexNearCommunes() {
  double min_x = 1e300, min_y = 1e300, max_x = -1e300, max_y = -1e300;
  for (const auto& p : parts_) {
    if (p.left_km2 <= 0) continue;
    min_x = std::min(min_x, p.box.min_x);
    min_y = std::min(min_y, p.box.min_y);
    max_x = std::max(max_x, p.box.max_x);
    max_y = std::max(max_y, p.box.max_y);
  }
  if (min_x > max_x) return;  // nothing left to reach
  const double cell = std::max(2 * options_.radius_km * 1000, 1000.0);
  const auto columns = static_cast<std::size_t>((max_x - min_x) / cell) + 1;
  const auto rows = static_cast<std::size_t>((max_y - min_y) / cell) + 1;
  const auto clamp = [](double v, std::size_t n) {
    return static_cast<std::size_t>(std::clamp(v, 0.0, static_cast<double>(n - 1)));
  };
  struct Span {
    std::size_t x0, x1, y0, y1;
  };
  const auto span = [&](const Envelope& e) {
    return Span{clamp((e.min_x - min_x) / cell, columns), clamp((e.max_x - min_x) / cell, columns),
                clamp((e.min_y - min_y) / cell, rows), clamp((e.max_y - min_y) / cell, rows)};
  };
  std::vector<std::vector<std::size_t>> grid(columns * rows);
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    if (parts_[i].left_km2 <= 0) continue;
    const auto s = span(parts_[i].box);
    for (auto y = s.y0; y <= s.y1; ++y)
      for (auto x = s.x0; x <= s.x1; ++x) grid[y * columns + x].push_back(i);
  }
  std::vector<std::size_t> seen(parts_.size(), std::numeric_limits<std::size_t>::max());
  for (std::size_t c = 0; c < candidates_.size(); ++c) {
    auto& candidate = candidates_[c];
    const auto s = span(candidate.box);
    for (auto y = s.y0; y <= s.y1; ++y) {
      for (auto x = s.x0; x <= s.x1; ++x) {
        for (const auto i : grid[y * columns + x]) {
          if (seen[i] == c || !parts_[i].box.Overlaps(candidate.box)) continue;
          seen[i] = c;
          candidate.near.push_back(i);
        }
      }
    }
    std::sort(candidate.near.begin(), candidate.near.end());
  }
}

Relaxation Planner::Relax() const {
  Relaxation r;
  for (const auto& part : parts_) {
    r.density.push_back(part.density);
    r.capacity_km2.push_back(part.left_km2);
  }
  return r;
}

Gain Planner::Evaluate(std::size_t c, std::vector<Overlap>* overlaps) const {
  const auto h = ctx_.get();
  const auto& candidate = candidates_[c];
  Gain gain;
  for (const auto i : candidate.near) {
    const auto& part = parts_[i];
    if (part.left_km2 <= 0 || !part.box.Overlaps(candidate.box)) continue;
    double area = 0;
    if (GEOSPreparedContains_r(h, candidate.prepared.get(), part.left.get()) == 1) {
      area = part.left_km2;
    } else if (GEOSPreparedIntersects_r(h, candidate.prepared.get(), part.left.get()) == 1) {
      const auto inside =
          geos::Own(ctx_, GEOSIntersection_r(h, part.left.get(), candidate.disc.get()));
      area = std::min(part.left_km2, geos::Area(ctx_, inside.get()) / 1e6);
    }
    gain.population += part.density * area;
    gain.area_km2 += area;
    if (overlaps && area > 0) overlaps->push_back({i, area});
  }
  return gain;
}

Gain Planner::Apply(std::size_t c, std::vector<CommunePiece>& pieces) {
  const auto h = ctx_.get();
  const auto& candidate = candidates_[c];
  Gain gain;
  for (const auto i : candidate.near) {
    auto& part = parts_[i];
    if (part.left_km2 <= 0 || !part.box.Overlaps(candidate.box)) continue;
    double area = 0;
    if (GEOSPreparedContains_r(h, candidate.prepared.get(), part.left.get()) == 1) {
      area = part.left_km2;
      part.left = geos::Own(ctx_, GEOSGeom_createEmptyPolygon_r(h));
      part.left_km2 = 0;
    } else if (GEOSPreparedIntersects_r(h, candidate.prepared.get(), part.left.get()) == 1) {
      part.left = geos::Own(ctx_, GEOSDifference_r(h, part.left.get(), candidate.disc.get()));
      const double left_km2 = std::min(part.left_km2, geos::Area(ctx_, part.left.get()) / 1e6);
      area = part.left_km2 - left_km2;
      part.left_km2 = left_km2;
      if (left_km2 > 0) part.box = EnvelopeOf(ctx_, part.left.get());
    }
    if (area <= 0) continue;
    pieces.push_back({i, part.density * area, area});
    gain.population += part.density * area;
    gain.area_km2 += area;
  }
  return gain;
}

Polygon Planner::DiscWgs84(std::size_t c) const {
  auto ring = CircleRing(candidates_[c].centre, options_.radius_km * 1000,
                         std::max(8, options_.disc_vertices));
  to_lambert93_.Inverse(ring);
  Ring out;
  out.reserve(ring.size() + 1);
  // Lambert-93's axes point east and north like lon/lat: the ring stays counter-clockwise, as
  // RFC 7946 asks of exterior rings.
  for (const auto& p : ring) out.push_back({p.x, p.y});
  out.push_back(out.front());
  return Polygon{{std::move(out)}};
}

}  // namespace sohosolo::territory::wifi_internal
