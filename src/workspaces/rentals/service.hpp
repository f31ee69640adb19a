#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/model.hpp"
#include "workspaces/rentals/model.hpp"

namespace sohosolo::workspaces {

/// A contract as asked for (API or form); values are checked by RentalService::Create.
struct ContractRequest {
  long long account_id = 0;
  long long resource_id = 0;
  std::string start_date;  ///< YYYY-MM-DD
  std::string end_date;    ///< Empty: no end agreed.
  Notice notice;
  long long monthly_price_cents = 0;
  int vat_rate_bp = 2000;
  std::string buyer_name;  ///< Empty: the member's name.
  std::string buyer_address;
  bool is_demo = false;
};

/// What a contract looks like now: active, ending (notice given or fixed end ahead), ended.
std::string ContractState(const RentalContract& c, Day today);

/// Long-term desk rentals. No HTTP, no SQL.
class RentalService {
 public:
  explicit RentalService(db::Pool& pool) : pool_(pool) {}

  /// Staff see every contract, members their own.
  std::vector<RentalContract> Contracts(core::ProgrammeId p, const Actor& actor);
  /// For the contract form: the programme's accounts and desks (id, label).
  std::vector<std::pair<long long, std::string>> MemberChoices(core::ProgrammeId p);
  std::vector<std::pair<long long, std::string>> DeskChoices(core::ProgrammeId p);

  core::Result<RentalContract> Get(core::ProgrammeId p, const Actor& actor, long long id);

  /// Creates a contract (staff only). Errors: kForbidden, kInvalid (fields), kConflict (the desk
  /// or pool is taken: error.rental.desk_taken; future bookings of others in the way:
  /// error.rental.bookings_in_the_way, with them in `in_the_way`).
  core::Result<RentalContract> Create(core::ProgrammeId p, const Actor& actor,
                                      const ContractRequest& request,
                                      std::vector<Booking>* in_the_way = nullptr);

  /// Ends an active contract with notice (staff only): the last day is `end_date`, or today plus
  /// the notice when empty; an earlier date than the notice allows is refused.
  core::Result<RentalContract> End(core::ProgrammeId p, const Actor& actor, long long id,
                                   const std::string& end_date);

 private:
  db::Pool& pool_;
};

}  // namespace sohosolo::workspaces
