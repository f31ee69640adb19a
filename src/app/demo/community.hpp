#pragma once

#include "auth/service.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::app {

/// Demo data of the members' directory: the demo member's profile and four fictitious members
/// (their names say "(démo)"), listed, with skills, sectors and villages of the Gers.
void SeedCommunity(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                   long long member_id);

}  // namespace sohosolo::app
