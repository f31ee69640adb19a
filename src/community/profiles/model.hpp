#pragma once
// Members' profiles and the directory: plain data, no db, no http.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::community {

/// The fields a member may show or keep for the advisors, each chosen separately.
inline constexpr std::array<const char*, 9> kProfileFields = {
    "status",  "sector",    "skills",  "village", "presentation",
    "website", "languages", "arrival", "photo"};
/// Who sees a field: anyone, on the village page (and every member); every member of the
/// programme; or its advisors and admins only. The household is always the advisors' only.
inline constexpr std::array<const char*, 3> kAudiences = {"public", "members", "advisors"};

/// Who looks at a profile: a visitor of the village page, a member, or staff (advisors,
/// admins), who see every field.
enum class Viewer { kPublic, kMember, kStaff };
/// Professional statuses ("" : not said).
inline constexpr std::array<const char*, 3> kStatuses = {"independent", "entrepreneur", "salaried"};
/// The sections of the French activity nomenclature (NAF rév. 2), A to U.
inline constexpr const char* kSectors = "ABCDEFGHIJKLMNOPQRSTU";

inline constexpr std::size_t kMaxSkills = 20;
inline constexpr std::size_t kMaxSkillChars = 40;
inline constexpr std::size_t kMaxPresentationChars = 1000;
inline constexpr std::size_t kMaxWebsiteChars = 200;
inline constexpr std::size_t kMaxLanguagesChars = 100;
inline constexpr std::size_t kMaxHouseholdChars = 300;
/// The programme's list of skills, and how many members a village page shows.
inline constexpr std::size_t kMaxProgrammeSkills = 500;
inline constexpr int kMaxVillageProfiles = 100;
/// Photos larger than this are refused: a page must stay light on a rural line.
inline constexpr std::size_t kMaxProfilePhotoBytes = 512 * 1024;

struct Profile {
  long long account_id = 0;
  std::string display_name;  ///< The account's name, kept here for the directory and its search.
  bool listed = false;       ///< In the directory (opt-in).
  std::string status;
  std::string sector;
  std::vector<std::string> skills;
  std::string village_code;
  std::string village_name;  ///< The commune's name (read, never stored with the profile).
  std::string presentation;
  std::string website;
  std::string languages;
  std::string arrival_month;               ///< "YYYY-MM", or empty.
  std::string household;                   ///< Advisors only, whatever `shown` says.
  core::UnixSeconds photo_updated_at = 0;  ///< 0: no photo.
  /// field (kProfileFields) -> audience (kAudiences); a field not in the map is "members".
  std::map<std::string, std::string> shown;
  core::UnixSeconds updated_at = 0;

  const std::string& ShownTo(const std::string& field) const;
  /// Whether `viewer` may see `field`.
  bool Shows(const std::string& field, Viewer viewer) const;
  /// Fields the viewer may not see emptied (the name and account stay).
  Profile SeenBy(Viewer viewer) const;
};

/// A search of the directory. Words are matched as prefixes, accents and case aside, in what
/// the asker may see; filters are exact (the skill compared folded).
struct DirectoryQuery {
  std::string text;
  std::string skill;
  std::string sector;
  std::string status;
  std::string village_code;
  std::string cursor;  ///< From the previous page's next_cursor; empty: the first page.
  int limit = 20;
};

/// A member's photo as stored.
struct ProfilePhoto {
  std::string content_type;  ///< image/jpeg or image/png
  std::string bytes;
  core::UnixSeconds updated_at = 0;
};

/// A skill of the programme's list, in its category.
struct ProgrammeSkill {
  std::string category;
  std::string label;
};

/// The skills map: how many listed members show a village and a skill of the category.
struct SkillsMapPoint {
  std::string village_code;
  std::string village_name;
  double lon = 0;
  double lat = 0;
  int members = 0;
};

struct DirectoryPage {
  std::vector<Profile> items;
  std::string next_cursor;  ///< Empty on the last page.
};

}  // namespace sohosolo::community
