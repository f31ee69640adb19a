#pragma once

#include "workspaces/bookings/service.hpp"

namespace sohosolo::workspaces {

/// The one place that decides whether `actor` may manage the bookings of site `site_id`:
/// approve or decline them, cancel anyone's booking there, manage the site's closures, book on
/// the site's behalf, edit it and see its statistics. Advisors and admins run every site of the
/// programme; site hosts the ones they are tied to (Actor::hosted_sites).
bool ManagesSite(const Actor& actor, long long site_id);

}  // namespace sohosolo::workspaces
