#include "journeys/amendments/service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "journeys/amendments/store.hpp"
#include "journeys/store.hpp"

namespace sohosolo::journeys {

namespace {

/// Trims the texts and puts the days in the week's order, once each.
void Normalise(AmendmentFields& f) {
  for (const auto& t : kAmendmentTexts) f.*t.member = std::string(core::Trim(f.*t.member));
  std::vector<std::string> days;
  for (const char* day : kWorkDays)
    if (std::find(f.days.begin(), f.days.end(), day) != f.days.end()) days.emplace_back(day);
  const bool unknown = std::any_of(f.days.begin(), f.days.end(), [](const std::string& d) {
    return std::find(kWorkDays.begin(), kWorkDays.end(), d) == kWorkDays.end();
  });
  if (!unknown) f.days = std::move(days);
}

}  // namespace

std::vector<Workplace> Amendments::Workplaces(core::ProgrammeId p) const {
  return workplaces_ ? workplaces_(p) : std::vector<Workplace>{};
}

core::Result<AmendmentFields> Amendments::Draft(core::ProgrammeId p, long long journey_id) {
  auto j = journeys_.Find(p, journey_id);
  if (!j) return j.error();
  {
    auto lease = pool_.Acquire();
    if (auto latest = AmendmentStore(lease).Find(journey_id, 0)) return latest->fields;
  }
  AmendmentFields f;
  f.employee_name = j->name;
  f.employer_name = j->employer;
  return f;
}

core::Result<Amendment> Amendments::Generate(core::ProgrammeId p, const Actor& actor,
                                             long long journey_id, AmendmentFields fields) {
  auto j = journeys_.Find(p, journey_id);
  if (!j || !actor.staff) return core::NotFound();
  if (j->status != "salaried")
    return core::Error::Of(core::ErrorCode::kConflict, "error.amendment.not_salaried");
  Normalise(fields);
  auto errors = CheckAmendment(fields);
  fields.site.clear();
  if (fields.site_id != 0) {
    const auto places = Workplaces(p);
    const auto it = std::find_if(places.begin(), places.end(),
                                 [&](const Workplace& w) { return w.id == fields.site_id; });
    if (it == places.end())
      errors.push_back({"site_id", "error.amendment.site"});
    else
      fields.site = it->address.empty() ? it->name : it->name + ", " + it->address;
  }
  if (!errors.empty()) return core::Invalid(std::move(errors));
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore files(lease, p);
  files.Lock(journey_id);  // two generations at once make two versions, one after the other
  AmendmentStore store(lease);
  const int version = store.NextVersion(journey_id);
  if (version > kMaxAmendmentVersions)
    return core::Error::Of(core::ErrorCode::kConflict, "error.amendment.too_many");
  Amendment a{journey_id, version, std::move(fields), actor.name, core::Now()};
  store.Insert(a, actor.account_id);
  files.AddHistory(
      journey_id,
      {a.created_at, actor.name, "edited", "", "", "amendment v" + std::to_string(a.version)},
      actor.account_id);
  tx.Commit();
  return a;
}

core::Result<std::vector<Amendment>> Amendments::Versions(core::ProgrammeId p,
                                                          long long journey_id) {
  auto j = journeys_.Find(p, journey_id);
  if (!j) return j.error();
  auto lease = pool_.Acquire();
  return AmendmentStore(lease).List(journey_id);
}

core::Result<Amendment> Amendments::Find(core::ProgrammeId p, long long journey_id, int version) {
  auto j = journeys_.Find(p, journey_id);
  if (!j) return j.error();
  auto lease = pool_.Acquire();
  auto found = AmendmentStore(lease).Find(journey_id, version);
  if (!found) return core::NotFound();
  return *found;
}

}  // namespace sohosolo::journeys
