#include "territory/villages/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <cmath>
#include <limits>
#include <map>

#include "core/time.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"
#include "territory/communes/pages.hpp"
#include "territory/geo/json.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::FieldError;

constexpr double kEarthRadiusKm = 6371.0;
constexpr double kPi = 3.14159265358979323846;
/// A rate margin counts up to three times the need: beyond that a faster line changes little.
constexpr double kMaxRateRatio = 3.0;

bool InRange(double v, double low, double high) { return std::isfinite(v) && v > low && v <= high; }

/// How far under a distance limit a figure is, 0 at the limit, 1 on the spot.
double Closeness(double km, double limit) { return std::clamp(1.0 - km / limit, 0.0, 1.0); }

Criterion RateCriterion(const VillageFacts& v, const FinderNeeds& n) {
  return {"min_mbps", v.adsl2plus_mbps && *v.adsl2plus_mbps >= n.min_mbps, v.adsl2plus_mbps,
          n.min_mbps};
}

Criterion DistanceCriterion(const char* name, const std::optional<double>& km, double limit) {
  return {name, km && *km <= limit, km, limit};
}

/// Fitting listings count up to this many in the score: more choice helps, up to a point.
constexpr double kMaxListingsScored = 3.0;

double Score(const VillageFacts& v, const FinderNeeds& n, std::size_t homes) {
  double score = 0;
  if (n.max_km_to_school && v.services.school_km)
    score += Closeness(*v.services.school_km, *n.max_km_to_school);
  score += std::min(static_cast<double>(homes), kMaxListingsScored) / kMaxListingsScored;
  if (v.adsl2plus_mbps) score += std::min(*v.adsl2plus_mbps / n.min_mbps, kMaxRateRatio);
  if (v.workspace_km) score += Closeness(*v.workspace_km, n.max_km_to_workspace);
  if (n.max_km_to_station && v.services.train_station_km)
    score += Closeness(*v.services.train_station_km, *n.max_km_to_station);
  if (v.services.school) score += 0.5;
  if (v.services.doctor) score += 0.5;
  return score;
}

}  // namespace

std::vector<FieldError> ValidateNeeds(const FinderNeeds& n) {
  std::vector<FieldError> errors;
  if (!InRange(n.min_mbps, 0, 1000)) errors.push_back({"min_mbps", "error.village.bad_need"});
  if (!InRange(n.max_km_to_workspace, 0, 500))
    errors.push_back({"max_km_to_workspace", "error.village.bad_need"});
  if (n.max_km_to_station && !InRange(*n.max_km_to_station, 0, 500))
    errors.push_back({"max_km_to_station", "error.village.bad_need"});
  if (n.household_size && (*n.household_size < 1 || *n.household_size > 20))
    errors.push_back({"household_size", "error.village.bad_need"});
  if (n.max_km_to_school && !InRange(*n.max_km_to_school, 0, 500))
    errors.push_back({"max_km_to_school", "error.village.bad_need"});
  if (n.budget_eur && (*n.budget_eur < 1 || *n.budget_eur > kMaxPriceEur))
    errors.push_back({"budget_eur", "error.village.bad_need"});
  if (n.budget_eur && n.housing == Housing::kNone)
    errors.push_back({"budget_eur", "error.village.budget_without_housing"});
  return errors;
}

