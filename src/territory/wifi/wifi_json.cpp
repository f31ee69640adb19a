// The plan as JSON for the API and `sohosolo plan-wifi --json`, and its sites and discs as
// GeoJSON for maps.
#include <boost/json.hpp>
#include <cmath>
#include <cstddef>
#include <utility>

#include "territory/geo/json.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;

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