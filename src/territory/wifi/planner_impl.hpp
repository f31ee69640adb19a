#pragma once

// The inside of PlanWifi (wifi.hpp): the planner's state on EPSG:3035, shared by the planning
// loop (plan.cpp), the lazy greedy (greedy.cpp) and the bounds (bounds.cpp). Not an API: the
// names live in wifi_internal so that they cannot meet other parts' helpers at link time.
#include <cstddef>
#include <vector>

#include "territory/geo/geo.hpp"
#include "territory/geo/geos.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory::wifi_internal {

/// An axis-aligned box on EPSG:3035.
struct Envelope {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  bool Overlaps(const Envelope& o) const {
    return min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
  }
};

/// Population and land a relay reaches.
struct Gain {
  double population = 0;
  double area_km2 = 0;
  bool Positive() const { return population > 0 || area_km2 > 0; }
};

/// What one relay reaches of one commune.
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

/// The coverage problem at one moment, relaxed for the Lagrangian bound (see bounds.cpp): each
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

/// This thread's projections, built at its first plan.
const Projections& ThreadProjections();

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

}  // namespace sohosolo::territory::wifi_internal
