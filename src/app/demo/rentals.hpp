#pragma once

#include "auth/service.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::app {

/// Demo data of desk rentals: fictitious invoicing settings, two contracts in the demo coworking
/// spaces (one for the demo member, one for a fictitious second member) and their invoices of
/// the past months, one of them paid. Everything is flagged as demo data.
void SeedRentals(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                 long long member_id);

}  // namespace sohosolo::app
