#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::workspaces {

/// A local calendar day, counted from 1970-01-01 (the site's zone is implied).
using Day = long long;

/// Notice a party must give to end a rental contract.
struct Notice {
  int value = 1;
  std::string unit = "months";  ///< days | months
};

/// A long-term rental of a desk (capacity 1) or of a seat of a floating-desk pool (a desk
/// resource of capacity N: at most N contracts at once).
struct RentalContract {
  long long id = 0;
  long long account_id = 0;
  long long resource_id = 0;
  Day start_day = 0;
  std::optional<Day> end_day;  ///< Last day included; none while no end is agreed.
  Notice notice;
  long long monthly_price_cents = 0;  ///< Excluding VAT.
  int vat_rate_bp = 2000;             ///< Basis points: 2000 = 20 %.
  std::string status = "active";      ///< active | terminated (notice given, end_day set)
  std::string buyer_name;
  std::string buyer_address;
  bool is_demo = false;
  core::UnixSeconds created_at = 0;
  std::optional<core::UnixSeconds> terminated_at;
  // Filled by listings for display.
  std::string holder_name;
  std::string resource_name;
  std::string site_name;
  long long site_id = 0;
};

/// The seller's identity and payment terms printed on every invoice of a programme.
struct InvoiceSettings {
  std::string seller_name;
  std::string seller_address;
  std::string siret;
  std::string vat_number;
  int payment_terms_days = 30;
  /// The late-payment interest rate as printed (e.g. "taux BCE + 10 points").
  std::string late_penalty_rate;
  bool is_demo = false;
};

struct Payment {
  long long id = 0;
  long long invoice_id = 0;
  Day paid_day = 0;
  std::string method;  ///< transfer | direct_debit | card | cheque | cash
  long long amount_cents = 0;
  core::UnixSeconds created_at = 0;
};

/// An issued invoice or credit note; never changed once stored. Credit notes carry negative
/// amounts, so that adding documents up gives what is owed.
struct Invoice {
  long long id = 0;
  std::string kind = "invoice";  ///< invoice | credit_note
  int year = 0;
  int sequence = 0;
  std::string number;  ///< "2027-000042"
  std::optional<long long> contract_id;
  std::optional<long long> account_id;
  std::string month;  ///< YYYY-MM billed
  std::optional<long long> corrects_id;
  Day issue_day = 0;
  Day due_day = 0;
  InvoiceSettings seller;
  std::string buyer_name;
  std::string buyer_address;
  std::string line_description;
  int line_days = 0;
  int line_month_days = 0;
  long long monthly_price_cents = 0;
  long long total_excl_cents = 0;
  int vat_rate_bp = 0;
  long long vat_cents = 0;
  long long total_incl_cents = 0;
  std::string reason;  ///< Why a credit note was issued.
  bool is_demo = false;
  core::UnixSeconds created_at = 0;
};

/// An invoice with what happened to it since: credit notes and payments.
struct InvoiceDetails {
  Invoice invoice;
  std::optional<Invoice> corrected;   ///< For a credit note: the invoice it corrects.
  std::vector<Invoice> credit_notes;  ///< For an invoice: the credit notes correcting it.
  std::vector<Payment> payments;
  long long credited_incl_cents = 0;  ///< Positive: sum of the credit notes' totals.
  long long paid_cents = 0;
  long long balance_cents = 0;  ///< Still owed.
  std::string
      payment_status;  ///< paid | partially_paid | unpaid | cancelled (credited in full) | n/a
};

}  // namespace sohosolo::workspaces
