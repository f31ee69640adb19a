#include "territory/wifi/wifi.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <unordered_set>

#include "core/text.hpp"
#include "territory/connectivity/connectivity.hpp"
#include "territory/geo/csv.hpp"
#include "territory/geo/geo.hpp"
#include "territory/geo/geos.hpp"
#include "territory/geo/json.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::Error;
using core::ErrorCode;
using core::FieldError;

constexpr double kMaxThresholdMbps = 1000;
constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxIdBytes = 64;
/// The exchanges' reach discs are drawn as CoverageOptions draws them by default, so that the
/// people to reach are exactly those ExactCoverage leaves out.
constexpr int kReachDiscVertices = 128;
/// A relay that would reach fewer people than this is not planned: past that point what is left
/// within the discs is slivers of floating-point noise where disc edges meet (0.01 inhabitant is
/// about 300 m² of the Gers' average density; a sliver is far smaller).
constexpr double kMinGainPopulation = 0.01;

bool ValidId(const std::string& id) {
  return id.size() <= kMaxIdBytes && std::none_of(id.begin(), id.end(), [](char c) {
           return static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == '\x7f';
         });
}

bool ValidPosition(LonLat p) {
  return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -180 && p.lon <= 180 &&
         p.lat >= -90 && p.lat <= 90;
}

void CheckSites(const WifiPlanOptions& options, std::vector<FieldError>& errors) {
  if (options.sites.size() > kMaxGivenSites) {
    errors.push_back({"candidates", "error.territory.too_many_sites"});
    return;
  }
  if (options.commune_sites == CommuneSites::kExclude && options.sites.empty())
    errors.push_back({"candidates", "error.territory.no_sites"});
  std::unordered_set<std::string> ids;
  for (std::size_t i = 0; i < options.sites.size(); ++i) {
    const auto& site = options.sites[i];
    const std::string where = "candidates[" + std::to_string(i) + "]";
    if (site.name.empty()) errors.push_back({where + ".name", "error.territory.missing_site_name"});
    if (site.name.size() > kMaxNameBytes)
      errors.push_back({where + ".name", "error.territory.name_too_long"});
    if (!ValidId(site.id)) errors.push_back({where + ".id", "error.territory.bad_code"});
    if (!site.id.empty() && !ids.insert(site.id).second)
      errors.push_back({where + ".id", "error.territory.duplicate_site"});
    if (!ValidPosition(site.point))
      errors.push_back({where, "error.territory.lon_lat_out_of_range"});
  }
}

}  // namespace

std::vector<FieldError> ValidateWifiOptions(const WifiPlanOptions& options) {
  std::vector<FieldError> errors;
  // Written so that NaN fails every check.
  if (!(options.threshold_mbps > 0 && options.threshold_mbps <= kMaxThresholdMbps))
    errors.push_back({"threshold_mbps", "error.territory.bad_threshold"});
  if (!(options.radius_km > 0 && options.radius_km <= kMaxRelayRadiusKm))
    errors.push_back({"radius_km", "error.territory.bad_radius"});
  if (options.relays.has_value() == options.target_share.has_value())
    errors.push_back({"relays", "error.territory.relays_or_target"});
  if (options.relays && !(*options.relays >= 1 && *options.relays <= kMaxWifiRelays))
    errors.push_back({"relays", "error.territory.bad_relays"});
  if (options.target_share && !(*options.target_share > 0 && *options.target_share <= 1))
    errors.push_back({"target_share", "error.territory.bad_target_share"});
  CheckSites(options, errors);
  return errors;
}

