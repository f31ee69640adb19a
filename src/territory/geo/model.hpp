#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohosolo::territory {

/// A WGS84 position (EPSG:4326), longitude first as in GeoJSON.
struct LonLat {
  double lon = 0;
  double lat = 0;
};

/// A closed ring: the first and last positions are equal.
using Ring = std::vector<LonLat>;

/// An exterior ring followed by its holes.
struct Polygon {
  std::vector<Ring> rings;
};

/// A commune (INSEE code) with its outline in WGS84. A Polygon feature gives one polygon, a
/// MultiPolygon several; communes read from a CSV have a point and no polygon.
struct Commune {
  std::string code;
  std::string name;
  /// INSEE legal population; absent when the source does not give it.
  std::optional<std::int64_t> population;
  std::vector<Polygon> polygons;
  /// Area in km² of the polygons on the equal-area EPSG:3035, or a CSV's `area_km2`; else 0.
  double area_km2 = 0;
  /// A point inside the commune: the source's own when it gives one, else the centroid of the
  /// polygons, or a point on the surface when the centroid falls outside.
  LonLat point;
};

/// A telephone exchange (NRA). Exchanges outside the territory still serve its border.
struct Exchange {
  std::string code;
  std::string name;
  double lon = 0;
  double lat = 0;
  bool in_territory = false;
};

/// Attenuation per km of one copper conductor diameter, at the ADSL reference frequency 300 kHz.
struct CableGauge {
  double gauge_mm = 0;
  double db_per_km = 0;
  std::string source;
};

/// One row of the rate-versus-attenuation table (downstream rates).
struct RatePoint {
  double attenuation_db = 0;
  double adsl_mbps = 0;       ///< ADSL1 or ADSL2.
  double adsl2plus_mbps = 0;  ///< ADSL2+.
};

/// What to do past the last row of the rate table, up to the no-ADSL limit.
enum class BeyondTable {
  kExtrapolate,  ///< Continue the slope of the last two rows (never below zero).
  kHoldLast,     ///< Keep the last row's rates.
};

/// The ADSL line model. Every figure is a parameter of the programme; DefaultAdslParameters()
/// (reference.hpp) fills them from the project's cited configuration file.
struct AdslParameters {
  /// Cable length over straight distance. √2 is Ofcom's "implied line length" factor.
  double detour_factor = 1.4142135623730951;
  /// Conductor diameter assumed for the whole line; must be in `gauges`.
  double gauge_mm = 0.4;
  std::vector<CableGauge> gauges;
  /// Sorted by attenuation, rates never increasing along it.
  std::vector<RatePoint> rates;
  std::string rates_source;
  BeyondTable beyond_table = BeyondTable::kExtrapolate;
  /// Above this attenuation no ADSL at all, not even READSL.
  double no_adsl_above_db = 78;
  /// Above this and up to `no_adsl_above_db`, only READSL at `readsl_mbps`.
  double readsl_above_db = 70;
  double readsl_mbps = 0.512;
  /// Where these parameters came from (a file name, or the embedded defaults).
  std::string origin;
};

/// Default reach of one WiFi relay (km, straight line) when a programme sets none.
inline constexpr double kDefaultWifiRadiusKm = 5;

/// Everything a programme sets about connectivity: the ADSL model, the official area its
/// coverage shares are also reported against (the Gers: 6,257 km²), and the WiFi relays' reach.
struct ProgrammeParameters {
  AdslParameters adsl;
  std::optional<double> official_area_km2;
  double wifi_radius_km = kDefaultWifiRadiusKm;
  /// The exchange list is known to miss exchanges (e.g. those OpenStreetMap knows): "no ADSL"
  /// becomes "unknown" and coverage figures are lower bounds. Parameters' "exchange_list".
  bool exchanges_partial = false;
};

/// The rate family a coverage threshold applies to.
enum class Technology { kAdsl2Plus, kAdsl };

/// The service a line can get. kUnknown: the nearest known exchange is too far for ADSL, but the
/// programme's exchange list is partial, so an exchange it misses may well serve the place.
enum class LineClass { kNone, kReadsl, kAdsl, kUnknown };

/// "none", "readsl", "adsl" or "unknown", as the API spells them.
std::string_view ToString(LineClass line_class);
std::string_view ToString(Technology technology);
std::string_view ToString(BeyondTable beyond_table);

/// The parameters behind an answer, small enough to repeat in each one.
struct ParametersUsed {
  double detour_factor = 0;
  double gauge_mm = 0;
  double db_per_km = 0;
  double no_adsl_above_db = 0;
  double readsl_above_db = 0;
  double readsl_mbps = 0;
  BeyondTable beyond_table = BeyondTable::kExtrapolate;
  std::string rates_source;
  std::string origin;
};

/// The expected connection at one point.
struct ConnectivityEstimate {
  Exchange exchange;
  double distance_km = 0;     ///< Straight distance on Lambert-93 (EPSG:2154).
  double line_length_km = 0;  ///< distance × detour factor.
  double attenuation_db = 0;  ///< line length × dB/km of the gauge.
  double adsl2plus_mbps = 0;
  double adsl_mbps = 0;
  LineClass line_class = LineClass::kNone;
  ParametersUsed parameters;
};

}  // namespace sohosolo::territory
