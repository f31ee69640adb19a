#pragma once

// The inside of coverage.hpp's Territory, shared by its exact and raster computations.
#include <vector>

#include "territory/connectivity/coverage.hpp"
#include "territory/geo/geo.hpp"
#include "territory/geo/geos.hpp"

namespace sohosolo::territory {

/// An axis-aligned box on EPSG:3035.
struct Box {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

struct Territory::Impl {
  // Declared first so that it is destroyed last: every geometry below belongs to it.
  geos::Context ctx;
  Projector to_laea{Crs::kWgs84, Crs::kLaea3035};
  Projector to_lambert93{Crs::kWgs84, Crs::kLambert93};
  Projector lambert93_to_laea{Crs::kLambert93, Crs::kLaea3035};
  Projector laea_to_lambert93{Crs::kLaea3035, Crs::kLambert93};

  std::vector<Commune> communes;
  /// Per commune, on EPSG:3035: its GEOS shape, its area (km²), every ring, its bounding box.
  std::vector<geos::Geom> shapes;
  std::vector<double> shape_km2;
  std::vector<std::vector<std::vector<Xy>>> rings;
  std::vector<Box> boxes;
  geos::Geom outline;
  geos::Prepared outline_prepared;
  Box outline_box;
  double area_km2 = 0;
  double outline_km = 0;
};

}  // namespace sohosolo::territory