core::Result<std::vector<RelaySite>> ParseRelaySitesCsv(std::string_view text) {
  auto table = ParseCsv(text);
  if (!table) return table.error();
  const auto name = table->Column("name");
  const auto lon = table->Column("lon");
  const auto lat = table->Column("lat");
  auto id = table->Column("id");
  if (!id) id = table->Column("code");
  std::vector<FieldError> errors;
  for (const auto& [column, present] :
       {std::pair{"name", name.has_value()}, std::pair{"lon", lon.has_value()},
        std::pair{"lat", lat.has_value()}}) {
    if (!present) errors.push_back({column, "error.csv.missing_column"});
  }
  if (!errors.empty())
    return Error{ErrorCode::kInvalid, "error.csv.rejected", std::move(errors), {}};

  std::vector<RelaySite> sites;
  for (const auto& row : table->rows) {
    RelaySite site;
    site.name = std::string(core::Trim(row.cells[*name]));
    if (id) site.id = std::string(core::Trim(row.cells[*id]));
    const auto x = ParseNumber(row.cells[*lon]);
    const auto y = ParseNumber(row.cells[*lat]);
    if (site.name.empty())
      errors.push_back(LineError(row.line, "name", "error.territory.missing_site_name"));
    if (site.name.size() > kMaxNameBytes)
      errors.push_back(LineError(row.line, "name", "error.territory.name_too_long"));
    if (!ValidId(site.id)) errors.push_back(LineError(row.line, "id", "error.territory.bad_code"));
    if (!x || *x < -180 || *x > 180)
      errors.push_back(LineError(row.line, "lon", "error.territory.lon_lat_out_of_range"));
    if (!y || *y < -90 || *y > 90)
      errors.push_back(LineError(row.line, "lat", "error.territory.lon_lat_out_of_range"));
    if (x && y) site.point = {*x, *y};
    sites.push_back(std::move(site));
  }
  if (!errors.empty())
    return Error{ErrorCode::kInvalid, "error.csv.rejected", std::move(errors), {}};
  return sites;
}

std::string_view ToString(WifiPlanEnd end) {
  switch (end) {
    case WifiPlanEnd::kRelaysPlaced:
      return "relays_placed";
    case WifiPlanEnd::kTargetReached:
      return "target_reached";
    case WifiPlanEnd::kNothingLeft:
      return "nothing_left";
    case WifiPlanEnd::kLimit:
      return "limit";
  }
  return "relays_placed";
}

std::string_view ToString(RelaySiteOrigin origin) {
  return origin == RelaySiteOrigin::kCommune ? "commune" : "given";
}

namespace {

// ---------------------------------------------------------------------------------------------
// Geometry

struct Envelope {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  bool Overlaps(const Envelope& o) const {
    return min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
  }
};

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

/// Population and land a relay reaches.
struct Gain {
  double population = 0;
  double area_km2 = 0;
  bool Positive() const { return population > 0 || area_km2 > 0; }
};

struct CommunePiece {
  std::size_t commune = 0;
  double population = 0;
  double area_km2 = 0;
};

/// Land of one commune's unreached part inside one candidate's disc.
struct Overlap {
  std::size_t commune = 0;
  double area_km2 = 0;
};

/// The coverage problem at one moment, relaxed for the Lagrangian bound (see below): each
/// commune's density and unreached land, and what each candidate's disc holds of that land.
struct Relaxation {
  std::vector<double> density;
  std::vector<double> capacity_km2;
  std::vector<std::vector<Overlap>> rows;  ///< Per candidate.
};

/// The transformations a plan needs. Building one reads proj.db (about 9 ms), more than a small
/// plan takes, and a Projector is reentrant but not thread-safe: each thread keeps its own.
struct Projections {
  Projector to_laea{Crs::kWgs84, Crs::kLaea3035};
  Projector to_lambert93{Crs::kWgs84, Crs::kLambert93};
  Projector lambert93_to_laea{Crs::kLambert93, Crs::kLaea3035};
};

const Projections& ThreadProjections() {
  thread_local const Projections projections;
  return projections;
}

// ---------------------------------------------------------------------------------------------
// The planner's state: each commune's part still unreached, and the candidates' discs, all on
// EPSG:3035. It owns its GEOS context and uses its thread's PROJ objects, so plans run in
// parallel.

class Planner {
 public:
  Planner(const std::vector<Commune>& communes, const WifiPlanOptions& options)
      : communes_(communes), options_(options) {}

