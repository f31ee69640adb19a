#pragma once

#include <string>

#include "workspaces/rentals/invoice_text.hpp"

namespace sohosolo::workspaces {

/// The invoice or credit note as an A4 PDF document (cairo for the page, pango for the text, so
/// accents and the euro sign come out right), returned as bytes.
std::string InvoicePdf(const InvoiceText& text);

}  // namespace sohosolo::workspaces
