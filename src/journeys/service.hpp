#pragma once
// Newcomers' files: what the routes may ask, with every check. No HTTP, no SQL. The files are
// the advisors' (the routes admit staff only); the figures are public.

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "journeys/figures_cache.hpp"
#include "journeys/model.hpp"
#include "journeys/report/report.hpp"
#include "journeys/store.hpp"

namespace sohosolo::journeys {

/// A file's fields as sent (form or JSON); an absent field is left as it is.
struct JourneyInput {
  std::optional<std::string> name, email, phone, children_ages, status, employer, sector, activity,
      clients_where, broadband_needs, office_needs, villages, notes;
  std::optional<int> adults;
  std::optional<long long> advisor_id;  ///< 0: no named advisor.
  std::optional<bool> consent_committees;
};

/// A move to another stage. `abandon_reason` for "abandoned"; `village` for "settled" (else the
/// first village considered).
struct StageMove {
  std::string to;
  std::string abandon_reason;
  std::string village;
};

/// One household of a programme moving from its spreadsheets: its fields, its stage and the day
/// it reached it (YYYY-MM-DD, Paris; empty: today), the village it settled in, the reason it
/// was abandoned. `line` names it in errors.
struct ImportedFile {
  int line = 0;
  JourneyInput input;
  std::string stage = "first_contact";
  std::string stage_day;
  std::string settled_village;
  std::string abandon_reason;
};

/// Who acts: an account of the programme's staff, or of a welcome committee (`staff` false),
/// whose reach is the files that consider its villages, with consent.
struct Actor {
  long long account_id = 0;
  std::string name;
  bool staff = true;
};

/// What the composition supplies: an accompaniment request's facts, marking it handled, and
/// whether an account is staff of the programme (a named advisor must be).
struct RequestFacts {
  std::string name, email, phone, commune_code, message, needs;
};
struct Links {
  std::function<std::optional<RequestFacts>(core::ProgrammeId, long long request_id)> request;
  std::function<void(core::ProgrammeId, long long request_id, const Actor&)> request_taken;
  std::function<bool(core::ProgrammeId, long long account_id)> is_staff;
  /// The programme's accounts holding the committee role: id, name, e-mail.
  std::function<std::vector<CommitteeMember>(core::ProgrammeId)> committee_accounts;
  /// Invites the newcomer (role "newcomer") to follow their file: their account's id.
  std::function<core::Result<long long>(core::ProgrammeId, const Actor& inviter,
                                        const std::string& email, const std::string& name,
                                        const std::string& base_url)>
      invite_newcomer;
  /// A commune's name (the report's villages).
  std::function<std::string(core::ProgrammeId, const std::string& code)> village_name;
  /// An account's address and language, for its task reminders.
  std::function<std::optional<std::pair<std::string, std::string>>(core::ProgrammeId,
                                                                   long long account_id)>
      contact;
  /// The use of the programme's workspaces over the days from .. to (YYYY-MM-DD, inclusive).
  std::function<std::vector<WorkspaceUse>(core::ProgrammeId, const std::string& from,
                                          const std::string& to)>
      workspace_use;
  /// The programme's advisors and admins: id, name, e-mail (a task's possible assignees).
  std::function<std::vector<CommitteeMember>(core::ProgrammeId)> staff_accounts;
  /// The finder's facts of a commune of the programme (nullopt: no such commune).
  std::function<std::optional<VillageAnswer>(core::ProgrammeId, const std::string& code)>
      village_answer;
};

/// Years after which a file abandoned is anonymised, unless the programme says otherwise.
inline constexpr int kDefaultAbandonedYears = 3;

class Journeys {
 public:
  Journeys(db::Pool& pool, Links links) : pool_(pool), links_(std::move(links)) {}