  /// Each commune's part outside every exchange disc of radius `reach_km`.
  void SetUncovered(const std::vector<Exchange>& exchanges, double reach_km, WifiPlan& plan);
  void AddCandidates();
  /// What candidate `c` would reach now; `overlaps`, when given, receives it commune by commune.
  Gain Evaluate(std::size_t c, std::vector<Overlap>* overlaps = nullptr) const;
  /// The relaxation at this moment, with no row yet.
  Relaxation Relax() const;
  /// Places a relay at candidate `c`: removes its disc from the unreached parts and appends
  /// what it reaches, commune by commune, to `pieces`.
  Gain Apply(std::size_t c, std::vector<CommunePiece>& pieces);

  std::size_t Candidates() const { return candidates_.size(); }
  const RelaySite& Site(std::size_t c) const { return candidates_[c].site; }
  /// The disc of candidate `c` in WGS84.
  Polygon DiscWgs84(std::size_t c) const;

 private:
  struct Part {
    double area_km2 = 0;
    double density = 0;  ///< Inhabitants per km²; 0 without population.
    geos::Geom left;     ///< Not reached yet; an empty polygon once all is reached.
    double left_km2 = 0;
    Envelope box;
  };
  struct Candidate {
    RelaySite site;
    Xy centre;  ///< Lambert-93.
    geos::Geom disc;
    geos::Prepared prepared;
    Envelope box;
    std::vector<std::size_t> near;  ///< Communes whose unreached part may meet the disc.
  };

  geos::Geom Shape(const Commune& commune) const;
  void AddCandidate(RelaySite site);
  void IndexNearCommunes();

