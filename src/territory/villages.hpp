#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "territory/model.hpp"
#include "territory/service.hpp"

namespace sohosolo::territory {

/// What a village offers, from its `services` JSON text ({"school":true,"doctor":true,
/// "train_station_km":12.5}); unknown members are ignored.
struct VillageServices {
  bool school = false;
  bool doctor = false;
  std::optional<double> train_station_km;
};

/// A telecentre or coworking space as the finder needs it: a name and a position.
struct WorkspacePoint {
  std::string name;
  LonLat point;
};

/// A host or associated village with the figures the finder compares.
struct VillageFacts {
  std::string code;
  std::string name;
  std::optional<std::int64_t> population;
  std::string role;  ///< host | associated
  std::string welcome_committee;
  VillageServices services;
  LonLat point;
  std::optional<double> adsl2plus_mbps;  ///< Absent when the programme has no exchange.
  std::optional<LineClass> line_class;   ///< ADSL, READSL only, or none (too far).
  std::optional<double> workspace_km;    ///< Straight line to the nearest workspace.
  std::string workspace_name;
};

/// A newcomer's needs. Distances are straight lines ("à vol d'oiseau"): no road network here.
struct FinderNeeds {
  double min_mbps = 0;
  double max_km_to_workspace = 0;
  bool needs_school = false;
  std::optional<double> max_km_to_station;
  std::optional<int> household_size;
};

/// One criterion for one village: met or not, with the village's figure and the limit.
struct Criterion {
  std::string name;  ///< min_mbps | max_km_to_workspace | school | max_km_to_station
  bool met = false;
  std::optional<double> value;  ///< Absent when unknown (then never met).
  double limit = 0;
};

struct RankedVillage {
  VillageFacts village;
  std::vector<Criterion> criteria;
  int met = 0;
  double score = 0;
};

/// Field errors for needs out of range (rates in (0, 1000], distances in (0, 500], household
/// 1 to 20); empty when valid.
std::vector<core::FieldError> ValidateNeeds(const FinderNeeds& needs);

/// Great-circle distance in km (spherical Earth, R = 6371 km).
double StraightLineKm(LonLat a, LonLat b);

/// Sets each village's nearest workspace and its straight-line distance.
void AttachNearestWorkspace(std::vector<VillageFacts>& villages,
                            const std::vector<WorkspacePoint>& workspaces);

/// Villages ranked by criteria met (most first), then by score (margins over the limits: the
/// larger the better), then by name. Pure: no I/O.
std::vector<RankedVillage> RankVillages(std::vector<VillageFacts> villages,
                                        const FinderNeeds& needs);

/// Parses a services JSON text; malformed text gives no services.
VillageServices ParseServices(const std::string& json_text);

/// Workspaces of a programme, supplied by the composition (the workspaces module's service).
using WorkspaceSource = std::function<std::vector<WorkspacePoint>(core::ProgrammeId)>;

/// A village row to save.
struct VillageRecord {
  std::string commune_code;
  std::string role;  ///< host | associated | none
  std::string welcome_committee;
  std::string services = "{}";
  std::string listings = "[]";
};

/// Villages of a programme: stored roles and services with the territory's figures.
class VillageService {
 public:
  VillageService(db::Pool& pool, Service& territory, WorkspaceSource workspaces)
      : pool_(pool), territory_(territory), workspaces_(std::move(workspaces)) {}

  /// Host and associated villages with their commune, expected rate and nearest workspace.
  std::vector<VillageFacts> Villages(core::ProgrammeId p);
  /// kInvalid with field errors for bad needs.
  core::Result<std::vector<RankedVillage>> Find(core::ProgrammeId p, const FinderNeeds& needs);
  /// Inserts or replaces a village (by commune code).
  void Save(core::ProgrammeId p, const VillageRecord& record);

 private:
  db::Pool& pool_;
  Service& territory_;
  WorkspaceSource workspaces_;
};

/// GET /api/v1/villages, POST /api/v1/village-finder (public) and the page
/// GET /trouver-mon-village (a form that works without JavaScript).
void AddVillageRoutes(http::Router& router, VillageService& service);

}  // namespace sohosolo::territory
