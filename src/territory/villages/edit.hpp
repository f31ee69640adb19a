#pragma once

// Validation of what advisors type about a village (forms and API alike): pure functions.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "territory/villages/model.hpp"

namespace sohosolo::territory {

/// Submitted fields as text: form fields as typed, JSON members converted (numbers and booleans
/// to their text, null to ""). Only the fields present are applied, so one function serves
/// creation (every required field present) and partial updates (PATCH).
using EditInput = std::map<std::string, std::string, std::less<>>;

enum class EditMode { kCreate, kUpdate };

/// Limits of the texts and figures advisors enter.
inline constexpr std::size_t kMaxNameChars = 120;
inline constexpr std::size_t kMaxContactChars = 200;
inline constexpr std::size_t kMaxDescriptionChars = 4000;
inline constexpr double kMaxServiceKm = 200;
inline constexpr long long kMaxPriceEur = 100'000'000;
inline constexpr double kMaxSurfaceM2 = 100'000;
inline constexpr int kMaxRooms = 50;

/// Applies `input` to `member`; returns one error per bad field (then `member` is not to be
/// saved). Fields: name (required), role, contact.
std::vector<core::FieldError> ApplyMember(CommitteeMember& member, const EditInput& input,
                                          EditMode mode);

/// Fields: kind (required), name, distance_km, or lon and lat together. When a position is
/// given, `distance_km` is computed from `village_point`; a creation needs one or the other.
std::vector<core::FieldError> ApplyService(NearbyService& service, const EditInput& input,
                                           EditMode mode, LonLat village_point);

/// Fields: kind and title (required), description, price_eur (whole euros), surface_m2,
/// rooms, available (true/false, 1/0, on/off). An empty optional field clears it.
std::vector<core::FieldError> ApplyListing(Listing& listing, const EditInput& input, EditMode mode);

/// host, associated or none.
bool IsVillageRole(const std::string& role);

}  // namespace sohosolo::territory