  // Declared first so that it is destroyed last: every geometry below belongs to it.
  geos::Context ctx_;
  const Projector& to_laea_ = ThreadProjections().to_laea;
  const Projector& to_lambert93_ = ThreadProjections().to_lambert93;
  const Projector& lambert93_to_laea_ = ThreadProjections().lambert93_to_laea;
  const std::vector<Commune>& communes_;
  const WifiPlanOptions& options_;
  std::vector<Part> parts_;
  std::vector<Candidate> candidates_;
};

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

// ---------------------------------------------------------------------------------------------
// Lazy greedy with a priority queue, and the bounds.
//
// Let f(S) be the population the relays S reach beyond ADSL. f is monotone and submodular (a
// weighted area of a union of discs), so for any set S and the best plan O of m relays
//
//   f(O) ≤ f(S ∪ O) ≤ f(S) + Σ_{o ∈ O} Δ(o | S) ≤ f(S) + (sum of the m largest Δ(c | S))
//
// where Δ(c | S) = f(S ∪ {c}) − f(S) is c's marginal gain (Nemhauser, Wolsey and Fisher 1978;
// the "online bound" of Leskovec et al. 2007). The lazy queue holds for every candidate a gain
// computed at some earlier step, and by submodularity that stale gain is ≥ Δ(c | S) now, so the
// sum of the m largest keys in the queue is a valid bound after every step, at no extra gain
// computation. After the last step the top m keys are recomputed until all are current, which
// makes the last bound as tight as this argument allows. The plan reports the smallest bound
// over all steps (step 0 is "the sum of the m best single gains"), the classical greedy
// guarantee f(G_k) ≥ (1 − (1 − 1/k)^k)·f(O_k), and the whole uncovered population, whichever
// is smallest. With a target T the same bounds say that no m relays reach T when
// f(S_i) + (sum of the m largest keys at step i) < T for some step i.
//
// That bound counts the people several of the m best candidates share once per candidate, and
// the best candidates of a dense area share most of them. A tighter one keeps the communes:
// with a_ic the land of commune i's unreached part R_i inside candidate c's disc,
//
//   f(S ∪ O) − f(S) = Σ_i d_i · area(R_i ∩ ∪_{o ∈ O} disc_o) ≤ Σ_i d_i · min(area(R_i), Σ_{o ∈ O}
//   a_io)
//
// (d_i people per km²). The best O for the right side is at most the optimum of the linear
// programme max Σ_i d_i z_i, z_i ≤ area(R_i), z_i ≤ Σ_c a_ic x_c, Σ_c x_c = m, 0 ≤ x ≤ 1, and by
// weak duality at most, for any multipliers 0 ≤ u_i ≤ d_i,
//
//   L(u) = Σ_i (d_i − u_i) · area(R_i) + (sum of the m largest Σ_i u_i a_ic over candidates c).
//
// u = d gives the sum of the m best gains again; a subgradient descent on u (Held and Karp's
// method, Polyak steps) brings L(u) down towards the programme's optimum. Every L(u) is a valid
// bound, so stopping early only loosens it. It is computed at step 0 (R_i = the uncovered parts)
// from the gains computed to start the queue, so it costs no geometry. On the Gers it comes
// within 0.3 % of the programme's optimum (checked with GLPK) in 300 iterations, and cuts the
// gap left by the marginal-gain bound by three quarters. (The same relaxation after the last
// step, with every candidate recomputed, was tried: it was looser for 5 to 30 relays.) With a
// target, the step 0 bound for fewer relays than the plan also says how many relays at least
// any plan needs.

struct Entry {
  Gain gain;
  std::size_t candidate = 0;
  std::size_t step = 0;  ///< The step at which `gain` was computed.
};

/// Heap order: larger population first, then larger area, then the earlier candidate.
bool Below(const Entry& a, const Entry& b) {
  if (a.gain.population != b.gain.population) return a.gain.population < b.gain.population;
  if (a.gain.area_km2 != b.gain.area_km2) return a.gain.area_km2 < b.gain.area_km2;
  return a.candidate > b.candidate;
}

/// f(S_i) and the prefix sums of the largest keys at step i (prefix[j]: the j largest).
struct StepBound {
  double value = 0;
  std::vector<double> prefix;
  bool complete = false;  ///< prefix covers every key in the queue.
};

class Greedy {
 public:
  Greedy(Planner& planner, std::size_t keep) : planner_(planner), keep_(keep) {}

  void Start(WifiPlan& plan);
  /// The best candidate now, with its current gain; nullopt when the queue is empty.
  std::optional<Entry> Best(WifiPlan& plan);
  void Remove() {
    std::pop_heap(heap_.begin(), heap_.end(), Below);
    heap_.pop_back();
    ++step_;
  }
  void RecordBound(double value);
  /// Recomputes the `m` largest keys until all are current; records that last bound.
  void Tighten(double value, std::size_t m, WifiPlan& plan);
  const std::vector<StepBound>& bounds() const { return bounds_; }
  const Relaxation& initial() const { return initial_; }

