#pragma once
// SQL of members' profiles and the directory, scoped to one programme. On SQLite the search
// texts are indexed by the FTS5 table member_profiles_fts, kept in step here; on PostgreSQL by
// generated tsvector columns (migrations/0013_member_profiles.*).

#include <optional>
#include <string>
#include <vector>

#include "community/profiles/model.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

/// What the store writes beside a profile: folded texts the directory searches and sorts by.
struct SearchTexts {
  std::string name_key;        ///< The folded name: the directory's order.
  std::string members;         ///< Folded words of what members may see.
  std::string staff;           ///< Folded words of every field.
  std::string facets_members;  ///< Filter tokens of what members may see ("sectorj skillvideo").
  std::string facets_staff;    ///< Filter tokens of every field.
};

/// Where a directory page starts: after (name_key, id).
struct DirectoryAfter {
  std::string name_key;
  long long id = 0;
};

/// A directory search as the store runs it: folded words (matched as prefixes) and filter
/// tokens (matched whole), all letters and digits.
struct StoreQuery {
  std::vector<std::string> words;
  std::vector<std::string> facets;
  std::optional<DirectoryAfter> after;
  int limit = 20;
  /// Below this many matching profiles the search starts from the index of words (then sorts
  /// what it found); from it on, it walks the directory's order and keeps what matches. Tests
  /// set 0 or a huge value to run one plan or the other.
  long long selective_below = 200;
};

/// A directory row with its place in the order (for the next page's cursor).
struct DirectoryRow {
  Profile profile;
  DirectoryAfter position;
};

class ProfileStore {
 public:
  ProfileStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}
  std::optional<Profile> Find(long long account_id);
  /// Inserts or replaces the profile of `profile.account_id`, with its search texts.
  void Save(const Profile& profile, const SearchTexts& texts, core::UnixSeconds now);
  /// Listed profiles matching `query`, in (name_key, id) order; `staff` searches and filters on
  /// every field, members only on the fields shown to members.
  std::vector<DirectoryRow> Search(const StoreQuery& query, bool staff);
  /// How many profiles `query`'s words and facets match, counted up to `cap` (the search's
  /// choice of plan).
  long long CountMatches(const StoreQuery& query, bool staff, long long cap);
  /// The programmes where `account_id` has a profile (for a change of name, which is the
  /// account's, in every programme).
  /// Listed profiles that show their village `village_code` publicly (the village page), in
  /// name order.
  std::vector<Profile> AtVillage(const std::string& village_code, int limit);
  /// The skills map: villages of listed members holding one of `skill_tokens` (facet tokens,
  /// "skillx"; any skill when empty), with how many, as `staff` or a member may see them.
  std::vector<SkillsMapPoint> SkillsMap(const std::vector<std::string>& skill_tokens, bool staff);
  std::optional<ProfilePhoto> FindPhoto(long long account_id);
  /// Stores the photo and its time on the profile (which must exist).
  void SavePhoto(long long account_id, const std::string& content_type, const std::string& bytes,
                 core::UnixSeconds now);
  /// false when there was no photo.
  bool DeletePhoto(long long account_id);
  /// The programme's list of skills, in its order.
  std::vector<ProgrammeSkill> Skills();
  void ReplaceSkills(const std::vector<ProgrammeSkill>& skills);
  static std::vector<core::ProgrammeId> ProgrammesOf(db::Lease& lease, long long account_id);

 private:
  void SyncSearchIndex(long long id, const SearchTexts& texts);
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::community
