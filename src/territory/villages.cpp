#include "territory/villages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <cmath>
#include <limits>

#include "core/time.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"
#include "territory/json.hpp"
#include "territory/pages.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::Error;
using core::ErrorCode;
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

double Score(const VillageFacts& v, const FinderNeeds& n) {
  double score = 0;
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
    r.met = static_cast<int>(std::count_if(r.criteria.begin(), r.criteria.end(),
                                           [](const Criterion& c) { return c.met; }));
    r.score = Score(v, n);
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

std::vector<VillageFacts> VillageService::Villages(core::ProgrammeId p) {
  std::vector<VillageFacts> out;
  {
    auto lease = pool_.Acquire();
    std::string code, role, committee, services;
    soci::statement st =
        (lease.sql().prepare
             << "SELECT commune_code, role, welcome_committee, services FROM villages "
                "WHERE programme_id = :p AND role IN ('host', 'associated') ORDER BY commune_code",
         soci::use(p.value), soci::into(code), soci::into(role), soci::into(committee),
         soci::into(services));
    st.execute();
    while (st.fetch()) {
      VillageFacts v;
      v.code = code;
      v.role = role;
      v.welcome_committee = committee;
      v.services = ParseServices(services);
      out.push_back(std::move(v));
    }
  }
  for (auto& v : out) {
    if (auto commune = territory_.GetCommune(p, v.code)) {
      v.name = commune->summary.name;
      v.population = commune->summary.population;
      v.point = commune->point;
    }
    if (auto c = territory_.Connectivity(p, v.code)) {
      v.adsl2plus_mbps = c->estimate.adsl2plus_mbps;
      v.line_class = c->estimate.line_class;
    }
  }
  AttachNearestWorkspace(out, workspaces_ ? workspaces_(p) : std::vector<WorkspacePoint>{});
  return out;
}

core::Result<std::vector<RankedVillage>> VillageService::Find(core::ProgrammeId p,
                                                              const FinderNeeds& needs) {
  auto errors = ValidateNeeds(needs);
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.invalid", std::move(errors), {}};
  return RankVillages(Villages(p), needs);
}

void VillageService::Save(core::ProgrammeId p, const VillageRecord& r) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  const long long now = core::Now();
  lease.sql() << "DELETE FROM villages WHERE programme_id = :p AND commune_code = :c",
      soci::use(p.value), soci::use(r.commune_code);
  lease.sql() << "INSERT INTO villages (programme_id, commune_code, role, welcome_committee, "
                 "services, listings, "
                 "updated_at) VALUES (:p, :c, :r, :w, :s, :l, :t)",
      soci::use(p.value), soci::use(r.commune_code), soci::use(r.role),
      soci::use(r.welcome_committee), soci::use(r.services), soci::use(r.listings), soci::use(now);
  tx.Commit();
}

}  // namespace sohosolo::territory