 private:
  Planner& planner_;
  std::size_t keep_;  ///< How many of the largest keys to keep per step.
  std::vector<Entry> heap_;
  std::size_t step_ = 0;
  std::vector<StepBound> bounds_;
  Relaxation initial_;  ///< At step 0, with every candidate's row.
};

void Greedy::Start(WifiPlan& plan) {
  initial_ = planner_.Relax();
  initial_.rows.resize(planner_.Candidates());
  for (std::size_t c = 0; c < planner_.Candidates(); ++c) {
    const Gain gain = planner_.Evaluate(c, &initial_.rows[c]);
    ++plan.gain_evaluations;
    // By submodularity a candidate that reaches nothing now never will.
    if (gain.Positive()) heap_.push_back({gain, c, 0});
  }
  std::make_heap(heap_.begin(), heap_.end(), Below);
  if (!heap_.empty()) plan.best_single_relay_population = heap_.front().gain.population;
  RecordBound(0);
}

std::optional<Entry> Greedy::Best(WifiPlan& plan) {
  while (!heap_.empty() && heap_.front().step != step_) {
    std::pop_heap(heap_.begin(), heap_.end(), Below);
    auto entry = heap_.back();
    heap_.pop_back();
    entry.gain = planner_.Evaluate(entry.candidate);
    entry.step = step_;
    ++plan.gain_evaluations;
    if (!entry.gain.Positive()) continue;
    heap_.push_back(entry);
    std::push_heap(heap_.begin(), heap_.end(), Below);
  }
  if (heap_.empty()) return std::nullopt;
  return heap_.front();
}

void Greedy::RecordBound(double value) {
  StepBound bound{value, {0.0}, false};
  std::vector<double> keys;
  keys.reserve(heap_.size());
  for (const auto& e : heap_) keys.push_back(e.gain.population);
  const std::size_t m = std::min(keep_, keys.size());
  std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(m), keys.end(),
                   std::greater<>());
  std::sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(m), std::greater<>());
  for (std::size_t j = 0; j < m; ++j) bound.prefix.push_back(bound.prefix.back() + keys[j]);
  bound.complete = m == keys.size();
  bounds_.push_back(std::move(bound));
}

void Greedy::Tighten(double value, std::size_t m, WifiPlan& plan) {
  std::vector<Entry> current;
  while (current.size() < m && !heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), Below);
    auto entry = heap_.back();
    heap_.pop_back();
    if (entry.step != step_) {
      entry.gain = planner_.Evaluate(entry.candidate);
      entry.step = step_;
      ++plan.gain_evaluations;
      if (!entry.gain.Positive()) continue;
      heap_.push_back(entry);
      std::push_heap(heap_.begin(), heap_.end(), Below);
      continue;
    }
    current.push_back(entry);
  }
  for (const auto& e : current) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), Below);
  }
  RecordBound(value);
}

/// The smallest bound over the steps on what `m` relays reach.
double BoundFor(const std::vector<StepBound>& bounds, std::size_t m) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& b : bounds) {
    if (m < b.prefix.size()) {
      best = std::min(best, b.value + b.prefix[m]);
    } else if (b.complete) {
      best = std::min(best, b.value + b.prefix.back());
    }
  }
  return best;
}

/// The fewest relays that the bounds allow to reach `target`: at step i, m relays reach at most
/// f(S_i) + prefix[m], so any plan reaching the target needs the smallest such m that gets there.
int RelaysLowerBound(const std::vector<StepBound>& bounds, double target) {
  std::size_t lower = 0;
  for (const auto& b : bounds) {
    std::size_t m = 0;
    while (m < b.prefix.size() && b.value + b.prefix[m] < target) ++m;
    // Past the keys kept it takes more relays than kept; when every key was kept and even all
    // together miss the target, the bound says nothing (the plan reached it: rounding).
    if (m == b.prefix.size() && b.complete) continue;
    lower = std::max(lower, m);
  }
  return static_cast<int>(lower);
}

