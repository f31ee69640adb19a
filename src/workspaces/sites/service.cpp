#include "workspaces/sites/service.hpp"

#include <algorithm>
#include <set>

#include "core/crypto.hpp"
#include "workspaces/places.hpp"
#include "workspaces/sites/hosts.hpp"
#include "workspaces/sites/store.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;

/// Items are stored comma-separated, so an item cannot hold a comma itself.
void CheckItems(std::vector<FieldError>& errors,
                const std::optional<std::vector<std::string>>& items) {
  if (!items) return;
  for (const auto& item : *items) {
    if (item.find(',') != std::string::npos) {
      errors.push_back({"equipment", "error.siteadmin.equipment_comma"});
      return;
    }
  }
}

/// Adds the errors of `more` whose field has no error yet (a missing field is said once).
void AddUnlessNamed(std::vector<FieldError>& errors, std::vector<FieldError> more) {
  for (auto& e : more) {
    const bool already = std::any_of(errors.begin(), errors.end(),
                                     [&](const FieldError& x) { return x.field == e.field; });
    if (!already) errors.push_back(std::move(e));
  }
}

}  // namespace

std::vector<SiteWithResources> SiteAdmin::ManagedSites(core::ProgrammeId p, const Actor& actor) {
  auto lease = pool_.Acquire();
  PlaceStore store(lease, p);
  std::vector<SiteWithResources> out;
  for (auto& site : store.Sites()) {
    if (!ManagesSite(actor, site.id)) continue;
    auto resources = store.Resources(site.id);
    out.push_back({std::move(site), std::move(resources)});
  }
  return out;
}

core::Result<SiteProfile> SiteAdmin::GetSite(core::ProgrammeId p, const Actor& actor,
                                             long long site_id) {
  auto lease = pool_.Acquire();
  PlaceStore store(lease, p);
  auto site = store.FindSite(site_id);
  if (!site) return core::NotFound();
  if (!ManagesSite(actor, site_id)) return core::Forbidden("error.siteadmin.forbidden");
  return SiteProfile{{*site, store.Resources(site_id)},
                     SiteAdminStore(lease, p).PhotoUpdatedAt(site_id)};
}

core::Result<SiteProfile> SiteAdmin::CreateSite(core::ProgrammeId p, const Actor& actor,
                                                const SiteChanges& changes) {
  // A site host runs the sites given to them; opening a new site is the programme's decision.
  if (!actor.staff) return core::Forbidden("error.siteadmin.forbidden");
  std::vector<FieldError> errors;
  if (!changes.name) errors.push_back({"name", "error.field.required"});
  if (!changes.kind) errors.push_back({"kind", "error.field.required"});
  CheckItems(errors, changes.equipment);
  Site site;
  Apply(changes, site);
  AddUnlessNamed(errors, CheckSite(site));
  if (!errors.empty()) return core::Invalid(std::move(errors), kInvalidSite);
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  site.id = PlaceStore(lease, p).CreateSite(site);
  tx.Commit();
  return SiteProfile{{site, {}}, std::nullopt};
}

core::Result<SiteProfile> SiteAdmin::UpdateSite(core::ProgrammeId p, const Actor& actor,
                                                long long site_id, const SiteChanges& changes) {
  auto lease = pool_.Acquire();
  PlaceStore store(lease, p);
  SiteAdminStore admin(lease, p);
  auto site = store.FindSite(site_id);
  if (!site) return core::NotFound();
  if (!ManagesSite(actor, site_id)) return core::Forbidden("error.siteadmin.forbidden");
  std::vector<FieldError> errors;
  CheckItems(errors, changes.equipment);
  Apply(changes, *site);
  if (errors.empty()) errors = CheckSite(*site);
  if (!errors.empty()) return core::Invalid(std::move(errors), kInvalidSite);
  db::Transaction tx(lease, db::TxMode::kWrite);
  admin.UpdateSite(*site, core::Now());
  tx.Commit();
  Changed();
  return SiteProfile{{*store.FindSite(site_id), store.Resources(site_id)},
                     admin.PhotoUpdatedAt(site_id)};
}

core::Result<Resource> SiteAdmin::GetResource(core::ProgrammeId p, const Actor& actor,
                                              long long resource_id) {
  auto lease = pool_.Acquire();
  auto resource = PlaceStore(lease, p).FindResource(resource_id);
  if (!resource) return core::NotFound();
  if (!ManagesSite(actor, resource->site_id)) return core::Forbidden("error.siteadmin.forbidden");
  return *resource;
}

core::Result<Resource> SiteAdmin::CreateResource(core::ProgrammeId p, const Actor& actor,
                                                 long long site_id,
                                                 const ResourceChanges& changes) {
  auto lease = pool_.Acquire();
  PlaceStore store(lease, p);
  if (!store.FindSite(site_id)) return core::NotFound();
  if (!ManagesSite(actor, site_id)) return core::Forbidden("error.siteadmin.forbidden");
  std::vector<FieldError> errors;
  if (!changes.kind) errors.push_back({"kind", "error.field.required"});
  if (!changes.name) errors.push_back({"name", "error.field.required"});
  CheckItems(errors, changes.equipment);
  Resource resource;
  resource.site_id = site_id;
  Apply(changes, resource);
  AddUnlessNamed(errors, CheckResource(resource));
  if (!errors.empty()) return core::Invalid(std::move(errors), kInvalidSite);
  db::Transaction tx(lease, db::TxMode::kWrite);
  resource.id = store.CreateResource(resource);
  tx.Commit();
  return resource;
}

