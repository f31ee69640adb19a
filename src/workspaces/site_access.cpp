#include "workspaces/site_access.hpp"

namespace sohosolo::workspaces {

bool ManagesSite(const Actor& actor, long long /*site_id*/) {
  return actor.staff || actor.site_host;
}

}  // namespace sohosolo::workspaces