/// min over the multipliers tried of L(u) (see above) for `m` relays. `floor` is a value some plan
/// reaches (≤ the programme's optimum), for the step sizes.
double LagrangianBound(const Relaxation& r, std::size_t m, double floor) {
  constexpr int kIterations = 300;
  constexpr int kPatience = 8;  ///< Iterations without progress before the step halves.
  const std::size_t n = r.density.size();
  const std::size_t candidates = r.rows.size();
  m = std::min(m, candidates);
  std::vector<double> u = r.density;
  std::vector<double> score(candidates);
  std::vector<std::size_t> order(candidates);
  std::vector<double> slope(n);
  double best = std::numeric_limits<double>::infinity();
  double theta = 1;
  int since = 0;
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    for (std::size_t c = 0; c < candidates; ++c) {
      score[c] = 0;
      for (const auto& o : r.rows[c]) score[c] += u[o.commune] * o.area_km2;
      order[c] = c;
    }
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(m), order.end(),
                     [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    double value = 0;
    for (std::size_t i = 0; i < n; ++i) value += (r.density[i] - u[i]) * r.capacity_km2[i];
    for (std::size_t j = 0; j < m; ++j) value += score[order[j]];
    if (value < best * (1 - 1e-9)) {
      best = value;
      since = 0;
    } else if (++since >= kPatience) {
      theta /= 2;
      since = 0;
    }
    // A subgradient: the chosen candidates' land, minus each commune's land where z_i is taken.
    for (std::size_t i = 0; i < n; ++i) slope[i] = u[i] < r.density[i] ? -r.capacity_km2[i] : 0;
    for (std::size_t j = 0; j < m; ++j)
      for (const auto& o : r.rows[order[j]]) slope[o.commune] += o.area_km2;
    double norm = 0;
    for (const double g : slope) norm += g * g;
    if (norm <= 0 || best <= floor) break;  // optimal, or as tight as it can get
    const double step = theta * (value - floor) / norm;
    for (std::size_t i = 0; i < n; ++i)
      u[i] = std::clamp(u[i] - step * slope[i], 0.0, r.density[i]);
  }
  return best;
}

void AddRelay(Planner& planner, std::size_t c, const std::vector<Commune>& communes,
              WifiPlan& plan) {
  std::vector<CommunePiece> pieces;
  const Gain gain = planner.Apply(c, pieces);
  PlannedRelay relay;
  relay.site = planner.Site(c);
  relay.population_gained = gain.population;
  relay.area_gained_km2 = gain.area_km2;
  plan.population_gained += gain.population;
  plan.area_gained_km2 += gain.area_km2;
  relay.cumulative_population = plan.population_gained;
  relay.cumulative_share =
      plan.uncovered_population > 0 ? plan.population_gained / plan.uncovered_population : 0;
  std::sort(pieces.begin(), pieces.end(), [](const CommunePiece& a, const CommunePiece& b) {
    if (a.population != b.population) return a.population > b.population;
    if (a.area_km2 != b.area_km2) return a.area_km2 > b.area_km2;
    return a.commune < b.commune;
  });
  for (const auto& p : pieces) {
    const auto& commune = communes[p.commune];
    relay.communes.push_back({commune.code, commune.name, p.population, p.area_km2});
  }
  relay.disc = planner.DiscWgs84(c);
  plan.relays.push_back(std::move(relay));
}

/// The fewest relays any plan needs to reach `target`: one more than the most relays for which
/// the step 0 Lagrangian bound stays under the target (binary search between what the greedy
/// steps already prove and the plan's own count).
int RelaysNeeded(const Relaxation& initial, int proven, int placed, double target) {
  int low = proven;  // every plan needs at least this many
  int high = placed - 1;
  while (low <= high) {
    const int m = low + (high - low) / 2;
    if (LagrangianBound(initial, static_cast<std::size_t>(m), 0) < target) {
      proven = m + 1;
      low = m + 1;
    } else {
      high = m - 1;
    }
  }
  return proven;
}

void Bounds(const Greedy& greedy, WifiPlan& plan) {
  const auto k = plan.relays.size();
  const auto m = static_cast<std::size_t>(plan.bound_relays);
  plan.upper_bound_population =
      std::min({plan.uncovered_population, BoundFor(greedy.bounds(), m),
                LagrangianBound(greedy.initial(), m, plan.population_gained)});
  if (k == m && k > 0) {
    const double factor = 1 - std::pow(1 - 1.0 / static_cast<double>(k), static_cast<double>(k));
    plan.greedy_guarantee_bound = plan.population_gained / factor;
    plan.upper_bound_population =
        std::min(plan.upper_bound_population, *plan.greedy_guarantee_bound);
  }
  // Rounding must not make the bound fall below what the plan does.
  plan.upper_bound_population = std::max(plan.upper_bound_population, plan.population_gained);
  plan.certified_ratio =
      plan.upper_bound_population > 0 ? plan.population_gained / plan.upper_bound_population : 1;
  if (plan.target_share && plan.end == WifiPlanEnd::kTargetReached) {
    const double target = *plan.target_share * plan.uncovered_population * (1 - 1e-9);
    const int proven = RelaysLowerBound(greedy.bounds(), target);
    plan.relays_lower_bound =
        RelaysNeeded(greedy.initial(), proven, static_cast<int>(plan.relays.size()), target);
  }
}

}  // namespace

