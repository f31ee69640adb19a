#include "territory/villages/json.hpp"

#include "core/time.hpp"
#include "territory/geo/json.hpp"

namespace sohosolo::territory {

namespace json = boost::json;

json::object MemberJson(const CommitteeMember& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"role", m.role},
          {"contact", m.contact},
          {"demo", m.is_demo}};
}

json::object ServiceJson(const NearbyService& s) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"name", s.name},
          {"distance_km", s.distance_km},
          {"distance_kind", "straight_line"},
          {"position", s.position ? json::value{{"lon", s.position->lon}, {"lat", s.position->lat}}
                                  : json::value(nullptr)},
          {"demo", s.is_demo}};
}

json::object ListingJson(const Listing& l) {
  json::object out{{"id", l.id},
                   {"kind", l.kind},
                   {"title", l.title},
                   {"description", l.description},
                   {"price_eur", OrNull(l.price_eur)},
                   {"price_period", l.kind == "home_rent" ? "month" : "once"},
                   {"surface_m2", OrNull(l.surface_m2)},
                   {"rooms", l.rooms ? json::value(*l.rooms) : json::value(nullptr)},
                   {"available", l.available},
                   {"demo", l.is_demo}};
  return out;
}

json::object RequestJson(const AccompanimentRequest& r) {
  return {
      {"id", r.id},
      {"village", r.commune_code.empty() ? json::value(nullptr) : json::value(r.commune_code)},
      {"name", r.name},
      {"email", r.email},
      {"phone", r.phone},
      {"message", r.message},
      {"needs", r.needs},
      {"status", r.status},
      {"handled_by", r.handled_by ? json::value{{"id", *r.handled_by}, {"name", r.handled_by_name}}
                                  : json::value(nullptr)},
      {"handled_at",
       r.handled_at ? json::value(core::FormatRfc3339Paris(*r.handled_at)) : json::value(nullptr)},
      {"created_at", core::FormatRfc3339Paris(r.created_at)}};
}

/// The expected connection in short; the commune's connectivity route has every figure.
json::value ConnectivitySummary(const VillageView& v) {
  if (!v.connectivity) return nullptr;
  const auto& e = v.connectivity->estimate;
  return {{"exchange", e.exchange.name.empty() ? e.exchange.code : e.exchange.name},
          {"exchange_code", e.exchange.code},
          {"distance_km", e.distance_km},
          {"distance_kind", "straight_line"},
          {"adsl2plus_mbps", e.adsl2plus_mbps},
          {"class", ToString(e.line_class)},
          {"details", "/api/v1/communes/" + v.facts.code + "/connectivity"}};
}

json::object VillageViewJson(const VillageView& v) {
  const auto& f = v.facts;
  json::array committee, services, listings;
  for (const auto& m : v.detail.committee) committee.push_back(MemberJson(m));
  for (const auto& s : v.detail.services) services.push_back(ServiceJson(s));
  for (const auto& l : v.detail.listings) listings.push_back(ListingJson(l));
  return {{"code", f.code},
          {"nom", f.name},
          {"population", OrNull(f.population)},
          {"role", v.detail.role},
          {"welcome_committee", v.detail.welcome_committee},
          {"committee", std::move(committee)},
          {"services", std::move(services)},
          {"listings", std::move(listings)},
          {"adsl2plus_mbps", OrNull(f.adsl2plus_mbps)},
          {"class", f.line_class ? json::value(ToString(*f.line_class)) : json::value(nullptr)},
          {"nearest_workspace", f.workspace_km ? json::value{{"name", f.workspace_name},
                                                             {"distance_km", *f.workspace_km},
                                                             {"distance_kind", "straight_line"}}
                                               : json::value(nullptr)},
          {"connectivity", ConnectivitySummary(v)},
          {"page", "/villages/" + f.code}};
}

}  // namespace sohosolo::territory
