// What the ADSL model says on the programme's data: the expected connection at a commune, the
// coverage of the territory, and WiFi relay plans for the people it leaves without.
#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "territory/communes/service_impl.hpp"
#include "territory/connectivity/connectivity.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory {

using communes_internal::Details;
using communes_internal::ToModels;
using core::Error;
using core::ErrorCode;
using core::FieldError;

namespace {

constexpr double kMaxThresholdMbps = 1000;
/// Coverage answers kept per programme snapshot (each holds one entry per commune).
constexpr std::size_t kCoverageCacheSize = 32;

std::vector<FieldError> CheckCoverageQuery(const CoverageQuery& query) {
  std::vector<FieldError> errors;
  // Written so that NaN fails both checks.
  if (!(query.threshold_mbps > 0 && query.threshold_mbps <= kMaxThresholdMbps))
    errors.push_back({"threshold_mbps", "error.territory.bad_threshold"});
  if (!(query.too_far_share >= 0 && query.too_far_share <= 1))
    errors.push_back({"too_far_share", "error.territory.bad_share"});
  return errors;
}

}  // namespace

std::optional<Error> Service::Snapshot::RefusalForLand() const {
  if (communes.empty()) return Error::Of(ErrorCode::kNotFound, "error.territory.no_communes");
  if (without_outline > 0) {
    return Error{
        ErrorCode::kConflict,
        "error.territory.no_outline",
        {{std::to_string(without_outline) + " of " + std::to_string(communes.size()) + " communes",
          "error.territory.point_only"}},
        {}};
  }
  return std::nullopt;
}

CoverageResult Service::Snapshot::CoverageFor(double threshold_mbps, Technology technology) {
  std::lock_guard lock(territory_mutex);
  if (!territory) territory = std::make_unique<Territory>(ToModels(communes));
  const std::pair key{threshold_mbps, static_cast<int>(technology)};
  auto it = coverage.find(key);
  if (it == coverage.end()) {
    if (coverage.size() >= kCoverageCacheSize) coverage.clear();
    CoverageOptions options;
    options.threshold_mbps = threshold_mbps;
    options.technology = technology;
    options.official_area_km2 = params.official_area_km2;
    it = coverage.emplace(key, ExactCoverage(*territory, exchange_models, params.adsl, options))
             .first;
  }
  return it->second;
}

core::Result<CommuneConnectivity> Service::Connectivity(core::ProgrammeId p,
                                                        const std::string& code) {
  const auto snapshot = Current(p);
  const auto it = snapshot->by_code.find(code);
  if (it == snapshot->by_code.end())
    return Error::Of(ErrorCode::kNotFound, "error.territory.unknown_commune");
  const auto& commune = snapshot->communes[it->second];
  std::lock_guard lock(snapshot->locator_mutex);
  auto estimate = EstimateAt(snapshot->Locator(), commune.point, snapshot->params.adsl);
  if (!estimate) return estimate.error();
  QualifyForPartialList(*estimate, snapshot->params.exchanges_partial);
  return CommuneConnectivity{Details(commune), std::move(*estimate)};
}

core::Result<CoverageAnswer> Service::Coverage(core::ProgrammeId p, const CoverageQuery& query) {
  auto errors = CheckCoverageQuery(query);
  if (!errors.empty()) return core::Invalid(std::move(errors));

  const auto snapshot = Current(p);
  if (auto refused = snapshot->RefusalForLand()) return *refused;
  CoverageAnswer answer;
  answer.result = snapshot->CoverageFor(query.threshold_mbps, query.technology);
  answer.too_far = CommunesTooFar(answer.result, query.too_far_share);
  answer.too_far_share = query.too_far_share;
  answer.exchanges = snapshot->exchange_models.size();
  answer.exchanges_partial = snapshot->params.exchanges_partial;
  answer.exchanges_inside = static_cast<std::size_t>(
      std::count_if(snapshot->exchange_models.begin(), snapshot->exchange_models.end(),
                    [](const auto& e) { return e.in_territory; }));
  return answer;
}

core::Result<WifiPlan> Service::PlanWifi(core::ProgrammeId p, const WifiPlanOptions& options) {
  auto errors = ValidateWifiOptions(options);
  if (!errors.empty()) return core::Invalid(std::move(errors));
  const auto snapshot = Current(p);
  if (auto refused = snapshot->RefusalForLand()) return *refused;
  // The planner owns its GEOS context and uses its thread's PROJ objects: no lock needed.
  const auto communes = ToModels(snapshot->communes);
  return territory::PlanWifi(communes, snapshot->exchange_models, snapshot->params.adsl, options);
}

}  // namespace sohosolo::territory