core::Result<WifiPlan> PlanWifi(const std::vector<Commune>& communes,
                                const std::vector<Exchange>& exchanges,
                                const AdslParameters& params, const WifiPlanOptions& options) {
  auto errors = ValidateWifiOptions(options);
  if (!errors.empty()) return core::Invalid(std::move(errors));

  WifiPlan plan;
  plan.threshold_mbps = options.threshold_mbps;
  plan.technology = options.technology;
  plan.radius_km = options.radius_km;
  plan.relays_asked = options.relays;
  plan.target_share = options.target_share;
  plan.parameters = Summarise(params);
  plan.reach_km = ReachKm(options.threshold_mbps, options.technology, params);
  plan.communes = communes.size();

  Planner planner(communes, options);
  planner.SetUncovered(exchanges, plan.reach_km, plan);
  planner.AddCandidates();
  plan.candidates = planner.Candidates();
  plan.given_candidates = options.sites.size();
  plan.population_share_before =
      plan.population > 0 ? plan.covered_population / plan.population : 0;

  const double target = options.target_share
                            ? *options.target_share * plan.uncovered_population * (1 - 1e-12)
                            : std::numeric_limits<double>::infinity();
  const auto limit = static_cast<std::size_t>(options.relays.value_or(kMaxWifiRelays));
  Greedy greedy(planner, limit);
  greedy.Start(plan);
  plan.end = options.relays ? WifiPlanEnd::kRelaysPlaced : WifiPlanEnd::kLimit;
  while (plan.relays.size() < limit) {
    if (plan.population_gained >= target) {
      plan.end = WifiPlanEnd::kTargetReached;
      break;
    }
    const auto best = greedy.Best(plan);
    if (!best || best->gain.population < kMinGainPopulation) {
      plan.end = WifiPlanEnd::kNothingLeft;
      break;
    }
    greedy.Remove();
    AddRelay(planner, best->candidate, communes, plan);
    greedy.RecordBound(plan.population_gained);
  }
  if (options.target_share && plan.population_gained >= target)
    plan.end = WifiPlanEnd::kTargetReached;

  plan.bound_relays = options.relays ? *options.relays : static_cast<int>(plan.relays.size());
  greedy.Tighten(plan.population_gained, static_cast<std::size_t>(plan.bound_relays), plan);
  Bounds(greedy, plan);
  plan.uncovered_share_reached =
      plan.uncovered_population > 0 ? plan.population_gained / plan.uncovered_population : 0;
  plan.population_share_after =
      plan.population > 0 ? (plan.covered_population + plan.population_gained) / plan.population
                          : 0;
  return plan;
}

// ---------------------------------------------------------------------------------------------
// JSON

namespace {

json::object RelayJson(const PlannedRelay& r, std::size_t rank) {
  json::array communes;
  for (const auto& c : r.communes) {
    communes.push_back({{"code", c.code},
                        {"nom", c.name},
                        {"population", c.population},
                        {"area_km2", c.area_km2}});
  }
  return {{"rank", rank},
          {"id", r.site.id},
          {"name", r.site.name},
          {"origin", ToString(r.site.origin)},
          {"lon", r.site.point.lon},
          {"lat", r.site.point.lat},
          {"population_gained", r.population_gained},
          {"area_gained_km2", r.area_gained_km2},
          {"cumulative_population", r.cumulative_population},
          {"cumulative_share", r.cumulative_share},
          {"communes", std::move(communes)}};
}

// Disc coordinates are computed, not read: 7 decimals (about 1 cm) are plenty.
double Round7(double v) { return std::round(v * 1e7) / 1e7; }

}  // namespace

