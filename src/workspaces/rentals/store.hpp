#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/model.hpp"
#include "workspaces/rentals/model.hpp"

namespace sohosolo::workspaces {

/// SQL of rental contracts, invoices, credit notes, payments and invoicing settings, scoped to
/// one programme.
class RentalStore {
 public:
  RentalStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}

  /// The display name of an account that has a role in the programme.
  std::optional<std::string> MemberName(long long account_id);

  /// The resource's kind, capacity and site's time zone.
  struct ResourceInfo {
    std::string kind;
    int capacity = 1;
    std::string time_zone;
  };
  std::optional<ResourceInfo> FindResourceInfo(long long resource_id);

  /// Choices for the contract form: the programme's accounts and its desks, by name.
  struct Choice {
    long long id = 0;
    std::string label;
  };
  std::vector<Choice> Members();
  std::vector<Choice> Desks();

  long long InsertContract(const RentalContract& c, long long created_by);
  std::optional<RentalContract> FindContract(long long id);
  /// Every contract (account_id empty) or one account's, with holder, desk and site names.
  std::vector<RentalContract> Contracts(std::optional<long long> account_id);
  /// Contracts of a resource whose days meet [first, last] (last empty: open-ended).
  std::vector<RentalContract> ContractsOverlapping(long long resource_id, Day first,
                                                   std::optional<Day> last);
  /// Contracts with at least one day in [first, last], any resource.
  std::vector<RentalContract> ContractsBetween(Day first, Day last);
  /// Records the end of an active contract; false when it was not active any more.
  bool Terminate(long long id, Day end_day, core::UnixSeconds now, long long by);

  /// Confirmed bookings of a resource that end after `from` and start before `to` (UTC seconds).
  std::vector<Booking> BookingsBetween(long long resource_id, core::UnixSeconds from,
                                       core::UnixSeconds to);
  /// PostgreSQL: serialises contract creation (exclusive) against bookings of one resource
  /// (shared) until the transaction ends. SQLite's BEGIN IMMEDIATE already serialises writers.
  void LockResource(long long resource_id, bool exclusive);
  /// PostgreSQL: serialises payments and credit notes of one invoice until the transaction ends.
  void LockInvoice(long long invoice_id);

  std::optional<InvoiceSettings> Settings();
  void SaveSettings(const InvoiceSettings& s, core::UnixSeconds now, long long by);

  /// The next number of the programme's sequence for `year`. The counter row stays locked until
  /// the transaction ends, and a rollback gives the number back: no gap, no duplicate.
  int NextSequence(int year);
  /// The new document's id; nullopt when this contract's month is invoiced already (another run
  /// got there first). Inside a write transaction.
  std::optional<long long> InsertInvoice(const Invoice& invoice, long long created_by);
  std::optional<Invoice> FindInvoice(long long id);
  bool InvoiceExists(long long contract_id, const std::string& month);
  /// Every document (account_id empty) or one account's, newest number first.
  std::vector<Invoice> Invoices(std::optional<long long> account_id);
  std::vector<Invoice> CreditNotesOf(long long invoice_id);

  long long InsertPayment(const Payment& payment, long long created_by);
  std::vector<Payment> PaymentsOf(long long invoice_id);
  /// Payments of every invoice (account_id empty) or of one account's invoices, in one query.
  std::vector<Payment> Payments(std::optional<long long> account_id);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::workspaces
