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
inline constexpr std::array<const char*, 7> kProfileFields = {
    "status", "sector", "skills", "village", "presentation", "website", "languages"};
/// Who sees a field: every member of the programme, or its advisors and admins only.
inline constexpr std::array<const char*, 2> kAudiences = {"members", "advisors"};
/// Professional statuses ("" : not said).
inline constexpr std::array<const char*, 3> kStatuses = {"independent", "entrepreneur", "salaried"};
/// The sections of the French activity nomenclature (NAF rév. 2), A to U.
inline constexpr const char* kSectors = "ABCDEFGHIJKLMNOPQRSTU";

inline constexpr std::size_t kMaxSkills = 20;
inline constexpr std::size_t kMaxSkillChars = 40;
inline constexpr std::size_t kMaxPresentationChars = 1000;
inline constexpr std::size_t kMaxWebsiteChars = 200;
inline constexpr std::size_t kMaxLanguagesChars = 100;

struct Profile {
  long long account_id = 0;
  std::string display_name;  ///< The account's name, kept here for the directory and its search.
  bool listed = false;       ///< In the directory (opt-in).
  std::string status;
  std::string sector;
  std::vector<std::string> skills;
  std::string village_code;
  std::string presentation;
  std::string website;
  std::string languages;
  /// field (kProfileFields) -> audience (kAudiences); a field not in the map is "members".
  std::map<std::string, std::string> shown;
  core::UnixSeconds updated_at = 0;

  const std::string& ShownTo(const std::string& field) const;
  /// Fields the asker may not see emptied (the name and account stay).
  Profile SeenBy(bool staff) const;
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

struct DirectoryPage {
  std::vector<Profile> items;
  std::string next_cursor;  ///< Empty on the last page.
};

}  // namespace sohosolo::community
