#pragma once

#include <string>
#include <vector>

#include "workspaces/rentals/model.hpp"

namespace sohosolo::workspaces {

/// The words of an invoice or credit note in one language, shared by the HTML page and the PDF
/// so that both say exactly the same thing (legal mentions included).
struct InvoiceText {
  std::string title;                ///< "Facture n° 2027-000042" / "Avoir n° ..."
  std::string demo_notice;          ///< Empty unless demo data.
  std::vector<std::string> seller;  ///< Name, address lines, SIRET, VAT number.
  std::vector<std::string> buyer;
  std::vector<std::string> dates;  ///< Issue date, period or corrected invoice, due date.
  std::string line_heading;
  std::string amount_heading;
  std::string line;
  std::string line_amount;
  std::vector<std::pair<std::string, std::string>> totals;  ///< Excl. VAT, VAT (rate), incl. VAT.
  std::vector<std::string> mentions;  ///< Payment terms, late penalties, 40 EUR indemnity.
};

InvoiceText TextOf(const Invoice& invoice, const std::string& lang);

}  // namespace sohosolo::workspaces
