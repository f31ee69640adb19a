// VillageService: one village's page and its edits by advisors.
#include <algorithm>

#include "core/text.hpp"
#include "core/time.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

namespace {

const char* TableOf(VillagePart part) {
  switch (part) {
    case VillagePart::kCommittee:
      return "village_committee";
    case VillagePart::kServices:
      return "village_services";
    case VillagePart::kListings:
      return "village_listings";
  }
  return "village_committee";
}

template <typename T>
const T* FindById(const std::vector<T>& items, long long id) {
  const auto it = std::find_if(items.begin(), items.end(), [id](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

core::Result<VillageView> VillageService::View(core::ProgrammeId p, const std::string& code) {
  auto commune = territory_.GetCommune(p, code);
  if (!commune) return commune.error();
  VillageView view;
  VillageRow row{code, "none", "", "{}"};
  {
    auto lease = pool_.Acquire();
    VillageStore store(lease, p);
    if (auto stored = store.Village(code)) row = *stored;
    view.detail.committee = store.Committee(code);
    view.detail.services = store.Services(code);
    view.detail.listings = store.Listings(code);
  }
  view.detail.code = code;
  view.detail.role = row.role;
  view.detail.welcome_committee = row.welcome_committee;
  view.facts = Facts(p, row, view.detail.services);
  for (const auto& l : view.detail.listings)
    if (l.available) view.facts.listings.push_back(l);
  std::vector<VillageFacts> one{view.facts};
  AttachNearestWorkspace(one, workspaces_ ? workspaces_(p) : std::vector<WorkspacePoint>{});
  view.facts = std::move(one.front());
  if (auto c = territory_.Connectivity(p, code)) view.connectivity = std::move(*c);
  return view;
}

core::Status VillageService::Update(core::ProgrammeId p, const std::string& code,
                                    const EditInput& input) {
  std::vector<core::FieldError> errors;
  std::optional<std::string> role, committee;
  if (const auto it = input.find("role"); it != input.end()) {
    if (!IsVillageRole(it->second)) errors.push_back({"role", "error.village.bad_role"});
    role = it->second;
  }
  if (const auto it = input.find("welcome_committee"); it != input.end()) {
    if (core::Utf8Length(it->second) > kMaxDescriptionChars)
      errors.push_back({"welcome_committee", "error.village.too_long"});
    committee = it->second;
  }
  if (!role) errors.push_back({"role", "error.field.required"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  VillageStore store(lease, p);
  if (!store.CommuneExists(code)) return core::NotFound();
  const auto current = store.Village(code);
  store.UpsertVillage(code, role.value_or(current ? current->role : "none"), committee,
                      std::nullopt, core::Now());
  tx.Commit();
  return core::Ok();
}

core::Result<long long> VillageService::AddItem(core::ProgrammeId p, const std::string& code,
                                                VillagePart part, const EditInput& input,
                                                DataOrigin origin) {
  auto commune = territory_.GetCommune(p, code);
  if (!commune) return commune.error();
  CommitteeMember member;
  NearbyService service;
  Listing listing;
  std::vector<core::FieldError> errors;
  if (part == VillagePart::kCommittee) errors = ApplyMember(member, input, EditMode::kCreate);
  if (part == VillagePart::kServices)
    errors = ApplyService(service, input, EditMode::kCreate, commune->point);
  if (part == VillagePart::kListings) errors = ApplyListing(listing, input, EditMode::kCreate);
  if (!errors.empty()) return core::Invalid(std::move(errors));
  member.is_demo = service.is_demo = listing.is_demo = origin == DataOrigin::kDemo;

  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  VillageStore store(lease, p);
  const long long now = core::Now();
  store.EnsureVillage(code, now);
  long long id = 0;
  if (part == VillagePart::kCommittee) id = store.InsertMember(code, member, now);
  if (part == VillagePart::kServices) id = store.InsertService(code, service, now);
  if (part == VillagePart::kListings) id = store.InsertListing(code, listing, now);
  tx.Commit();
  return id;
}

core::Status VillageService::UpdateItem(core::ProgrammeId p, const std::string& code,
                                        VillagePart part, long long id, const EditInput& input) {
  auto commune = territory_.GetCommune(p, code);
  if (!commune) return commune.error();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  VillageStore store(lease, p);
  const long long now = core::Now();
  const auto not_found = core::NotFound();
  std::vector<core::FieldError> errors;
  if (part == VillagePart::kCommittee) {
    const auto members = store.Committee(code);
    const auto* found = FindById(members, id);
    if (!found) return not_found;
    auto member = *found;
    errors = ApplyMember(member, input, EditMode::kUpdate);
    if (!errors.empty()) return core::Invalid(std::move(errors));
    store.UpdateMember(code, member, now);
  }
  if (part == VillagePart::kServices) {
    const auto services = store.Services(code);
    const auto* found = FindById(services, id);
    if (!found) return not_found;
    auto service = *found;
    errors = ApplyService(service, input, EditMode::kUpdate, commune->point);
    if (!errors.empty()) return core::Invalid(std::move(errors));
    store.UpdateService(code, service, now);
  }
  if (part == VillagePart::kListings) {
    const auto listings = store.Listings(code);
    const auto* found = FindById(listings, id);
    if (!found) return not_found;
    auto listing = *found;
    errors = ApplyListing(listing, input, EditMode::kUpdate);
    if (!errors.empty()) return core::Invalid(std::move(errors));
    store.UpdateListing(code, listing, now);
  }
  tx.Commit();
  return core::Ok();
}

core::Status VillageService::DeleteItem(core::ProgrammeId p, const std::string& code,
                                        VillagePart part, long long id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  if (!VillageStore(lease, p).DeleteRow(TableOf(part), code, id)) return core::NotFound();
  tx.Commit();
  return core::Ok();
}

}  // namespace sohosolo::territory
