#include "workspaces/sites/hosts.hpp"

#include "workspaces/sites/store.hpp"

namespace sohosolo::workspaces {

std::vector<long long> Service::HostedSites(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  return SiteAdminStore(lease, p).HostedSites(account_id);
}

std::optional<core::UnixSeconds> Service::PhotoUpdatedAt(core::ProgrammeId p, long long site_id) {
  auto lease = pool_.Acquire();
  return SiteAdminStore(lease, p).PhotoUpdatedAt(site_id);
}

Actor ActorFor(Service& service, const http::Context& ctx) {
  Actor actor;
  actor.account_id = ctx.account->id;
  actor.staff = ctx.IsStaff();
  actor.site_host = ctx.Has(http::Role::kSiteHost);
  if (actor.site_host && !actor.staff)
    actor.hosted_sites = service.HostedSites(ctx.programme.id, actor.account_id);
  return actor;
}

}  // namespace sohosolo::workspaces