  /// A new file at "first contact". kInvalid with every field at fault, nothing stored. With
  /// consent, the committees of its villages are told by mail (their page under `public_url`;
  /// nobody when it is empty).
  core::Result<Journey> Create(core::ProgrammeId p, const Actor& actor, const JourneyInput& in,
                               bool demo = false, const std::string& public_url = "");
  /// A file from an accompaniment request, one click: its contact, village and message; the
  /// request is marked handled. kNotFound for another programme's or no request; kConflict
  /// when the request has a file already.
  core::Result<Journey> CreateFromRequest(core::ProgrammeId p, const Actor& actor,
                                          long long request_id);
  core::Result<Journey> Find(core::ProgrammeId p, long long id);
  /// kInvalid for a filter that is not one (an unknown stage, a bad village code).
  core::Result<std::vector<Journey>> List(core::ProgrammeId p, const ListFilter& filter);
  std::vector<StageCount> CountByStage(core::ProgrammeId p);
  /// Changes the fields sent and, with `move`, the stage, in one transaction, dated and
  /// attributed in the history. The committees of the villages the change opens to them (consent
  /// given, a village added with consent) are told by mail, as by Create.
  core::Result<Journey> Change(core::ProgrammeId p, const Actor& actor, long long id,
                               const JourneyInput& in, const std::optional<StageMove>& move,
                               const std::string& public_url = "");
  std::vector<HistoryEntry> History(core::ProgrammeId p, long long id);
  /// The public figures, computed now.
  Indicators Figures(core::ProgrammeId p);
  /// The public figures for the home page: computed now, or kept from a recent visit (see
  /// FiguresCache: a change to a file here shows at once, one made elsewhere within a minute).
  Indicators HomeFigures(core::ProgrammeId p);
  /// Changes whenever a change to a file here changes what HomeFigures gives.
  std::uint64_t FiguresVersion() const { return figures_.Generation(); }

  /// Imports every file or none: kInvalid with every row at fault ("line N: field"), nothing
  /// stored then. Each file is marked imported in its history (created, then moved to its
  /// stage on its day). Returns how many.
  core::Result<int> Import(core::ProgrammeId p, const Actor& actor,
                           const std::vector<ImportedFile>& files);

  /// Invites the file's person to follow it with an account of their own (the file needs an
  /// e-mail address). kConflict when invited already.
  core::Result<Journey> InviteNewcomer(core::ProgrammeId p, const Actor& actor, long long id,
                                       const std::string& base_url);
  /// The file of a newcomer's account, as they may see it. kNotFound when there is none.
  core::Result<Journey> OwnFile(core::ProgrammeId p, long long account_id);
  /// Whether a file has a newcomer's account.
  bool Invited(core::ProgrammeId p, long long id);
  /// Deletes a file at its person's request (staff): gone from the figures too.
  core::Status Delete(core::ProgrammeId p, long long id);
  /// Anonymises the files abandoned more than `years` years ago; returns how many.
  int AnonymiseAbandoned(core::ProgrammeId p, int years, core::UnixSeconds now);
  /// The programme's setting of those years (kDefaultAbandonedYears unless it set its own).
  int AbandonedYears(core::ProgrammeId p);
  /// kInvalid (field `abandoned_years`) outside 1 to 50.
  core::Status SetAbandonedYears(core::ProgrammeId p, int years);

  /// Parts of a newcomer's export kept by other modules (amendments, documents): each adds its
  /// members to the export of file `journey_id`.
  using ExportPart =
      std::function<void(core::ProgrammeId p, long long journey_id, boost::json::object& out)>;
  void AddExportPart(ExportPart part) { export_parts_.push_back(std::move(part)); }
  void AddExportParts(core::ProgrammeId p, long long journey_id, boost::json::object& out) const {
    for (const auto& part : export_parts_) part(p, journey_id, out);
  }

  /// The funders' report, computed now.
  Report FundersReport(core::ProgrammeId p);