core::Result<Resource> SiteAdmin::UpdateResource(core::ProgrammeId p, const Actor& actor,
                                                 long long resource_id,
                                                 const ResourceChanges& changes) {
  auto lease = pool_.Acquire();
  PlaceStore store(lease, p);
  auto resource = store.FindResource(resource_id);
  if (!resource) return core::NotFound();
  if (!ManagesSite(actor, resource->site_id)) return core::Forbidden("error.siteadmin.forbidden");
  std::vector<FieldError> errors;
  CheckItems(errors, changes.equipment);
  Apply(changes, *resource);
  if (errors.empty()) errors = CheckResource(*resource);
  if (!errors.empty()) return core::Invalid(std::move(errors), kInvalidSite);
  db::Transaction tx(lease, db::TxMode::kWrite);
  SiteAdminStore(lease, p).UpdateResource(*resource);
  tx.Commit();
  Changed();
  return *resource;
}

core::Status SiteAdmin::SetPhoto(core::ProgrammeId p, const Actor& actor, long long site_id,
                                 const std::string& bytes, const std::string& declared_type) {
  auto lease = pool_.Acquire();
  if (!PlaceStore(lease, p).FindSite(site_id)) return core::NotFound();
  if (!ManagesSite(actor, site_id)) return core::Forbidden("error.siteadmin.forbidden");
  if (bytes.size() > kMaxPhotoBytes) {
    return Error{ErrorCode::kTooLarge,
                 "error.siteadmin.photo_too_large",
                 {{"photo", "error.siteadmin.photo_too_large"}},
                 {}};
  }
  const auto type = core::ImageType(bytes);
  // The signature decides; a declared type that contradicts it is a mistake worth telling.
  if (type.empty() || (!declared_type.empty() && declared_type != type)) {
    return core::Invalid({{"photo", "error.siteadmin.photo_type"}}, kInvalidSite);
  }
  db::Transaction tx(lease, db::TxMode::kWrite);
  SiteAdminStore(lease, p).SavePhoto(site_id, type, bytes, actor.account_id, core::Now());
  tx.Commit();
  return core::Ok();
}

core::Status SiteAdmin::DeletePhoto(core::ProgrammeId p, const Actor& actor, long long site_id) {
  auto lease = pool_.Acquire();
  if (!PlaceStore(lease, p).FindSite(site_id)) return core::NotFound();
  if (!ManagesSite(actor, site_id)) return core::Forbidden("error.siteadmin.forbidden");
  db::Transaction tx(lease, db::TxMode::kWrite);
  if (!SiteAdminStore(lease, p).DeletePhoto(site_id)) return core::NotFound();
  tx.Commit();
  return core::Ok();
}

std::optional<Photo> SiteAdmin::GetPhoto(core::ProgrammeId p, long long site_id) {
  auto lease = pool_.Acquire();
  auto stored = SiteAdminStore(lease, p).FindPhoto(site_id);
  if (!stored) return std::nullopt;
  return Photo{stored->content_type, std::move(stored->bytes), stored->updated_at};
}

core::Result<std::vector<HostAccount>> SiteAdmin::Hosts(core::ProgrammeId p, const Actor& actor,
                                                        long long site_id) {
  if (!actor.staff) return core::Forbidden("error.siteadmin.forbidden");
  std::vector<long long> ids;
  {
    auto lease = pool_.Acquire();
    if (!PlaceStore(lease, p).FindSite(site_id)) return core::NotFound();
    ids = SiteAdminStore(lease, p).HostsOf(site_id);
  }
  std::vector<HostAccount> out;
  for (auto& candidate : directory_(p)) {
    if (std::find(ids.begin(), ids.end(), candidate.account_id) != ids.end())
      out.push_back(std::move(candidate));
  }
  return out;
}

core::Result<std::vector<HostAccount>> SiteAdmin::SetHosts(
    core::ProgrammeId p, const Actor& actor, long long site_id,
    const std::vector<long long>& account_ids) {
  if (!actor.staff) return core::Forbidden("error.siteadmin.forbidden");
  const auto candidates = directory_(p);
  std::set<long long> wanted;
  for (const auto id : account_ids) {
    const bool host = std::any_of(candidates.begin(), candidates.end(),
                                  [id](const HostAccount& c) { return c.account_id == id; });
    if (!host) return core::Invalid({{"account_ids", "error.siteadmin.not_a_host"}}, kInvalidSite);
    wanted.insert(id);
  }
  {
    auto lease = pool_.Acquire();
    if (!PlaceStore(lease, p).FindSite(site_id)) return core::NotFound();
    db::Transaction tx(lease, db::TxMode::kWrite);
    SiteAdminStore(lease, p).ReplaceHosts(site_id, {wanted.begin(), wanted.end()}, actor.account_id,
                                          core::Now());
    tx.Commit();
  }
  return Hosts(p, actor, site_id);
}

}  // namespace sohosolo::workspaces
