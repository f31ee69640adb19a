#pragma once

#include <vector>

#include "auth/service.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::app {

/// Demo data of the members' directory: the demo member's profile and four fictitious members
/// (their names say "(démo)"), listed, with skills, sectors and villages of the Gers.
/// Then the club's events and the board's posts (marked "(démo)"): the monthly club on the first
/// Thursday of each month, a workshop already full, and a past evening with its attendance.
void SeedCommunity(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                   long long member_id);

/// Demo posts of the members' board, published, marked "(démo)".
void SeedBoard(db::Pool& pool, core::ProgrammeId programme, const std::vector<long long>& members);

/// The club's demo events, `members` registered (the first is the demo member).
void SeedClub(db::Pool& pool, core::ProgrammeId programme, const std::vector<long long>& members);

}  // namespace sohosolo::app
