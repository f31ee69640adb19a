// Which relay sites and options a plan can take: the checks of ValidateWifiOptions, and the
// given sites read from CSV with the same limits.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>
#include <utility>

#include "core/text.hpp"
#include "territory/geo/csv.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory {

namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;

constexpr double kMaxThresholdMbps = 1000;
constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxIdBytes = 64;

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

std::string_view ToString(RelaySiteOrigin origin) {
  return origin == RelaySiteOrigin::kCommune ? "commune" : "given";
}

}  // namespace sohosolo::territory
