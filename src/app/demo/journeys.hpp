#pragma once

#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::app {

/// Demo newcomers' files in every stage, marked demo (and "(démo)" in their names), with
/// households and projects, tasks and a telework amendment, so that the home page's figures are not
/// empty and say they are demo figures. `advisor_id` follows them.
void SeedJourneys(db::Pool& pool, core::ProgrammeId programme, long long advisor_id);

}  // namespace sohosolo::app
