#include "journeys/service.hpp"

#include <algorithm>
#include <cstring>

#include "core/text.hpp"
#include "core/time.hpp"

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

}  // namespace

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

namespace {

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

bool IsDay(const std::string& day) {
  return day.size() == 10 && core::ParseRfc3339(day + "T00:00:00Z").has_value();
}

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
                                       const JourneyInput& in, bool demo,
                                       const std::string& public_url) {
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
  Journey created;
  {
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    JourneyStore store(lease, p);
    const auto id = store.Insert(j, actor.account_id);
    store.AddHistory(id, {now, actor.name, "created", "", j.stage, ""}, actor.account_id);
    created = *store.Find(id);
    tx.Commit();
  }
  figures_.Invalidate();
  TellCommittees(p, actor, nullptr, created, public_url);
  return created;
}

core::Result<Journey> Journeys::CreateFromRequest(core::ProgrammeId p, const Actor& actor,
                                                  long long request_id) {
  const auto facts = links_.request ? links_.request(p, request_id) : std::nullopt;
  if (!facts) return core::NotFound();
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
    figures_.Invalidate();
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
                                       const JourneyInput& in, const std::optional<StageMove>& move,
                                       const std::string& public_url) {
  const bool advisor_ok = !in.advisor_id || *in.advisor_id == 0 ||
                          (links_.is_staff && links_.is_staff(p, *in.advisor_id));
  Journey before, after;
  {
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    JourneyStore store(lease, p);
    store.Lock(id);
    auto j = store.Find(id);
    if (!j) return core::NotFound();
    before = *j;
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
    after = *store.Find(id);
    tx.Commit();
  }
  figures_.Invalidate();
  TellCommittees(p, actor, &before, after, public_url);
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

Indicators Journeys::HomeFigures(core::ProgrammeId p) {
  if (auto kept = figures_.Find(p)) return *kept;
  const auto generation = figures_.Generation();
  auto figures = Figures(p);
  figures_.Keep(p, figures, generation);
  return figures;
}

}  // namespace sohosolo::journeys
