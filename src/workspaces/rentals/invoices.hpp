#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/rentals/model.hpp"

namespace sohosolo::workspaces {

/// What one generation run did for a month.
struct GenerationReport {
  std::string month;
  std::vector<Invoice> created;
  int already_invoiced = 0;  ///< Contracts of the month that had their invoice already.
};

struct PaymentRequest {
  std::string date;  ///< YYYY-MM-DD
  std::string method;
  long long amount_cents = 0;
};

struct CreditNoteRequest {
  std::string reason;
  std::optional<long long> amount_excl_cents;  ///< Empty: whatever is not credited yet.
};

/// Monthly invoices of rental contracts, credit notes, payments and the seller's identity.
/// No HTTP, no SQL.
class InvoiceService {
 public:
  explicit InvoiceService(db::Pool& pool) : pool_(pool) {}

  /// Issues the missing invoices of `month` (YYYY-MM, not after the current month): one per
  /// contract with days in it, pro rata, numbered in the transaction that stores it. Running it
  /// again, or several runs at once, never issues a second invoice for a contract and month.
  /// `by` is the account asking (0 for the command line). Errors: kInvalid (month), kConflict
  /// (no invoicing settings yet).
  /// `progress`, if given, is told after each contract (done, total).
  core::Result<GenerationReport> Generate(
      core::ProgrammeId p, long long by, const std::string& month,
      const std::function<void(std::size_t done, std::size_t total)>& progress = {});

  /// Staff: every document; members: their own.
  std::vector<InvoiceDetails> List(core::ProgrammeId p, const Actor& actor);
  /// kNotFound for someone else's document (members).
  core::Result<InvoiceDetails> Get(core::ProgrammeId p, const Actor& actor, long long id);

  /// Staff record a payment of an invoice: not more than what is still owed.
  core::Result<InvoiceDetails> RecordPayment(core::ProgrammeId p, const Actor& actor, long long id,
                                             const PaymentRequest& request);
  /// Staff issue a credit note correcting an invoice (by default for all that is not credited
  /// yet); it takes the next number of the same sequence. Returns the credit note.
  core::Result<InvoiceDetails> IssueCreditNote(core::ProgrammeId p, const Actor& actor,
                                               long long id, const CreditNoteRequest& request);

  std::optional<InvoiceSettings> Settings(core::ProgrammeId p);
  /// Admins only; checks the SIRET (14 digits) and the VAT number (FR and 11 characters).
  core::Result<InvoiceSettings> SaveSettings(core::ProgrammeId p, long long by,
                                             const InvoiceSettings& settings);

 private:
  db::Pool& pool_;
};

}  // namespace sohosolo::workspaces
