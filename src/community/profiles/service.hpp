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
  std::map<std::string, std::string> shown;  ///< field -> "members" | "advisors"
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

 private:
  db::Pool& pool_;
};

/// The profile that `input` describes, or the fields at fault.
core::Result<Profile> CheckProfile(const ProfileInput& input);

}  // namespace sohosolo::community
