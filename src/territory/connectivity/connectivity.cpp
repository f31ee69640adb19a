#include "territory/connectivity/connectivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "territory/connectivity/reference.hpp"

namespace sohosolo::territory {

namespace {

double Rate(const RatePoint& point, Technology technology) {
  return technology == Technology::kAdsl ? point.adsl_mbps : point.adsl2plus_mbps;
}

// The table as a function of attenuation over [0, ∞), before the class rules.
double TableRate(double attenuation_db, Technology technology, const AdslParameters& params) {
  const auto& rates = params.rates;
  if (attenuation_db <= rates.front().attenuation_db) return Rate(rates.front(), technology);
  for (std::size_t i = 1; i < rates.size(); ++i) {
    if (attenuation_db > rates[i].attenuation_db) continue;
    const auto& a = rates[i - 1];
    const auto& b = rates[i];
    const double t = (attenuation_db - a.attenuation_db) / (b.attenuation_db - a.attenuation_db);
    return Rate(a, technology) + t * (Rate(b, technology) - Rate(a, technology));
  }
  const auto& last = rates.back();
  if (params.beyond_table == BeyondTable::kHoldLast) return Rate(last, technology);
  const auto& before = rates[rates.size() - 2];
  const double slope = (Rate(last, technology) - Rate(before, technology)) /
                       (last.attenuation_db - before.attenuation_db);
  return std::max(0.0, Rate(last, technology) + slope * (attenuation_db - last.attenuation_db));
}

// The first attenuation at which TableRate falls below `threshold`, or +∞ if it never does.
// Rates never increase along the table (validated), so this is where coverage ends.
double TableCrossing(double threshold, Technology technology, const AdslParameters& params) {
  const auto& rates = params.rates;
  if (Rate(rates.front(), technology) < threshold) return 0;
  for (std::size_t i = 1; i < rates.size(); ++i) {
    const double ra = Rate(rates[i - 1], technology);
    const double rb = Rate(rates[i], technology);
    if (rb >= threshold) continue;
    const double t = (ra - threshold) / (ra - rb);
    return rates[i - 1].attenuation_db +
           t * (rates[i].attenuation_db - rates[i - 1].attenuation_db);
  }
  const auto& last = rates.back();
  const auto& before = rates[rates.size() - 2];
  const double drop = Rate(before, technology) - Rate(last, technology);
  if (params.beyond_table == BeyondTable::kHoldLast || drop <= 0) {
    return std::numeric_limits<double>::infinity();
  }
  const double per_db = drop / (last.attenuation_db - before.attenuation_db);
  // A threshold of 0 is never crossed: extrapolated rates stop at zero rather than go below.
  if (threshold <= 0) return std::numeric_limits<double>::infinity();
  return last.attenuation_db + (Rate(last, technology) - threshold) / per_db;
}

double RequireDbPerKm(const AdslParameters& params) {
  const auto db_per_km = DbPerKm(params);
  if (!db_per_km)
    throw std::invalid_argument("ADSL parameters: gauge not in the attenuation table");
  return *db_per_km;
}

}  // namespace

LineRates RatesAtAttenuation(double attenuation_db, const AdslParameters& params) {
  if (attenuation_db > params.no_adsl_above_db) return {0, 0, LineClass::kNone};
  if (attenuation_db > params.readsl_above_db) {
    return {params.readsl_mbps, params.readsl_mbps, LineClass::kReadsl};
  }
  return {TableRate(attenuation_db, Technology::kAdsl2Plus, params),
          TableRate(attenuation_db, Technology::kAdsl, params), LineClass::kAdsl};
}

ConnectivityEstimate EstimateAtDistance(const Exchange& exchange, double distance_km,
                                        const AdslParameters& params) {
  ConnectivityEstimate estimate;
  estimate.exchange = exchange;
  estimate.distance_km = distance_km;
  estimate.line_length_km = distance_km * params.detour_factor;
  estimate.attenuation_db = estimate.line_length_km * RequireDbPerKm(params);
  const auto rates = RatesAtAttenuation(estimate.attenuation_db, params);
  estimate.adsl2plus_mbps = rates.adsl2plus_mbps;
  estimate.adsl_mbps = rates.adsl_mbps;
  estimate.line_class = rates.line_class;
  estimate.parameters = Summarise(params);
  return estimate;
}

double ReachKm(double threshold_mbps, Technology technology, const AdslParameters& params) {
  const double db_per_km = RequireDbPerKm(params);
  double reach_db =
      std::min(TableCrossing(threshold_mbps, technology, params), params.readsl_above_db);
  // A line that keeps the threshold up to the ADSL limit keeps it through the READSL band if
  // READSL's rate is enough.
  const bool adsl_all_the_way =
      TableCrossing(threshold_mbps, technology, params) > params.readsl_above_db;
  if (adsl_all_the_way && params.readsl_mbps >= threshold_mbps) reach_db = params.no_adsl_above_db;
  return reach_db / db_per_km / params.detour_factor;
}

ParametersUsed Summarise(const AdslParameters& params) {
  return {params.detour_factor,    params.gauge_mm,        RequireDbPerKm(params),
          params.no_adsl_above_db, params.readsl_above_db, params.readsl_mbps,
          params.beyond_table,     params.rates_source,    params.origin};
}

ExchangeLocator::ExchangeLocator(std::vector<Exchange> exchanges)
    : exchanges_(std::move(exchanges)), lambert93_(Crs::kWgs84, Crs::kLambert93) {
  for (const auto& e : exchanges_) positions_.push_back({e.lon, e.lat});
  lambert93_.Forward(positions_);
  BuildGrid();
}

void ExchangeLocator::BuildGrid() {
  if (positions_.empty()) return;
  double x1 = positions_.front().x, y1 = positions_.front().y;
  x0_ = x1;
  y0_ = y1;
  for (const auto& p : positions_) {
    x0_ = std::min(x0_, p.x);
    y0_ = std::min(y0_, p.y);
    x1 = std::max(x1, p.x);
    y1 = std::max(y1, p.y);
  }
  // About two exchanges per cell; at least 1 m so that a single position makes one cell.
  const double area = std::max((x1 - x0_) * (y1 - y0_), 1.0);
  cell_ = std::max(std::sqrt(2 * area / static_cast<double>(positions_.size())), 1.0);
  columns_ = static_cast<int>((x1 - x0_) / cell_) + 1;
  rows_ = static_cast<int>((y1 - y0_) / cell_) + 1;
  cells_.assign(static_cast<std::size_t>(columns_) * rows_, {});
  for (std::size_t i = 0; i < positions_.size(); ++i) {
    const int cx = std::min(columns_ - 1, static_cast<int>((positions_[i].x - x0_) / cell_));
    const int cy = std::min(rows_ - 1, static_cast<int>((positions_[i].y - y0_) / cell_));
    cells_[static_cast<std::size_t>(cy) * columns_ + cx].push_back(static_cast<std::uint32_t>(i));
  }
}

std::optional<ExchangeLocator::Nearest> ExchangeLocator::NearestTo(LonLat p) const {
  if (exchanges_.empty()) return std::nullopt;
  const Xy here = lambert93_.Forward({p.lon, p.lat});
  const int cx = std::clamp(static_cast<int>(std::floor((here.x - x0_) / cell_)), 0, columns_ - 1);
  const int cy = std::clamp(static_cast<int>(std::floor((here.y - y0_) / cell_)), 0, rows_ - 1);
  std::size_t best = 0;
  double best_d2 = std::numeric_limits<double>::infinity();
  const auto visit = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= columns_ || y >= rows_) return;
    for (const auto i : cells_[static_cast<std::size_t>(y) * columns_ + x]) {
      const double dx = positions_[i].x - here.x;
      const double dy = positions_[i].y - here.y;
      const double d2 = dx * dx + dy * dy;
      // Ties go to the first exchange given, as a scan in order would choose.
      if (d2 < best_d2 || (d2 == best_d2 && i < best)) {
        best_d2 = d2;
        best = i;
      }
    }
  };
  const int max_ring = std::max(columns_, rows_);
  for (int r = 0; r <= max_ring; ++r) {
    if (r == 0) visit(cx, cy);
    for (int k = -r; r > 0 && k <= r; ++k) {
      visit(cx + k, cy - r);
      visit(cx + k, cy + r);
      if (k > -r && k < r) {
        visit(cx - r, cy + k);
        visit(cx + r, cy + k);
      }
    }
    // Every exchange not yet seen lies outside the square of rings 0..r: stop once that square's
    // edge is farther than the best found (strictly, so that an equally near exchange of a
    // lower index further out is still seen).
    const double edge =
        std::min({here.x - (x0_ + (cx - r) * cell_), x0_ + (cx + r + 1) * cell_ - here.x,
                  here.y - (y0_ + (cy - r) * cell_), y0_ + (cy + r + 1) * cell_ - here.y});
    if (edge > 0 && edge * edge > best_d2) break;
  }
  return Nearest{&exchanges_[best], std::sqrt(best_d2) / 1000};
}

void QualifyForPartialList(ConnectivityEstimate& estimate, bool exchanges_partial) {
  if (exchanges_partial && estimate.line_class == LineClass::kNone)
    estimate.line_class = LineClass::kUnknown;
}

core::Result<ConnectivityEstimate> EstimateAt(const ExchangeLocator& locator, LonLat p,
                                              const AdslParameters& params) {
  if (auto valid = ValidateAdslParameters(params); !valid) return valid.error();
  const auto nearest = locator.NearestTo(p);
  if (!nearest) return core::Error::Of(core::ErrorCode::kNotFound, "error.territory.no_exchange");
  return EstimateAtDistance(*nearest->exchange, nearest->distance_km, params);
}

}  // namespace sohosolo::territory