double StraightLineKm(LonLat a, LonLat b) {
  const auto rad = [](double d) { return d * kPi / 180.0; };
  const double dlat = rad(b.lat - a.lat), dlon = rad(b.lon - a.lon);
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(rad(a.lat)) * std::cos(rad(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

void AttachNearestWorkspace(std::vector<VillageFacts>& villages,
                            const std::vector<WorkspacePoint>& workspaces) {
  for (auto& v : villages) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& w : workspaces) {
      const double km = StraightLineKm(v.point, w.point);
      if (km >= best) continue;
      best = km;
      v.workspace_km = km;
      v.workspace_name = w.name;
    }
  }
}

int RoomsNeeded(int household_size) { return std::max(1, household_size); }

std::vector<const Listing*> MatchingHomes(const std::vector<Listing>& listings,
                                          const FinderNeeds& n) {
  std::vector<const Listing*> out;
  for (const auto& l : listings) {
    if (!l.available) continue;
    const bool rent = l.kind == "home_rent", sale = l.kind == "home_sale";
    if (!rent && !sale) continue;
    if (n.housing == Housing::kRent && !rent) continue;
    if (n.housing == Housing::kBuy && !sale) continue;
    if (n.budget_eur && (!l.price_eur || *l.price_eur > *n.budget_eur)) continue;
    if (n.household_size && (!l.rooms || *l.rooms < RoomsNeeded(*n.household_size))) continue;
    out.push_back(&l);
  }
  return out;
}

VillageServices MergeServices(VillageServices s, const std::vector<NearbyService>& rows) {
  std::map<std::string, double> nearest;
  for (const auto& r : rows) {
    const auto it = nearest.find(r.kind);
    if (it == nearest.end() || r.distance_km < it->second) nearest[r.kind] = r.distance_km;
  }
  if (s.school && !s.school_km) s.school_km = 0;
  if (const auto it = nearest.find("school"); it != nearest.end()) {
    s.school_km = it->second;
    s.school = it->second <= kInVillageKm;
  }
  if (const auto it = nearest.find("doctor"); it != nearest.end())
    s.doctor = it->second <= kInVillageKm;
  if (const auto it = nearest.find("train_station"); it != nearest.end())
    s.train_station_km = it->second;
  return s;
}

namespace {

/// The housing criterion (rent or buy asked) or the household one (only a size asked).
std::optional<Criterion> HomeCriterion(const VillageFacts& v, const FinderNeeds& n,
                                       std::size_t& fitting) {
  fitting = 0;
  if (n.housing == Housing::kNone && !n.household_size) return std::nullopt;
  const auto homes = MatchingHomes(v.listings, n);
  fitting = homes.size();
  Criterion c;
  c.name = n.housing == Housing::kNone ? "household" : "housing";
  c.value = static_cast<double>(homes.size());
  c.limit = 1;
  c.met = !homes.empty();
  for (const auto* l : homes) {
    c.listing_ids.push_back(l->id);
    if (l->price_eur && (!c.cheapest_eur || *l->price_eur < *c.cheapest_eur))
      c.cheapest_eur = l->price_eur;
  }
  if (n.household_size) c.min_rooms = RoomsNeeded(*n.household_size);
  c.budget_eur = n.budget_eur;
  return c;
}

}  // namespace

std::vector<RankedVillage> RankVillages(std::vector<VillageFacts> villages, const FinderNeeds& n) {
  std::vector<RankedVillage> out;
  out.reserve(villages.size());
  for (auto& v : villages) {
    RankedVillage r;
    r.criteria.push_back(RateCriterion(v, n));
    r.criteria.push_back(
        DistanceCriterion("max_km_to_workspace", v.workspace_km, n.max_km_to_workspace));
    if (n.needs_school)
      r.criteria.push_back({"school", v.services.school, v.services.school ? 1.0 : 0.0, 1});
    if (n.max_km_to_station)
      r.criteria.push_back(DistanceCriterion("max_km_to_station", v.services.train_station_km,
                                             *n.max_km_to_station));
    if (n.max_km_to_school)
      r.criteria.push_back(
          DistanceCriterion("max_km_to_school", v.services.school_km, *n.max_km_to_school));
    std::size_t homes = 0;
    if (auto home = HomeCriterion(v, n, homes)) r.criteria.push_back(std::move(*home));
    r.met = static_cast<int>(std::count_if(r.criteria.begin(), r.criteria.end(),
                                           [](const Criterion& c) { return c.met; }));
    r.score = Score(v, n, homes);
    r.village = std::move(v);
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const RankedVillage& a, const RankedVillage& b) {
    if (a.met != b.met) return a.met > b.met;
    if (a.score != b.score) return a.score > b.score;
    return a.village.name < b.village.name;
  });
  return out;
}

VillageServices ParseServices(const std::string& text) {
  VillageServices s;
  boost::system::error_code ec;
  const auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return s;
  const auto& o = value.get_object();
  if (const auto* v = o.if_contains("school"); v && v->is_bool()) s.school = v->get_bool();
  if (const auto* v = o.if_contains("doctor"); v && v->is_bool()) s.doctor = v->get_bool();
  if (const auto* v = o.if_contains("train_station_km"); v && v->is_number())
    s.train_station_km = v->to_number<double>();
  return s;
}

VillageFacts VillageService::Facts(core::ProgrammeId p, const VillageRow& row,
                                   const std::vector<NearbyService>& services) {
  VillageFacts v;
  v.code = row.code;
  v.role = row.role;
  v.welcome_committee = row.welcome_committee;
  v.services = MergeServices(ParseServices(row.services_json), services);
  v.nearby = services;
  if (auto commune = territory_.GetCommune(p, v.code)) {
    v.name = commune->summary.name;
    v.population = commune->summary.population;
    v.point = commune->point;
  }
  if (auto c = territory_.Connectivity(p, v.code)) {
    v.line_class = c->estimate.line_class;
    // Unknown (partial exchange list): no rate to compare, rather than a rate of zero.
    if (c->estimate.line_class != LineClass::kUnknown)
      v.adsl2plus_mbps = c->estimate.adsl2plus_mbps;
  }
  return v;
}

std::vector<VillageFacts> VillageService::Villages(core::ProgrammeId p) {
  std::vector<VillageRow> rows;
  std::map<std::string, std::vector<NearbyService>> services;
  std::map<std::string, std::vector<Listing>> listings;
  {
    auto lease = pool_.Acquire();
    VillageStore store(lease, p);
    rows = store.Villages();
    services = store.AllServices();
    listings = store.AllAvailableListings();
  }
  std::vector<VillageFacts> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back(Facts(p, row, services[row.code]));
    out.back().listings = std::move(listings[row.code]);
  }
  AttachNearestWorkspace(out, workspaces_ ? workspaces_(p) : std::vector<WorkspacePoint>{});
  return out;
}

core::Result<std::vector<RankedVillage>> VillageService::Find(core::ProgrammeId p,
                                                              const FinderNeeds& needs) {
  auto errors = ValidateNeeds(needs);
  if (!errors.empty()) return core::Invalid(std::move(errors));
  return RankVillages(Villages(p), needs);
}

void VillageService::Save(core::ProgrammeId p, const VillageRecord& r) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  VillageStore(lease, p).UpsertVillage(r.commune_code, r.role, r.welcome_committee, r.services,
                                       core::Now());
  tx.Commit();
}

}  // namespace sohosolo::territory
