#include "journeys/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "outbox/service.hpp"

namespace sohosolo::journeys {

namespace {

using core::FieldError;
using core::OneOf;

constexpr const char* kSectors = "ABCDEFGHIJKLMNOPQRSTU";

/// A one-line or multi-line text of at most `max` characters, trimmed.
void Text(std::optional<std::string> const& in, std::string& out, const char* field,
          std::size_t max, core::Lines lines, std::vector<FieldError>& errors) {
  if (!in) return;
  const std::string v(core::Trim(*in));
  if (core::Utf8Length(v) > max || core::HasControlCharacters(v, lines)) {
    errors.push_back({field, std::string("error.journey.") + field});
    return;
  }
  out = v;
}

std::optional<std::vector<int>> ParseAges(const std::string& text) {
  std::vector<int> out;
  for (auto part : core::Split(text, ',')) {
    const auto t = core::Trim(part);
    if (t.empty()) continue;
    if (t.size() > 2 ||
        !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    out.push_back(std::stoi(std::string(t)));
  }
  if (out.size() > static_cast<std::size_t>(kMaxChildren)) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> ParseVillages(const std::string& text) {
  std::vector<std::string> out;
  std::string normal = text;
  std::replace(normal.begin(), normal.end(), ',', ' ');
  for (auto part : core::Split(normal, ' ')) {
    if (part.empty()) continue;
    const std::string code(part);
    if (!core::IsCommuneCode(code)) return std::nullopt;
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  if (out.size() > kMaxVillages) return std::nullopt;
  return out;
}

std::string Describe(const JourneyInput& in) {
  std::string out;
  const auto add = [&out](bool present, const char* name) {
    if (present) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(in.name.has_value(), "name");
  add(in.email.has_value(), "email");
  add(in.phone.has_value(), "phone");
  add(in.adults.has_value(), "adults");
  add(in.children_ages.has_value(), "children_ages");
  add(in.status.has_value(), "status");
  add(in.employer.has_value(), "employer");
  add(in.sector.has_value(), "sector");
  add(in.activity.has_value(), "activity");
  add(in.clients_where.has_value(), "clients_where");
  add(in.broadband_needs.has_value(), "broadband_needs");
  add(in.office_needs.has_value(), "office_needs");
  add(in.villages.has_value(), "villages");
  add(in.advisor_id.has_value(), "advisor");
  add(in.consent_committees.has_value(), "consent_committees");
  add(in.notes.has_value(), "notes");
  return out;
}

}  // namespace

int StageIndex(const std::string& stage) {
  for (std::size_t i = 0; i < kStages.size(); ++i)
    if (stage == kStages[i]) return static_cast<int>(i);
  return -1;
}

bool IsSettled(const std::string& stage) {
  const int i = StageIndex(stage);
  return i >= StageIndex("settled") && i <= StageIndex("followed_24");
}

void ApplyInput(Journey& j, const JourneyInput& in, std::vector<FieldError>& errors) {
  Text(in.name, j.name, "name", kMaxNameChars, core::Lines::kOne, errors);
  if (in.name && j.name.empty() &&
      !std::any_of(errors.begin(), errors.end(), [](const auto& e) { return e.field == "name"; }))
    errors.push_back({"name", "error.field.required"});
  if (in.email) {
    const std::string email(core::Trim(*in.email));
    if (!email.empty() && (email.size() > 254 || !core::LooksLikeEmail(email)))
      errors.push_back({"email", "error.journey.email"});
    else
      j.email = email;
  }
  Text(in.phone, j.phone, "phone", 40, core::Lines::kOne, errors);
  if (in.adults) {
    if (*in.adults < 0 || *in.adults > kMaxAdults)
      errors.push_back({"adults", "error.journey.adults"});
    else
      j.adults = *in.adults;
  }
  if (in.children_ages) {
    auto ages = ParseAges(*in.children_ages);
    if (!ages)
      errors.push_back({"children_ages", "error.journey.children_ages"});
    else
      j.children_ages = *ages;
  }
  if (in.status) {
    const std::string s(core::Trim(*in.status));
    if (!s.empty() && !OneOf(s, kStatuses))
      errors.push_back({"status", "error.journey.status"});
    else
      j.status = s;
  }
  Text(in.employer, j.employer, "employer", kMaxNameChars, core::Lines::kOne, errors);
  if (in.sector) {
    const std::string s(core::Trim(*in.sector));
    if (!s.empty() && (s.size() != 1 || std::strchr(kSectors, s[0]) == nullptr))
      errors.push_back({"sector", "error.journey.sector"});
    else
      j.sector = s;
  }
  Text(in.activity, j.activity, "activity", kMaxTextChars, core::Lines::kMany, errors);
  Text(in.clients_where, j.clients_where, "clients_where", kMaxTextChars, core::Lines::kMany,
       errors);
  Text(in.broadband_needs, j.broadband_needs, "broadband_needs", kMaxTextChars, core::Lines::kMany,
       errors);
  Text(in.office_needs, j.office_needs, "office_needs", kMaxTextChars, core::Lines::kMany, errors);
  if (in.villages) {
    auto villages = ParseVillages(*in.villages);
    if (!villages)
      errors.push_back({"villages", "error.journey.villages"});
    else
      j.villages = *villages;
  }
  Text(in.notes, j.notes, "notes", 5000, core::Lines::kMany, errors);
  if (in.consent_committees && *in.consent_committees != j.consent_committees) {
    j.consent_committees = *in.consent_committees;
    // Consent is recorded with its date, and withdrawn as plainly.
    j.consent_at = j.consent_committees ? std::optional(core::Now()) : std::nullopt;
  }
}

void ApplyMove(Journey& j, const StageMove& move, core::UnixSeconds now,
               std::vector<FieldError>& errors) {
  if (StageIndex(move.to) < 0) {
    errors.push_back({"stage", "error.journey.stage"});
    return;
  }
  if (move.to == j.stage) {
    errors.push_back({"stage", "error.journey.same_stage"});
    return;
  }
  if (move.to == "abandoned") {
    if (!OneOf(move.abandon_reason, kAbandonReasons)) {
      errors.push_back({"abandon_reason", "error.journey.abandon_reason"});
      return;
    }
    j.abandon_reason = move.abandon_reason;
  } else {
    j.abandon_reason.clear();
  }
  if (IsSettled(move.to)) {
    const std::string village = !move.village.empty()        ? move.village
                                : !j.settled_village.empty() ? j.settled_village
                                : !j.villages.empty()        ? j.villages.front()
                                                             : "";
    if (!core::IsCommuneCode(village)) {
      errors.push_back({"village", "error.journey.settled_village"});
      return;
    }
    if (!IsSettled(j.stage) || j.settled_village != village) j.settled_at = now;
    j.settled_village = village;
  } else {
    // Back before settled (a mistake put right) or abandoned: the household is not counted.
    j.settled_village.clear();
    j.settled_at.reset();
  }
  j.stage = move.to;
  j.stage_at = now;
}

Indicators CountSettled(const std::vector<Journey>& settled) {
  Indicators out;
  for (const auto& j : settled) {
    ++out.settled_households;
    out.new_residents += j.Residents();
    if (j.sector == "J") ++out.digital_households;
    out.demo = out.demo || j.demo;
  }
  return out;
}

core::Result<Journey> Journeys::Create(core::ProgrammeId p, const Actor& actor,
                                       const JourneyInput& in, bool demo) {
  std::vector<FieldError> errors;
  Journey j;
  if (!in.name) errors.push_back({"name", "error.field.required"});
  ApplyInput(j, in, errors);
  if (in.advisor_id && *in.advisor_id != 0 &&
      !(links_.is_staff && links_.is_staff(p, *in.advisor_id)))
    errors.push_back({"advisor", "error.journey.advisor"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  if (in.advisor_id && *in.advisor_id != 0) j.advisor_id = *in.advisor_id;
  const auto now = core::Now();
  j.stage_at = j.created_at = j.updated_at = now;
  j.demo = demo;
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  const auto id = store.Insert(j, actor.account_id);
  store.AddHistory(id, {now, actor.name, "created", "", j.stage, ""}, actor.account_id);
  auto created = *store.Find(id);
  tx.Commit();
  return created;
}

core::Result<Journey> Journeys::CreateFromRequest(core::ProgrammeId p, const Actor& actor,
                                                  long long request_id) {
  const auto facts = links_.request ? links_.request(p, request_id) : std::nullopt;
  if (!facts) return core::NotFound();
  {
    auto lease = pool_.Acquire();
    if (JourneyStore(lease, p).FindByRequest(request_id))
      return core::Error::Of(core::ErrorCode::kConflict, "error.journey.request_taken");
  }
  JourneyInput in;
  in.name = facts->name;
  in.email = facts->email;
  in.phone = facts->phone;
  in.villages = facts->commune_code;
  in.notes = facts->message + (facts->needs.empty() ? "" : "\n\n" + facts->needs);
  in.advisor_id = actor.account_id;
  std::vector<FieldError> errors;
  Journey j;
  ApplyInput(j, in, errors);
  if (!errors.empty()) return core::Invalid(std::move(errors));
  j.request_id = request_id;
  j.advisor_id = actor.account_id;
  const auto now = core::Now();
  j.stage_at = j.created_at = j.updated_at = now;
  long long id = 0;
  {
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    JourneyStore store(lease, p);
    // The unique index on request_id settles two clicks at once: the second finds it here.
    if (store.FindByRequest(request_id))
      return core::Error::Of(core::ErrorCode::kConflict, "error.journey.request_taken");
    id = store.Insert(j, actor.account_id);
    store.AddHistory(
        id, {now, actor.name, "created", "", j.stage, "request " + std::to_string(request_id)},
        actor.account_id);
    tx.Commit();
  }
  if (links_.request_taken) links_.request_taken(p, request_id, actor);
  return Find(p, id);
}

core::Result<Journey> Journeys::Find(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  auto j = JourneyStore(lease, p).Find(id);
  if (!j) return core::NotFound();
  return *j;
}

core::Result<std::vector<Journey>> Journeys::List(core::ProgrammeId p, const ListFilter& filter) {
  std::vector<FieldError> errors;
  if (!filter.stage.empty() && StageIndex(filter.stage) < 0)
    errors.push_back({"stage", "error.journey.stage"});
  if (!filter.village.empty() && !core::IsCommuneCode(filter.village))
    errors.push_back({"village", "error.journey.villages"});
  if (filter.limit < 1 || filter.limit > 200) errors.push_back({"limit", "error.journey.limit"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  ListFilter f = filter;
  f.name_like = core::FoldForSearch(filter.name_like);
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).List(f);
}

std::vector<StageCount> Journeys::CountByStage(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).CountByStage();
}

core::Result<Journey> Journeys::Change(core::ProgrammeId p, const Actor& actor, long long id,
                                       const JourneyInput& in,
                                       const std::optional<StageMove>& move) {
  const bool advisor_ok = !in.advisor_id || *in.advisor_id == 0 ||
                          (links_.is_staff && links_.is_staff(p, *in.advisor_id));
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  store.Lock(id);
  auto j = store.Find(id);
  if (!j) return core::NotFound();
  const auto before = *j;
  std::vector<FieldError> errors;
  ApplyInput(*j, in, errors);
  if (!advisor_ok) errors.push_back({"advisor", "error.journey.advisor"});
  const auto now = core::Now();
  if (move) ApplyMove(*j, *move, now, errors);
  if (!errors.empty()) return core::Invalid(std::move(errors));
  if (in.advisor_id)
    j->advisor_id = *in.advisor_id == 0 ? std::nullopt : std::optional(*in.advisor_id);
  j->updated_at = now;
  store.Update(*j);
  const auto edited = Describe(in);
  if (!edited.empty())
    store.AddHistory(id, {now, actor.name, "edited", "", "", edited}, actor.account_id);
  if (move) {
    const auto detail = move->to == "abandoned" ? j->abandon_reason
                        : IsSettled(move->to)   ? j->settled_village
                                                : std::string();
    store.AddHistory(id, {now, actor.name, "stage", before.stage, j->stage, detail},
                     actor.account_id);
  }
  auto after = *store.Find(id);
  tx.Commit();
  return after;
}

std::vector<HistoryEntry> Journeys::History(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  return JourneyStore(lease, p).History(id);
}

Indicators Journeys::Figures(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  JourneyStore store(lease, p);
  auto out = CountSettled(store.Settled());
  out.files_open = store.CountOpen();
  out.computed_at = core::Now();
  return out;
}

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

/// Whether `actor` reaches file `j` (and which of its villages, for a committee).
bool Reaches(const Actor& actor, const Journey& j, const std::vector<std::string>& theirs) {
  if (actor.staff) return true;
  return j.consent_committees && j.stage != "abandoned" && !Shared(j, theirs).empty();
}

}  // namespace

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
  return static_cast<int>(ids.size());
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
  return BuildReport(files, moves, names, core::Now());
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
    out.push_back(std::move(f));
  }
  return out;
}

core::Result<Visit> Journeys::PlanVisit(core::ProgrammeId p, const Actor& actor,
                                        long long journey_id, const std::string& village,
                                        core::UnixSeconds at) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  const auto j = store.Find(journey_id);
  const auto theirs =
      actor.staff ? std::vector<std::string>{} : store.CommitteeVillages(actor.account_id);
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
  tx.Commit();
  return v;
}

core::Result<Visit> Journeys::RecordVisit(core::ProgrammeId p, const Actor& actor,
                                          long long journey_id, long long visit_id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore store(lease, p);
  const auto j = store.Find(journey_id);
  const auto theirs =
      actor.staff ? std::vector<std::string>{} : store.CommitteeVillages(actor.account_id);
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
  const auto theirs =
      actor.staff ? std::vector<std::string>{} : store.CommitteeVillages(actor.account_id);
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

namespace {

std::string Today(core::UnixSeconds now) { return core::FormatRfc3339Paris(now).substr(0, 10); }

bool IsDay(const std::string& day) {
  return day.size() == 10 && core::ParseRfc3339(day + "T00:00:00Z").has_value();
}

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
  const auto at = done ? std::optional(core::Now()) : std::nullopt;
  store.SetTaskDone(task_id, at);
  tx.Commit();
  task->done_at = at;
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
    const auto& [email, language] = *contact;
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
