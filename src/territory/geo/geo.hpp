#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "territory/geo/model.hpp"

// PROJ's own types, declared here so that users of this header need not include proj.h.
struct pj_ctx;
struct PJconsts;

namespace sohosolo::territory {

/// A planar position in metres, or (lon, lat) degrees in Crs::kWgs84.
struct Xy {
  double x = 0;
  double y = 0;
};

/// The coordinate reference systems the model works in.
enum class Crs {
  kWgs84,  ///< EPSG:4326, handled as (lon, lat) like GeoJSON.
  /// EPSG:2154, conformal: distances in France. Its scale error runs from −0.1 % (46.5°N) to
  /// +0.3 % (southern Corsica); in the Gers it lengthens distances by 0.03 % to 0.1 %.
  kLambert93,
  kLaea3035,  ///< EPSG:3035, ETRS89 Lambert azimuthal equal-area: areas in Europe.
};

/// A transformation between two CRSs. It owns its PROJ context, so Projectors are reentrant,
/// but one object is not thread-safe: give each thread its own.
class Projector {
 public:
  /// Throws std::runtime_error when PROJ cannot build the transformation (proj.db missing):
  /// that is an installation fault, not an input error.
  Projector(Crs from, Crs to);
  ~Projector();
  Projector(Projector&& other) noexcept;
  Projector& operator=(Projector&& other) noexcept;
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  Xy Forward(Xy p) const;
  Xy Inverse(Xy p) const;
  /// Transforms many points in one PROJ call.
  void Forward(std::span<Xy> points) const;
  void Inverse(std::span<Xy> points) const;

 private:
  void Transform(std::span<Xy> points, int direction) const;

  pj_ctx* context_ = nullptr;
  PJconsts* pj_ = nullptr;
};

/// Reads communes from a GeoJSON FeatureCollection in the IGN ADMIN EXPRESS / france-geojson
/// shape: each Feature has properties `code` and `nom` (strings) and optionally `population`
/// (a non-negative integer), and a Polygon or MultiPolygon geometry in WGS84. Computes each
/// commune's area (EPSG:3035) and representative point. Rejects, each as a field error
/// "feature N (code)" (N counts from 1), features that are not Features, missing or empty
/// properties, positions out of lon/lat range, rings that are not closed or have fewer than 4
/// positions, self-intersections, and codes seen in an earlier feature. Empty text, text that
/// is not JSON ("line L, column C" says where), a root that is not a FeatureCollection, and a
/// `crs` member naming anything but WGS84 fail as a whole.
core::Result<std::vector<Commune>> ParseCommunesGeoJson(std::string_view text);

/// Reads communes from CSV: columns `code`, `nom`, `population` and the representative point as
/// `lon`,`lat` (or `centroid_lon`,`centroid_lat`); an optional `area_km2` column gives the area.
/// Each rejected row is a field error "line N: column".
core::Result<std::vector<Commune>> ParseCommunesCsv(std::string_view text);

/// Reads exchanges from a GeoJSON FeatureCollection of Points. The code is the property `code`,
/// else `nra_code`, else `osm_id` (OpenStreetMap extracts rarely carry the NRA code); the name is
/// `name` or `nom`; `in_territory` (boolean) is optional.
core::Result<std::vector<Exchange>> ParseExchangesGeoJson(std::string_view text);

/// Reads exchanges from CSV with the same fields as ParseExchangesGeoJson plus `lon`, `lat`.
core::Result<std::vector<Exchange>> ParseExchangesCsv(std::string_view text);

}  // namespace sohosolo::territory