json::object WifiPlanJson(const WifiPlan& plan) {
  json::array relays;
  for (std::size_t i = 0; i < plan.relays.size(); ++i)
    relays.push_back(RelayJson(plan.relays[i], i + 1));
  return {{"threshold_mbps", plan.threshold_mbps},
          {"technology", ToString(plan.technology)},
          {"reach_km", plan.reach_km},
          {"radius_km", plan.radius_km},
          {"relays_asked", plan.relays_asked ? json::value(*plan.relays_asked) : json::value()},
          {"target_share", OrNull(plan.target_share)},
          {"territory",
           {{"communes", plan.communes},
            {"communes_without_population", plan.communes_without_population},
            {"communes_uncovered", plan.communes_uncovered},
            {"population", plan.population},
            {"covered_population", plan.covered_population},
            {"uncovered_population", plan.uncovered_population},
            {"uncovered_area_km2", plan.uncovered_area_km2},
            {"population_share", plan.population_share_before}}},
          {"candidates",
           {{"total", plan.candidates},
            {"communes", plan.candidates - plan.given_candidates},
            {"given", plan.given_candidates}}},
          {"relays", std::move(relays)},
          {"totals",
           {{"relays", plan.relays.size()},
            {"population_gained", plan.population_gained},
            {"area_gained_km2", plan.area_gained_km2},
            {"uncovered_share_reached", plan.uncovered_share_reached},
            {"population_share_before", plan.population_share_before},
            {"population_share_after", plan.population_share_after},
            {"end", ToString(plan.end)}}},
          {"bounds",
           {{"relays", plan.bound_relays},
            {"best_single_relay_population", plan.best_single_relay_population},
            {"greedy_guarantee_population", OrNull(plan.greedy_guarantee_bound)},
            {"upper_bound_population", plan.upper_bound_population},
            {"certified_ratio", plan.certified_ratio},
            {"relays_lower_bound",
             plan.relays_lower_bound ? json::value(*plan.relays_lower_bound) : json::value()},
            {"gain_evaluations", plan.gain_evaluations}}},
          {"parameters", ParametersJson(plan.parameters)}};
}

json::object WifiPlanGeoJson(const WifiPlan& plan) {
  json::array features;
  // Discs first, so that a map drawing the features in order keeps the sites on top.
  for (std::size_t i = 0; i < plan.relays.size(); ++i) {
    const auto& r = plan.relays[i];
    json::array rings;
    for (const auto& ring : r.disc.rings) {
      json::array positions;
      for (const auto& p : ring) positions.push_back(json::array{Round7(p.lon), Round7(p.lat)});
      rings.push_back(std::move(positions));
    }
    features.push_back({{"type", "Feature"},
                        {"properties",
                         {{"kind", "disc"},
                          {"rank", i + 1},
                          {"id", r.site.id},
                          {"name", r.site.name},
                          {"radius_km", plan.radius_km},
                          {"population_gained", r.population_gained},
                          {"area_gained_km2", r.area_gained_km2}}},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", std::move(rings)}}}});
  }
  for (std::size_t i = 0; i < plan.relays.size(); ++i) {
    const auto& r = plan.relays[i];
    features.push_back(
        {{"type", "Feature"},
         {"properties",
          {{"kind", "relay"},
           {"rank", i + 1},
           {"id", r.site.id},
           {"name", r.site.name},
           {"origin", ToString(r.site.origin)},
           {"population_gained", r.population_gained},
           {"area_gained_km2", r.area_gained_km2},
           {"communes", r.communes.size()}}},
         {"geometry",
          {{"type", "Point"}, {"coordinates", json::array{r.site.point.lon, r.site.point.lat}}}}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace sohosolo::territory
