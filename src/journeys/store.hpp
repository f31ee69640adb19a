#pragma once
// SQL of newcomers' files and their history, scoped to one programme.

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "journeys/model.hpp"
#include "journeys/report/report.hpp"

namespace sohosolo::journeys {

/// A page of the advisors' list: filters (empty: any), newest first, after `before_id`.
struct ListFilter {
  std::string stage;
  std::optional<long long> advisor_id;
  std::string name_like;  ///< Folded words the name must contain.
  std::string village;    ///< A commune code considered or settled in.
  long long before_id = 0;
  int limit = 50;
};

/// Counts of files by stage (the board's columns).
struct StageCount {
  std::string stage;
  long long files = 0;
};

class JourneyStore {
 public:
  JourneyStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}
  std::optional<Journey> Find(long long id);
  std::optional<Journey> FindByRequest(long long request_id);
  /// PostgreSQL: locks the file's row until the transaction ends, so that two changes of one
  /// file run one after the other (each sees the other's stage). SQLite's write transaction is
  /// serial already.
  void Lock(long long id);
  /// Inserts the file; returns its id.
  long long Insert(const Journey& j, long long by);
  /// Writes every field of `j` (its id names the row).
  void Update(const Journey& j);
  std::vector<Journey> List(const ListFilter& filter);
  std::vector<StageCount> CountByStage();
  void AddHistory(long long journey_id, const HistoryEntry& entry, long long by);
  std::vector<HistoryEntry> History(long long journey_id);
  /// The settled households (settled and followed files), for the figures.
  std::vector<Journey> Settled();

  std::vector<std::string> CommitteeVillages(long long account_id);
  /// The committee accounts that speak for `village`.
  std::vector<long long> CommitteesOf(const std::string& village);
  void SetCommitteeVillages(long long account_id, const std::vector<std::string>& codes);
  /// Files with the committees' consent that consider one of `villages` or settled in one, not
  /// abandoned, newest first.
  std::vector<Journey> ConsentedIn(const std::vector<std::string>& villages);
  long long AddVisit(const Visit& v, long long by, core::UnixSeconds now);
  std::optional<Visit> FindVisit(long long journey_id, long long visit_id);
  void MarkVisitDone(long long visit_id, core::UnixSeconds at);
  std::vector<Visit> Visits(long long journey_id);
  void AddNote(long long journey_id, const Note& note, long long by);
  std::vector<Note> Notes(long long journey_id);

  /// The newcomer's account of a file, and the file of a newcomer's account.
  std::optional<long long> AccountOf(long long id);
  std::optional<long long> FileOfAccount(long long account_id);
  void SetAccount(long long id, long long account_id);
  /// Deletes the file and everything hanging from it (history, visits, notes, tasks).
  bool Delete(long long id);
  /// Files abandoned before `before` and not anonymised yet.
  std::vector<long long> AbandonedBefore(core::UnixSeconds before);
  /// Removes the person's data from a file, keeping what the figures count (household size,
  /// sector, villages, stages and their dates).
  void Anonymise(long long id, core::UnixSeconds now);
  /// The programme's years before an abandoned file is anonymised, if it set them.
  std::optional<int> AbandonedYears();
  void SetAbandonedYears(int years);
  /// Every file of the programme, and every stage move of their history (the report's input).
  std::vector<Journey> All();
  std::vector<StageMoveAt> StageMoves();

  long long AddTask(const Task& t, long long by, core::UnixSeconds now);
  std::optional<Task> FindTask(long long journey_id, long long task_id);
  void SetTaskDone(long long task_id, std::optional<core::UnixSeconds> at);
  std::vector<Task> Tasks(long long journey_id);
  /// Open tasks due on or before `day`, every file of the programme, oldest first.
  std::vector<Task> OpenTasksDue(const std::string& day, int limit);

  /// A task due whose reminder is not queued yet, every programme.
  struct DueTask {
    long long programme_id = 0;
    Task task;
  };
  static std::vector<DueTask> UnremindedDue(db::Lease& lease, const std::string& day, int limit);
  /// Marks the reminder queued; false when another sender marked it first.
  static bool MarkReminded(db::Lease& lease, long long task_id, core::UnixSeconds now);
  long long CountOpen();

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::journeys
