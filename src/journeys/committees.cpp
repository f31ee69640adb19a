// Welcome committees: their villages, the files they see with consent, visits and notes.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "journeys/service.hpp"
#include "outbox/service.hpp"

namespace sohosolo::journeys {

using core::FieldError;

namespace {

/// The villages of `theirs` that file `j` considers or settled in.
std::vector<std::string> Shared(const Journey& j, const std::vector<std::string>& theirs) {
  std::vector<std::string> out;
  for (const auto& v : theirs)
    if (std::find(j.villages.begin(), j.villages.end(), v) != j.villages.end() ||
        j.settled_village == v)
      out.push_back(v);
  return out;
}

/// The villages a committee actor speaks for (none needed for staff, who reach every file).
std::vector<std::string> VillagesOf(JourneyStore& store, const Actor& actor) {
  return actor.staff ? std::vector<std::string>{} : store.CommitteeVillages(actor.account_id);
}

/// Whether `actor` reaches file `j`: staff always, a committee with consent in one of its
/// villages.
bool Reaches(const Actor& actor, const Journey& j, const std::vector<std::string>& theirs) {
  if (actor.staff) return true;
  return j.consent_committees && j.stage != "abandoned" && !Shared(j, theirs).empty();
}

}  // namespace

std::vector<VillageAnswer> Journeys::VillageAnswers(core::ProgrammeId p, const Journey& j) const {
  std::vector<VillageAnswer> out;
  for (const auto& code : j.villages) {
    auto answer = links_.village_answer ? links_.village_answer(p, code) : std::nullopt;
    out.push_back(answer.value_or(VillageAnswer{code, code, {}, {}, {}}));
  }
  return out;
}

std::vector<CommitteeMember> Journeys::Advisors(core::ProgrammeId p) const {
  return links_.staff_accounts ? links_.staff_accounts(p) : std::vector<CommitteeMember>{};
}

std::vector<CommitteeMember> Journeys::Committees(core::ProgrammeId p) {
  auto members =
      links_.committee_accounts ? links_.committee_accounts(p) : std::vector<CommitteeMember>{};
  auto lease = pool_.Acquire();
  JourneyStore store(lease, p);
  for (auto& m : members) m.villages = store.CommitteeVillages(m.account_id);
  return members;
}

core::Result<std::vector<std::string>> Journeys::SetCommitteeVillages(core::ProgrammeId p,
                                                                      long long account_id,
                                                                      const std::string& villages) {
  const auto members =
      links_.committee_accounts ? links_.committee_accounts(p) : std::vector<CommitteeMember>{};
  if (std::none_of(members.begin(), members.end(),
                   [&](const auto& m) { return m.account_id == account_id; }))
    return core::NotFound();
  auto codes = ParseVillages(villages);
  if (!codes) return core::Invalid({{"villages", "error.journey.villages"}});
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore(lease, p).SetCommitteeVillages(account_id, *codes);
  tx.Commit();
  return *codes;
}

std::vector<CommitteeFile> Journeys::ForCommittee(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  JourneyStore store(lease, p);
  const auto theirs = store.CommitteeVillages(account_id);
  std::vector<CommitteeFile> out;
  for (const auto& j : store.ConsentedIn(theirs)) {
    CommitteeFile f;
    f.id = j.id;
    f.stage = j.stage;
    f.adults = j.adults;
    f.children_ages = j.children_ages;
    f.broadband_needs = j.broadband_needs;
    f.office_needs = j.office_needs;
    f.villages = Shared(j, theirs);
    for (auto& v : store.Visits(j.id))
      if (std::find(f.villages.begin(), f.villages.end(), v.commune_code) != f.villages.end())
        f.visits.push_back(std::move(v));
    for (auto& t : store.Tasks(j.id)) {
      if (t.assignee_id != account_id) continue;
      t.journey_name.clear();  // the file's name is the person's: never the committee's
      f.tasks.push_back(std::move(t));
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Journeys::Recipient> Journeys::CommitteeRecipients(core::ProgrammeId p,
                                                               const std::string& village,
                                                               long long except) {
  std::vector<long long> ids;
  {
    auto lease = pool_.Acquire();
    ids = JourneyStore(lease, p).CommitteesOf(village);
  }
  std::vector<Recipient> out;
  for (const long long id : ids)
    if (id != except && links_.contact)
      if (auto contact = links_.contact(p, id)) out.push_back({contact->first, contact->second});
  return out;
}

namespace {

/// The mails telling a village's committee of a household (`kind` "visit_planned": a visit at
/// `at`; "committee_file": a file newly shared with it): how many people, when, and its page.
/// Never the household's name or contact.
void QueueNotices(db::Lease& lease, core::ProgrammeId p,
                  const std::vector<Journeys::Recipient>& recipients, const Journey& j,
                  const std::string& village, core::UnixSeconds at, const std::string& url,
                  const std::string& kind) {
  const auto& catalogue = core::Catalogue::Get();
  const std::string keys = kind == "visit_planned" ? "mail.visit" : "mail.committee_file";
  for (const auto& r : recipients) {
    const auto format = [&](const std::string& key) {
      return fmt::format(
          fmt::runtime(catalogue.Translate(r.language, key)), fmt::arg("village", village),
          fmt::arg("residents", j.Residents()), fmt::arg("when", core::FormatLocal(at, r.language)),
          fmt::arg("day", core::FormatLocal(at, r.language).substr(0, 10)), fmt::arg("url", url));
    };
    outbox::Queue(lease, p, {r.email, format(keys + ".subject"), format(keys + ".body"), kind});
  }
}

/// The villages whose committees see file `j` (Reaches): with consent and not abandoned, those
/// it considers and the one it settled in.
std::vector<std::string> ReachedVillages(const Journey& j) {
  std::vector<std::string> out;
  if (!j.consent_committees || j.stage == "abandoned") return out;
  out = j.villages;
  if (!j.settled_village.empty()) out.push_back(j.settled_village);
  return out;
}

/// The villages whose committees see `after` and did not see `before` (null: a new file).
std::vector<std::string> NewlyReached(const Journey* before, const Journey& after) {
  const auto had = before ? ReachedVillages(*before) : std::vector<std::string>{};
  std::vector<std::string> out;
  for (const auto& village : ReachedVillages(after))
    if (std::find(had.begin(), had.end(), village) == had.end() &&
        std::find(out.begin(), out.end(), village) == out.end())
      out.push_back(village);
  return out;
}

}  // namespace

void Journeys::TellCommittees(core::ProgrammeId p, const Actor& actor, const Journey* before,
                              const Journey& after, const std::string& public_url) {
  if (public_url.empty()) return;
  // The file's change is committed, and is answered 2xx, whatever happens here: a mail that
  // cannot be queued is logged, and the committee still finds the file on its page.
  try {
    // Each member once, with every village of theirs the file now reaches (one may speak for
    // several). Read before a connection is held: auth and the territory take their own.
    std::map<std::string, std::pair<Recipient, std::string>> told;
    for (const auto& village : NewlyReached(before, after)) {
      std::string name = links_.village_name ? links_.village_name(p, village) : std::string();
      if (name.empty()) name = village;
      for (const auto& r : CommitteeRecipients(p, village, actor.account_id)) {
        auto& entry = told.try_emplace(r.email, r, std::string()).first->second;
        entry.second += (entry.second.empty() ? "" : ", ") + name;
      }
    }
    if (told.empty()) return;
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    for (const auto& entry : told)
      QueueNotices(lease, p, {entry.second.first}, after, entry.second.second, core::Now(),
                   public_url + "/committee", "committee_file");
    tx.Commit();
  } catch (const std::exception& e) {
    spdlog::warn("journey {}: committees not told of it: {}", after.id, e.what());
  }
}

core::Result<Visit> Journeys::PlanVisit(core::ProgrammeId p, const Actor& actor,
                                        long long journey_id, const std::string& village,
                                        core::UnixSeconds at, const std::string& public_url) {
  // Whom to tell and the village's name first: auth and the territory take connections of
  // their own, so none is held here yet.
  const auto recipients = public_url.empty() || village.size() > 5
                              ? std::vector<Recipient>{}
                              : CommitteeRecipients(p, village, actor.account_id);
  std::string village_name =
      recipients.empty() || !links_.village_name ? std::string() : links_.village_name(p, village);
  if (village_name.empty()) village_name = village;
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  const auto j = store.Find(journey_id);
  const auto theirs = VillagesOf(store, actor);
  if (!j || !Reaches(actor, *j, theirs)) return core::NotFound();
  std::vector<FieldError> errors;
  const bool considered =
      std::find(j->villages.begin(), j->villages.end(), village) != j->villages.end() ||
      j->settled_village == village;
  if (!considered ||
      (!actor.staff && std::find(theirs.begin(), theirs.end(), village) == theirs.end()))
    errors.push_back({"village", "error.journey.visit_village"});
  const auto now = core::Now();
  if (at < now - 86400 || at > now + 366 * 86400)
    errors.push_back({"planned_at", "error.journey.visit_at"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  Visit v;
  v.journey_id = journey_id;
  v.commune_code = village;
  v.planned_at = at;
  v.by_name = actor.name;
  v.id = store.AddVisit(v, actor.account_id, now);
  store.AddHistory(journey_id,
                   {now, actor.name, "edited", "", "",
                    "visit " + village + " " + core::FormatRfc3339Paris(at).substr(0, 16)},
                   actor.account_id);
  if (j->consent_committees)
    QueueNotices(lease, p, recipients, *j, village_name, at, public_url + "/committee",
                 "visit_planned");
  tx.Commit();
  return v;
}

core::Result<Visit> Journeys::RecordVisit(core::ProgrammeId p, const Actor& actor,
                                          long long journey_id, long long visit_id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  const auto j = store.Find(journey_id);
  const auto theirs = VillagesOf(store, actor);
  auto v = store.FindVisit(journey_id, visit_id);
  if (!j || !v || !Reaches(actor, *j, theirs) ||
      (!actor.staff && std::find(theirs.begin(), theirs.end(), v->commune_code) == theirs.end()))
    return core::NotFound();
  if (v->done_at) return core::Error::Of(core::ErrorCode::kConflict, "error.journey.visit_done");
  const auto now = core::Now();
  store.MarkVisitDone(visit_id, now);
  store.AddHistory(journey_id, {now, actor.name, "edited", "", "", "visit done " + v->commune_code},
                   actor.account_id);
  tx.Commit();
  v->done_at = now;
  return *v;
}

core::Status Journeys::AddNote(core::ProgrammeId p, const Actor& actor, long long journey_id,
                               const std::string& body) {
  const std::string text(core::Trim(body));
  if (text.empty() || core::Utf8Length(text) > kMaxTextChars ||
      core::HasControlCharacters(text, core::Lines::kMany))
    return core::Invalid({{"body", "error.journey.note"}});
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  const auto j = store.Find(journey_id);
  const auto theirs = VillagesOf(store, actor);
  if (!j || !Reaches(actor, *j, theirs)) return core::NotFound();
  store.AddNote(journey_id, {actor.name, !actor.staff, text, core::Now()}, actor.account_id);
  tx.Commit();
  return core::Ok();
}

std::vector<Visit> Journeys::Visits(core::ProgrammeId p, long long journey_id) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).Visits(journey_id);
}

std::vector<Note> Journeys::Notes(core::ProgrammeId p, long long journey_id) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).Notes(journey_id);
}

}  // namespace sohosolo::journeys
