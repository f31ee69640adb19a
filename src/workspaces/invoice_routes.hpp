#pragma once

#include <boost/json.hpp>

#include "http/router.hpp"
#include "workspaces/invoices.hpp"
#include "workspaces/rentals.hpp"

namespace sohosolo::workspaces {

/// The rentals and invoices API: /api/v1/rentals..., /api/v1/invoices..., /api/v1/invoice-settings.
void AddRentalRoutes(http::Router& router, RentalService& rentals, InvoiceService& invoices);

/// The pages: /rentals, /invoices, /invoices/{id} (printable) and /invoices/{id}.pdf,
/// /admin/invoicing.
void AddRentalPages(http::Router& router, RentalService& rentals, InvoiceService& invoices);

/// JSON shapes shared by the API and the pages' tests.
boost::json::object ContractJson(const RentalContract& c);
boost::json::object InvoiceJson(const InvoiceDetails& d);

}  // namespace sohosolo::workspaces
