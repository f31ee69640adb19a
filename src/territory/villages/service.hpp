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
#include "territory/communes/service.hpp"
#include "territory/geo/model.hpp"
#include "territory/villages/edit.hpp"
#include "territory/villages/model.hpp"
#include "territory/villages/store.hpp"

namespace sohosolo::territory {

/// What a village offers, from its `services` JSON text ({"school":true,"doctor":true,
/// "train_station_km":12.5}); unknown members are ignored.
struct VillageServices {
  bool school = false;  ///< A school in the village (within kInVillageKm).
  bool doctor = false;  ///< A doctor in the village (within kInVillageKm).
  std::optional<double> train_station_km;
  std::optional<double> school_km;  ///< Nearest school; 0 for a legacy "school": true.
};

/// A listed service this close to the commune's point counts as "in the village".
inline constexpr double kInVillageKm = 1.0;

/// The legacy services JSON with the village's service rows over it: for each kind that has
/// rows, the rows decide (nearest distance); otherwise the JSON does.
VillageServices MergeServices(VillageServices legacy, const std::vector<NearbyService>& rows);

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
  std::optional<LineClass> line_class;   ///< ADSL, READSL only, none (too far), or unknown.
  std::optional<double> workspace_km;    ///< Straight line to the nearest workspace.
  std::string workspace_name;
  std::vector<Listing> listings;      ///< Available listings only.
  std::vector<NearbyService> nearby;  ///< The service rows, for the pages.
};

/// Housing a newcomer looks for.
enum class Housing { kNone, kRent, kBuy };

/// A newcomer's needs. Distances are straight lines ("à vol d'oiseau"): no road network here.
struct FinderNeeds {
  double min_mbps = 0;
  double max_km_to_workspace = 0;
  bool needs_school = false;
  std::optional<double> max_km_to_station;
  std::optional<int> household_size;
  std::optional<double> max_km_to_school;
  Housing housing = Housing::kNone;
  std::optional<std::int64_t> budget_eur;  ///< Monthly rent (rent) or price (buy), whole euros.
};

/// Pièces a household needs: one per person, the living room counting as one (a couple in a
/// two-room home, a couple with two children in four). French listings count rooms this way.
int RoomsNeeded(int household_size);

/// The available home listings that fit `needs`: of the kind asked (rent or buy; both when only
/// the household size is given), within the budget, with enough rooms when the household size
/// is given (listings without a room count then do not fit).
std::vector<const Listing*> MatchingHomes(const std::vector<Listing>& listings,
                                          const FinderNeeds& needs);

/// One criterion for one village: met or not, with the village's figure and the limit.
struct Criterion {
  /// min_mbps | max_km_to_workspace | school | max_km_to_station | max_km_to_school | housing |
  /// household
  std::string name;
  bool met = false;
  std::optional<double> value;  ///< Absent when unknown (then never met). Listings: a count.
  double limit = 0;
  /// housing and household: the fitting listings, the cheapest price among them, the rooms and
  /// budget asked.
  std::vector<long long> listing_ids;
  std::optional<std::int64_t> cheapest_eur;
  std::optional<int> min_rooms;
  std::optional<std::int64_t> budget_eur;
};

struct RankedVillage {
  VillageFacts village;
  std::vector<Criterion> criteria;
  int met = 0;
  double score = 0;
};

/// Field errors for needs out of range (rates in (0, 1000], distances in (0, 500], household
/// 1 to 20, budget 1 to 100 000 000 and only with a housing need); empty when valid.
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

/// An advisor to notify of a new accompaniment request, in their language.
struct AdvisorAddress {
  std::string email;
  std::string language;
};
/// Advisors to notify of a new accompaniment request (the auth module's people).
using AdvisorSource = std::function<std::vector<AdvisorAddress>(core::ProgrammeId)>;

/// Whether rows are real or demonstration data (flagged on the pages and in the API).
enum class DataOrigin { kReal, kDemo };

/// The parts of a village that are lists of rows.
enum class VillagePart { kCommittee, kServices, kListings };

/// A village page: the territory's figures and the village's rows.
struct VillageView {
  VillageFacts facts;  ///< For any commune: role "none" when it is not a village.
  VillageDetail detail;
  std::optional<CommuneConnectivity> connectivity;
};

/// A village row to save.
struct VillageRecord {
  std::string commune_code;
  std::string role;  ///< host | associated | none
  std::string welcome_committee;
  std::string services = "{}";  ///< The first version's services JSON; rows now say more.
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
  /// Inserts a village or updates it (by commune code), keeping its committee, services and
  /// listings.
  void Save(core::ProgrammeId p, const VillageRecord& record);

  /// Any commune of the programme with its village rows. kNotFound for an unknown commune.
  core::Result<VillageView> View(core::ProgrammeId p, const std::string& code);
  /// Sets the role (field "role") and the free-text committee ("welcome_committee").
  core::Status Update(core::ProgrammeId p, const std::string& code, const EditInput& input);
  /// Adds a row to a part of the village (created with role "none" if needed); its id.
  core::Result<long long> AddItem(core::ProgrammeId p, const std::string& code, VillagePart part,
                                  const EditInput& input, DataOrigin origin = DataOrigin::kReal);
  /// Changes the fields given; kNotFound for an id not of this village.
  core::Status UpdateItem(core::ProgrammeId p, const std::string& code, VillagePart part,
                          long long id, const EditInput& input);
  core::Status DeleteItem(core::ProgrammeId p, const std::string& code, VillagePart part,
                          long long id);

 private:
  /// Facts of one village row (commune, rate, services merged); no workspace distance.
  VillageFacts Facts(core::ProgrammeId p, const VillageRow& row,
                     const std::vector<NearbyService>& services);

  db::Pool& pool_;
  Service& territory_;
  WorkspaceSource workspaces_;
};

/// GET /api/v1/villages, POST /api/v1/village-finder (public) and the page
/// GET /trouver-mon-village (a form that works without JavaScript).
void AddVillageRoutes(http::Router& router, VillageService& service);

}  // namespace sohosolo::territory
