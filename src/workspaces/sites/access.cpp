#include "workspaces/sites/access.hpp"

#include <algorithm>

namespace sohosolo::workspaces {

bool ManagesSite(const Actor& actor, long long site_id) {
  if (actor.staff) return true;
  if (!actor.site_host) return false;
  return std::find(actor.hosted_sites.begin(), actor.hosted_sites.end(), site_id) !=
         actor.hosted_sites.end();
}

}  // namespace sohosolo::workspaces
