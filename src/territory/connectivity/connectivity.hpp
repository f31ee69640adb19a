#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "territory/geo/geo.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// Downstream rates and class of a line of a given attenuation.
struct LineRates {
  double adsl2plus_mbps = 0;
  double adsl_mbps = 0;
  LineClass line_class = LineClass::kNone;
};

/// Applies the class rules: above `no_adsl_above_db` nothing; above `readsl_above_db` READSL at
/// `readsl_mbps`; otherwise the rates interpolated linearly in the table (the first row's rates
/// below its attenuation; past the last row, `beyond_table` decides). Expects validated
/// parameters (ValidateAdslParameters).
LineRates RatesAtAttenuation(double attenuation_db, const AdslParameters& params);

/// The whole model for one straight distance: line length, attenuation, rates, class.
/// Throws std::invalid_argument if the parameters' gauge is not in their table (validate first).
ConnectivityEstimate EstimateAtDistance(const Exchange& exchange, double distance_km,
                                        const AdslParameters& params);

/// The model inverted: the largest straight distance (km) up to which the `technology` rate stays
/// at or above `threshold_mbps` (READSL counts when the threshold is at most its rate). 0 when even
/// a line of zero length misses the threshold. Coverage draws discs of this radius.
double ReachKm(double threshold_mbps, Technology technology, const AdslParameters& params);

/// The parameters to quote in an answer. Throws like EstimateAtDistance.
ParametersUsed Summarise(const AdslParameters& params);

/// Exchanges placed on Lambert-93 for nearest-exchange queries. Owns a Projector, so one
/// object per thread.
class ExchangeLocator {
 public:
  explicit ExchangeLocator(std::vector<Exchange> exchanges);

  struct Nearest {
    const Exchange* exchange = nullptr;
    double distance_km = 0;
  };
  /// The nearest exchange to `p` in straight line, inside the territory or not (of equally
  /// near ones, the first given); nullopt when there is no exchange at all. A uniform grid of
  /// about two exchanges per cell, searched ring by ring: a national list of 15,000 exchanges
  /// costs a few cells per question instead of 15,000 distances.
  std::optional<Nearest> NearestTo(LonLat p) const;

  const std::vector<Exchange>& exchanges() const { return exchanges_; }

 private:
  void BuildGrid();

  std::vector<Exchange> exchanges_;
  Projector lambert93_;
  std::vector<Xy> positions_;
  // The grid over the positions' bounding box (Lambert-93): cell (i, j) holds the indices of
  // the exchanges in [x0 + i·cell, x0 + (i+1)·cell) × [y0 + j·cell, ...), in increasing order.
  double x0_ = 0, y0_ = 0, cell_ = 1;
  int columns_ = 1, rows_ = 1;
  std::vector<std::vector<std::uint32_t>> cells_;
};

/// An estimate made from a partial exchange list: "no ADSL" there only says that no known exchange
/// is near enough, so it becomes kUnknown (rates 0). Other classes stand: a missing exchange
/// could only bring a better line.
void QualifyForPartialList(ConnectivityEstimate& estimate, bool exchanges_partial);

/// The expected connection at `p`, served by its nearest exchange. kNotFound when there is no
/// exchange; kInvalid (with field errors) when the parameters are not usable.
core::Result<ConnectivityEstimate> EstimateAt(const ExchangeLocator& locator, LonLat p,
                                              const AdslParameters& params);

}  // namespace sohosolo::territory
