// Newcomers' files in bulk and as personal data: the import, the newcomer's own account,
// deletion and anonymisation, and the funders' report.
#include <algorithm>

#include "core/text.hpp"
#include "core/time.hpp"
#include "journeys/service.hpp"

namespace sohosolo::journeys {

using core::FieldError;

core::Result<int> Journeys::Import(core::ProgrammeId p, const Actor& actor,
                                   const std::vector<ImportedFile>& files) {
  std::vector<FieldError> errors;
  std::vector<Journey> ready;
  const auto now = core::Now();
  for (const auto& f : files) {
    std::vector<FieldError> row;
    Journey j;
    if (!f.input.name) row.push_back({"name", "error.field.required"});
    ApplyInput(j, f.input, row);
    core::UnixSeconds at = now;
    if (!f.stage_day.empty()) {
      const auto day =
          f.stage_day.size() == 10 ? core::ParseRfc3339(f.stage_day + "T12:00:00Z") : std::nullopt;
      if (!day || day->utc > now)
        row.push_back({"stage_day", "error.journey.import_day"});
      else
        at = day->utc;
    }
    j.created_at = j.updated_at = j.stage_at = at;
    if (f.stage != "first_contact")
      ApplyMove(j, {f.stage, f.abandon_reason, f.settled_village}, at, row);
    if (!IsSettled(j.stage)) j.settled_at.reset();
    for (auto& e : row)
      errors.push_back({"line " + std::to_string(f.line) + ": " + e.field, e.message_key});
    if (row.empty()) ready.push_back(std::move(j));
  }
  if (files.empty()) errors.push_back({"file", "error.journey.import_empty"});
  if (!errors.empty()) return core::Invalid(std::move(errors), "error.journey.import");
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  for (const auto& j : ready) {
    const auto id = store.Insert(j, actor.account_id);
    store.AddHistory(id, {j.created_at, actor.name, "created", "", "first_contact", "import"},
                     actor.account_id);
    if (j.stage != "first_contact")
      store.AddHistory(id, {j.stage_at, actor.name, "stage", "first_contact", j.stage, "import"},
                       actor.account_id);
  }
  tx.Commit();
  figures_.Invalidate();
  return static_cast<int>(ready.size());
}

core::Result<Journey> Journeys::InviteNewcomer(core::ProgrammeId p, const Actor& actor,
                                               long long id, const std::string& base_url) {
  auto j = Find(p, id);
  if (!j) return j.error();
  if (j->email.empty()) return core::Invalid({{"email", "error.journey.invite_email"}});
  if (Invited(p, id)) return core::Error::Of(core::ErrorCode::kConflict, "error.journey.invited");
  if (!links_.invite_newcomer) return core::NotFound();
  auto account = links_.invite_newcomer(p, actor, j->email, j->name, base_url);
  if (!account) return account.error();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  store.SetAccount(id, *account);
  store.AddHistory(id, {core::Now(), actor.name, "edited", "", "", "newcomer invited"},
                   actor.account_id);
  tx.Commit();
  return *j;
}

core::Result<Journey> Journeys::OwnFile(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  JourneyStore store(lease, p);
  const auto id = store.FileOfAccount(account_id);
  if (!id) return core::NotFound();
  auto j = store.Find(*id);
  if (!j) return core::NotFound();
  return *j;
}

bool Journeys::Invited(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).AccountOf(id).has_value();
}

core::Status Journeys::Delete(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  if (!JourneyStore(lease, p).Delete(id)) return core::NotFound();
  tx.Commit();
  figures_.Invalidate();
  return core::Ok();
}

int Journeys::AnonymiseAbandoned(core::ProgrammeId p, int years, core::UnixSeconds now) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  const auto ids =
      store.AbandonedBefore(now - static_cast<long long>(years) * (365 * 86400 + 6 * 3600));
  for (const auto id : ids) store.Anonymise(id, now);
  tx.Commit();
  figures_.Invalidate();
  return static_cast<int>(ids.size());
}

int Journeys::AbandonedYears(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).AbandonedYears().value_or(kDefaultAbandonedYears);
}

core::Status Journeys::SetAbandonedYears(core::ProgrammeId p, int years) {
  if (years < 1 || years > 50) return core::Invalid({{"abandoned_years", "error.journey.years"}});
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore(lease, p).SetAbandonedYears(years);
  tx.Commit();
  return core::Ok();
}

Report Journeys::FundersReport(core::ProgrammeId p) {
  std::vector<Journey> files;
  std::vector<StageMoveAt> moves;
  {
    auto lease = pool_.Acquire();
    JourneyStore store(lease, p);
    files = store.All();
    moves = store.StageMoves();
  }
  std::map<std::string, std::string> names;
  for (const auto& j : files)
    if (!j.settled_village.empty() && !names.contains(j.settled_village))
      names[j.settled_village] =
          links_.village_name ? links_.village_name(p, j.settled_village) : std::string();
  const auto now = core::Now();
  auto report = BuildReport(files, moves, names, now);
  report.workspace_to = core::FormatRfc3339Paris(now).substr(0, 10);
  report.workspace_from = core::FormatRfc3339Paris(now - 364 * 86400LL).substr(0, 10);
  if (links_.workspace_use)
    report.workspace_use = links_.workspace_use(p, report.workspace_from, report.workspace_to);
  return report;
}

}  // namespace sohosolo::journeys
