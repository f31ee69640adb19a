#pragma once
// A newcomer's file ("journey"), from the first contact to a household settled and followed:
// plain data, no db, no http.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::journeys {

/// The stages in their order; "abandoned" ends a file at any stage.
inline constexpr std::array<const char*, 11> kStages = {
    "first_contact",     "information_sent", "visit_planned", "visit_done",
    "project_validated", "settling",         "settled",       "followed_6",
    "followed_12",       "followed_24",      "abandoned"};
/// Why a file was abandoned.
inline constexpr std::array<const char*, 6> kAbandonReasons = {
    "housing", "employment", "family", "connectivity", "no_answer", "other"};
/// Professional statuses ("" : not said yet).
inline constexpr std::array<const char*, 3> kStatuses = {"independent", "entrepreneur", "salaried"};

inline constexpr std::size_t kMaxNameChars = 200;
inline constexpr std::size_t kMaxTextChars = 2000;
inline constexpr int kMaxAdults = 20;
inline constexpr int kMaxChildren = 15;
inline constexpr std::size_t kMaxVillages = 10;

/// The position of `stage` in kStages, or -1.
int StageIndex(const std::string& stage);
/// Whether `day` is a calendar day written YYYY-MM-DD (a task's due day, an amendment's start).
bool IsDay(const std::string& day);
/// Whether a household at `stage` lives in its village (settled and followed).
bool IsSettled(const std::string& stage);

struct Journey {
  long long id = 0;
  std::optional<long long> request_id;  ///< The accompaniment request it came from.
  std::string name;                     ///< The contact person.
  std::string email;
  std::string phone;
  int adults = 1;
  std::vector<int> children_ages;
  std::string status;  ///< kStatuses or empty
  std::string employer;
  std::string sector;  ///< NAF section, A to U, or empty
  std::string activity;
  std::string clients_where;
  std::string broadband_needs;
  std::string office_needs;
  std::vector<std::string> villages;  ///< Commune codes considered.
  std::optional<long long> advisor_id;
  std::string advisor_name;  ///< Read with the file, never stored with it.
  bool consent_committees = false;
  std::optional<core::UnixSeconds> consent_at;
  std::string stage = "first_contact";
  core::UnixSeconds stage_at = 0;
  std::string abandon_reason;
  std::string settled_village;
  std::optional<core::UnixSeconds> settled_at;
  std::string notes;
  bool demo = false;
  core::UnixSeconds created_at = 0;
  core::UnixSeconds updated_at = 0;

  int Residents() const { return adults + static_cast<int>(children_ages.size()); }
};

/// One line of a file's history.
struct HistoryEntry {
  core::UnixSeconds at = 0;
  std::string by_name;
  std::string kind;  ///< created | stage | edited
  std::string from_stage;
  std::string to_stage;
  std::string detail;
};

/// What the village finder says of a village a file considers: its name, the ADSL2+ rate
/// expected at its centre (absent when no exchange is known near it) and the nearest workspace.
struct VillageAnswer {
  std::string code;
  std::string name;
  std::optional<double> adsl2plus_mbps;
  std::optional<double> workspace_km;
  std::string workspace_name;
};

/// A newcomer's visit of a village, planned then done.
struct Visit {
  long long id = 0;
  long long journey_id = 0;
  std::string commune_code;
  core::UnixSeconds planned_at = 0;
  std::optional<core::UnixSeconds> done_at;
  std::string by_name;
};

/// A note on a file, from an advisor or from a village's committee.
struct Note {
  std::string by_name;
  bool by_committee = false;
  std::string body;
  core::UnixSeconds created_at = 0;
};

/// A task on a file: due on a day (Europe/Paris), assigned to an advisor or a committee account.
struct Task {
  long long id = 0;
  long long journey_id = 0;
  std::string journey_name;  ///< Read with the task, for lists across files.
  std::string title;
  std::string due_day;  ///< YYYY-MM-DD
  std::optional<long long> assignee_id;
  std::string assignee_name;  ///< Read with the task.
  std::optional<core::UnixSeconds> done_at;
};

/// What a welcome committee sees of a file (with the newcomer's consent): the household's size
/// and needs, the villages of theirs it considers, its visits; never the contact or the notes.
struct CommitteeFile {
  long long id = 0;
  std::string stage;
  int adults = 0;
  std::vector<int> children_ages;
  std::string broadband_needs;
  std::string office_needs;
  std::vector<std::string> villages;  ///< Those the committee speaks for.
  std::vector<Visit> visits;          ///< Of those villages.
  std::vector<Task> tasks;            ///< Assigned to this committee account.
};

/// A committee account and the villages it speaks for.
struct CommitteeMember {
  long long account_id = 0;
  std::string name;
  std::string email;
  std::vector<std::string> villages;
};

/// A programme's public figures, each with what it counts.
struct Indicators {
  long long settled_households = 0;  ///< Files at settled or followed.
  long long new_residents = 0;       ///< Adults and children of those households.
  long long digital_households = 0;  ///< Those whose sector is J (information, communication).
  long long files_open = 0;          ///< Files neither settled nor abandoned.
  bool demo = false;                 ///< Some of the files counted are demo files.
  core::UnixSeconds computed_at = 0;
};

}  // namespace sohosolo::journeys