  /// The finder's answer for each village the file considers, in its order (a code the
  /// territory does not know keeps only its code).
  std::vector<VillageAnswer> VillageAnswers(core::ProgrammeId p, const Journey& j) const;
  /// The programme's advisors and admins (without villages).
  std::vector<CommitteeMember> Advisors(core::ProgrammeId p) const;
  /// The committee accounts and their villages (staff's page).
  std::vector<CommitteeMember> Committees(core::ProgrammeId p);
  /// The villages a committee account speaks for, from commune codes separated by spaces or
  /// commas. kNotFound when the account holds no committee role here; kInvalid for a bad code.
  core::Result<std::vector<std::string>> SetCommitteeVillages(core::ProgrammeId p,
                                                              long long account_id,
                                                              const std::string& villages);
  /// What `account_id`'s committee sees: files with consent in its villages, as CommitteeFile.
  std::vector<CommitteeFile> ForCommittee(core::ProgrammeId p, long long account_id);
  /// Plans a visit of `village` at `at`: staff for any file, a committee for a file it sees and
  /// one of its villages (else kNotFound, saying nothing of the file). kInvalid for a village the
  /// file does not consider or a time more than a year away. With the newcomer's consent, the
  /// village's other committee accounts are told by mail (their page under `public_url`).
  core::Result<Visit> PlanVisit(core::ProgrammeId p, const Actor& actor, long long journey_id,
                                const std::string& village, core::UnixSeconds at,
                                const std::string& public_url = "");
  /// Records that a planned visit took place (now). kConflict when recorded already.
  core::Result<Visit> RecordVisit(core::ProgrammeId p, const Actor& actor, long long journey_id,
                                  long long visit_id);
  /// A note the file's advisor sees (2,000 characters).
  core::Status AddNote(core::ProgrammeId p, const Actor& actor, long long journey_id,
                       const std::string& body);
  std::vector<Visit> Visits(core::ProgrammeId p, long long journey_id);

  /// A task on a file (staff): a title (200 characters, one line), a due day (YYYY-MM-DD, Paris)
  /// and an assignee, an advisor or a committee account of the programme (0: nobody yet).
  core::Result<Task> AddTask(core::ProgrammeId p, const Actor& actor, long long journey_id,
                             const std::string& title, const std::string& due_day,
                             long long assignee_id);
  /// Marks a task done or not done again: staff, or the committee account it is assigned to.
  core::Result<Task> SetTaskDone(core::ProgrammeId p, const Actor& actor, long long journey_id,
                                 long long task_id, bool done);
  std::vector<Task> Tasks(core::ProgrammeId p, long long journey_id);
  /// Open tasks due today or before, every file (the board's "to do").
  std::vector<Task> DueTasks(core::ProgrammeId p, core::UnixSeconds now);
  /// Queues, once each, the reminder of every open task due by today (every programme) to its
  /// assignee, in their language, with the file's address from `public_url`. Returns how many.
  int QueueTaskReminders(core::UnixSeconds now,
                         const std::function<std::string(core::ProgrammeId)>& public_url);
  std::vector<Note> Notes(core::ProgrammeId p, long long journey_id);

  /// An address to write to, in its language.
  struct Recipient {
    std::string email;
    std::string language;
  };

 private:
  /// The committee accounts of `village` but `except`, with their addresses.
  std::vector<Recipient> CommitteeRecipients(core::ProgrammeId p, const std::string& village,
                                             long long except);
  /// Tells the committees of the villages `after` reaches and `before` (null: a new file) did
  /// not, once the change is committed.
  void TellCommittees(core::ProgrammeId p, const Actor& actor, const Journey* before,
                      const Journey& after, const std::string& public_url);

  db::Pool& pool_;
  Links links_;
  FiguresCache figures_;
  std::vector<ExportPart> export_parts_;
};

/// Commune codes separated by spaces or commas (10 at most, duplicates dropped), or nullopt.
std::optional<std::vector<std::string>> ParseVillages(const std::string& text);
/// Applies `in` to `j`, collecting the fields at fault.
void ApplyInput(Journey& j, const JourneyInput& in, std::vector<core::FieldError>& errors);
/// Applies `move` to `j` at `now`, collecting the fields at fault.
void ApplyMove(Journey& j, const StageMove& move, core::UnixSeconds now,
               std::vector<core::FieldError>& errors);
/// The figures of these settled files.
Indicators CountSettled(const std::vector<Journey>& settled);

}  // namespace sohosolo::journeys
