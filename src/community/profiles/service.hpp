#pragma once
// Members' profiles and the directory: what the routes may ask, with the checks of who sees
// what. No HTTP, no SQL.

#include <string>

#include "community/profiles/model.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

/// A profile as a member sends it (form or JSON), before any check.
struct ProfileInput {
  bool listed = false;
  std::string status;
  std::string sector;
  std::string skills;  ///< Separated by commas or line breaks.
  std::string village_code;
  std::string presentation;
  std::string website;
  std::string languages;
  std::string arrival_month;                 ///< "YYYY-MM" or empty
  std::string household;                     ///< advisors only
  std::map<std::string, std::string> shown;  ///< field -> "public" | "members" | "advisors"
};

class Directory {
 public:
  explicit Directory(db::Pool& pool) : pool_(pool) {}

  /// The member's own profile, or an empty unlisted one (not stored) when there is none yet.
  Profile Mine(core::ProgrammeId p, long long account_id, const std::string& display_name);
  /// Checks and stores the member's profile. kInvalid with every field at fault; nothing is
  /// stored then.
  core::Result<Profile> Save(core::ProgrammeId p, long long account_id,
                             const std::string& display_name, const ProfileInput& input);
  /// A page of the directory as `staff` (advisors, admins) or a member sees it: listed
  /// profiles only, each with the fields the asker may see. kInvalid for a bad cursor, filter
  /// or limit.
  core::Result<DirectoryPage> Search(core::ProgrammeId p, bool staff, const DirectoryQuery& q);
  /// The account's name changed: its profiles, in every programme, show and find the new one.
  void Rename(long long account_id, const std::string& display_name);

  /// Stores the member's photo (a JPEG or PNG of kMaxProfilePhotoBytes at most, its signature
  /// matching `declared_type` when given), creating an empty unlisted profile when there is
  /// none. kInvalid or kTooLarge, with nothing stored.
  core::Result<Profile> SetPhoto(core::ProgrammeId p, long long account_id,
                                 const std::string& display_name, const std::string& bytes,
                                 const std::string& declared_type);
  /// kNotFound when there was no photo.
  core::Status DeletePhoto(core::ProgrammeId p, long long account_id);
  /// The photo of `account_id` as `viewer` (logged in as `viewer_account`, 0 for a visitor) may
  /// see it: their own, staff, or a listed profile showing its photo to them. kNotFound
  /// otherwise, whether or not there is one.
  core::Result<ProfilePhoto> Photo(core::ProgrammeId p, long long account_id, Viewer viewer,
                                   long long viewer_account);
  /// Members who show themselves on the village page (listed, village public), each with the
  /// fields they made public; at most kMaxVillageProfiles.
  std::vector<Profile> AtVillage(core::ProgrammeId p, const std::string& village_code);

  /// The programme's list of skills by category.
  std::vector<ProgrammeSkill> Skills(core::ProgrammeId p);
  /// The list as its form shows it: "Category : skill, skill", one line per category.
  std::string SkillsText(core::ProgrammeId p);
  /// Replaces the list from its text form; kInvalid with the faulty lines, nothing stored.
  core::Status SetSkills(core::ProgrammeId p, const std::string& text);
  /// Villages on the skills map, for a category of the list (empty: every skill). kInvalid for
  /// an unknown category.
  core::Result<std::vector<SkillsMapPoint>> SkillsMap(core::ProgrammeId p, bool staff,
                                                      const std::string& category);

 private:
  db::Pool& pool_;
};

/// The profile that `input` describes, or the fields at fault.
core::Result<Profile> CheckProfile(const ProfileInput& input);

}  // namespace sohosolo::community
