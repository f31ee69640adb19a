#pragma once

// Plain structs of a village in detail: committee, services, listings, accompaniment requests.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// A member of a village's welcome committee (the mayor, a volunteer, the programme's contact).
struct CommitteeMember {
  long long id = 0;
  std::string name;
  std::string role;
  std::string contact;
  bool is_demo = false;
};

/// Kinds of services a village lists, as stored and as the API spells them.
inline constexpr const char* kServiceKinds[] = {"school", "doctor", "pharmacy", "shop",
                                                "train_station"};

/// A service in or near a village, at a straight-line distance from the commune's point.
struct NearbyService {
  long long id = 0;
  std::string kind;  ///< One of kServiceKinds.
  std::string name;
  double distance_km = 0;
  std::optional<LonLat> position;  ///< When given, distance_km was computed from it.
  bool is_demo = false;
};

/// Kinds of listings: homes to rent (price per month) or buy, premises, businesses to take over.
inline constexpr const char* kListingKinds[] = {"home_rent", "home_sale", "premises", "business"};

struct Listing {
  long long id = 0;
  std::string kind;  ///< One of kListingKinds.
  std::string title;
  std::string description;
  std::optional<std::int64_t> price_eur;  ///< Monthly rent for home_rent, else a sale price.
  std::optional<double> surface_m2;
  std::optional<int> rooms;  ///< "Pièces" as French listings count them (living room included).
  bool available = true;
  bool is_demo = false;
};

/// Everything a village page shows besides the territory's figures.
struct VillageDetail {
  std::string code;
  std::string role = "none";      ///< host | associated | none
  std::string welcome_committee;  ///< Free text kept from the first version of villages.
  std::vector<CommitteeMember> committee;
  std::vector<NearbyService> services;
  std::vector<Listing> listings;
};

/// A visitor's request to be accompanied by the programme's advisors.
struct AccompanimentRequest {
  long long id = 0;
  std::string commune_code;
  std::string name;
  std::string email;
  std::string phone;
  std::string message;
  std::string needs;  ///< The finder's query string, so advisors can replay the search.
  std::string client_address;
  std::string status = "new";  ///< new | handled
  std::optional<long long> handled_by;
  std::string handled_by_name;
  std::optional<long long> handled_at;
  long long created_at = 0;
};

}  // namespace sohosolo::territory
