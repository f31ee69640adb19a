#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "territory/communes/store.hpp"
#include "territory/villages/model.hpp"

namespace sohosolo::territory {

/// A row of `villages`.
struct VillageRow {
  std::string code;
  std::string role;
  std::string welcome_committee;
  std::string services_json;  ///< Services of the first version (school, doctor, station km).
};

/// SQL of villages, their committee, services, listings and accompaniment requests, and the
/// single-exchange edits; scoped to one programme. Writes run inside the caller's transaction.
class VillageStore {
 public:
  VillageStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}

  /// Host and associated villages, by code.
  std::vector<VillageRow> Villages();
  std::optional<VillageRow> Village(const std::string& code);
  bool CommuneExists(const std::string& code);
  /// Inserts the village or updates its role (and the free-text committee when given); rows that
  /// hang on the village (committee, services, listings) are kept.
  void UpsertVillage(const std::string& code, const std::string& role,
                     const std::optional<std::string>& committee_text,
                     const std::optional<std::string>& services_json, long long now);

  /// Creates the village with role "none" unless it exists.
  void EnsureVillage(const std::string& code, long long now);

  std::vector<CommitteeMember> Committee(const std::string& code);
  /// Every service of the programme's villages, by village code (one query for the finder).
  std::map<std::string, std::vector<NearbyService>> AllServices();
  std::vector<NearbyService> Services(const std::string& code);
  /// Listings of a village; `available_only` for the finder and for visitors.
  std::vector<Listing> Listings(const std::string& code);
  std::map<std::string, std::vector<Listing>> AllAvailableListings();

  long long InsertMember(const std::string& code, const CommitteeMember& m, long long now);
  bool UpdateMember(const std::string& code, const CommitteeMember& m, long long now);
  long long InsertService(const std::string& code, const NearbyService& s, long long now);
  bool UpdateService(const std::string& code, const NearbyService& s, long long now);
  long long InsertListing(const std::string& code, const Listing& l, long long now);
  bool UpdateListing(const std::string& code, const Listing& l, long long now);
  /// `table` is one of village_committee, village_services, village_listings.
  bool DeleteRow(const char* table, const std::string& code, long long id);

  long long InsertRequest(const AccompanimentRequest& r);
  /// Newest first, with ids below `before_id`, of one status when `status` is not empty.
  std::vector<AccompanimentRequest> Requests(int limit, long long before_id,
                                             const std::string& status = "");
  std::optional<AccompanimentRequest> Request(long long id);
  long long CountRequestsFrom(const std::string& address, long long since);
  /// False when the request is unknown or already handled.
  bool MarkHandled(long long id, long long account_id, const std::string& account_name,
                   long long now);

  std::optional<ExchangeRecord> Exchange(const std::string& code);
  bool DeleteExchange(const std::string& code);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::territory
