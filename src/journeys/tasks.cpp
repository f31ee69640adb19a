// Tasks on newcomers' files and their reminders by mail.
#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "journeys/service.hpp"
#include "outbox/service.hpp"

namespace sohosolo::journeys {

using core::FieldError;

namespace {

std::string Today(core::UnixSeconds now) { return core::FormatRfc3339Paris(now).substr(0, 10); }

}  // namespace

core::Result<Task> Journeys::AddTask(core::ProgrammeId p, const Actor& actor, long long journey_id,
                                     const std::string& title, const std::string& due_day,
                                     long long assignee_id) {
  std::vector<FieldError> errors;
  const std::string t(core::Trim(title));
  if (t.empty() || core::Utf8Length(t) > kMaxNameChars ||
      core::HasControlCharacters(t, core::Lines::kOne))
    errors.push_back({"title", "error.journey.task_title"});
  if (!IsDay(due_day)) errors.push_back({"due_day", "error.journey.task_day"});
  if (assignee_id != 0) {
    const auto committee =
        links_.committee_accounts ? links_.committee_accounts(p) : std::vector<CommitteeMember>{};
    const bool ok = (links_.is_staff && links_.is_staff(p, assignee_id)) ||
                    std::any_of(committee.begin(), committee.end(),
                                [&](const auto& m) { return m.account_id == assignee_id; });
    if (!ok) errors.push_back({"assignee", "error.journey.task_assignee"});
  }
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  if (!actor.staff || !store.Find(journey_id)) return core::NotFound();
  if (!errors.empty()) return core::Invalid(std::move(errors));
  Task task;
  task.journey_id = journey_id;
  task.title = t;
  task.due_day = due_day;
  if (assignee_id != 0) task.assignee_id = assignee_id;
  const auto id = store.AddTask(task, actor.account_id, core::Now());
  store.AddHistory(journey_id, {core::Now(), actor.name, "edited", "", "", "task " + due_day},
                   actor.account_id);
  auto created = *store.FindTask(journey_id, id);
  tx.Commit();
  return created;
}

core::Result<Task> Journeys::SetTaskDone(core::ProgrammeId p, const Actor& actor,
                                         long long journey_id, long long task_id, bool done) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  auto task = store.FindTask(journey_id, task_id);
  if (!task || (!actor.staff && task->assignee_id != actor.account_id)) return core::NotFound();
  if (!actor.staff) {
    // A committee acts only on the files it sees: consent withdrawn, the task is out of reach.
    const auto seen = store.ConsentedIn(store.CommitteeVillages(actor.account_id));
    if (std::none_of(seen.begin(), seen.end(),
                     [journey_id](const Journey& j) { return j.id == journey_id; }))
      return core::NotFound();
  }
  const auto at = done ? std::optional(core::Now()) : std::nullopt;
  store.SetTaskDone(task_id, at);
  tx.Commit();
  task->done_at = at;
  if (!actor.staff) task->journey_name.clear();  // a committee never learns the person's name
  return *task;
}

std::vector<Task> Journeys::Tasks(core::ProgrammeId p, long long journey_id) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).Tasks(journey_id);
}

std::vector<Task> Journeys::DueTasks(core::ProgrammeId p, core::UnixSeconds now) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).OpenTasksDue(Today(now), 200);
}

int Journeys::QueueTaskReminders(core::UnixSeconds now,
                                 const std::function<std::string(core::ProgrammeId)>& public_url) {
  auto due = [&] {
    auto lease = pool_.Acquire();
    return JourneyStore::UnremindedDue(lease, Today(now), 500);
  }();
  int queued = 0;
  const auto& catalogue = core::Catalogue::Get();
  for (const auto& d : due) {
    // The contact first (auth's people take a connection of their own), then the mark and the
    // mail in one transaction, so that two senders queue it once.
    const core::ProgrammeId p(d.programme_id);
    const auto contact = links_.contact ? links_.contact(p, *d.task.assignee_id) : std::nullopt;
    if (!contact) continue;
    // Plain names, not a structured binding: the lambda below captures them (clang 14).
    const std::string& email = contact->first;
    const std::string& language = contact->second;
    // Staff open the file; a committee its own page, where the file is as it may see it.
    const bool staff = links_.is_staff && links_.is_staff(p, *d.task.assignee_id);
    const auto url = public_url(p) + (staff ? "/journeys/" + std::to_string(d.task.journey_id)
                                            : std::string("/committee"));
    const auto format = [&](const char* key) {
      return fmt::format(fmt::runtime(catalogue.Translate(language, key)),
                         fmt::arg("title", d.task.title), fmt::arg("file", d.task.journey_name),
                         fmt::arg("day", d.task.due_day), fmt::arg("url", url));
    };
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    if (JourneyStore::MarkReminded(lease, d.task.id, now)) {
      outbox::Queue(lease, p,
                    {email, format("mail.task.subject"), format("mail.task.body"), "task_due"});
      ++queued;
    }
    tx.Commit();
  }
  return queued;
}

}  // namespace sohosolo::journeys
