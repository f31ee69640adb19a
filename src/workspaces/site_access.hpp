#pragma once

#include "workspaces/service.hpp"

namespace sohosolo::workspaces {

/// The one place that decides whether `actor` may manage the bookings of site `site_id`:
/// approve or decline them, cancel anyone's booking there, manage the site's closures, book on
/// the site's behalf. Today every site host runs every site of the programme; when hosts are tied
/// to their own sites, this is the function that narrows it.
bool ManagesSite(const Actor& actor, long long site_id);

}  // namespace sohosolo::workspaces
