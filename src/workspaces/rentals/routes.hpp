#pragma once

#include <boost/json.hpp>

#include "http/router.hpp"
#include "workspaces/rentals/invoices.hpp"
#include "workspaces/rentals/service.hpp"

namespace sohosolo::workspaces {

/// The rentals and invoices API: /api/v1/rentals..., /api/v1/invoices..., /api/v1/invoice-settings.
void AddRentalRoutes(http::Router& router, RentalService& rentals, InvoiceService& invoices);

/// The pages: /rentals, /invoices, /invoices/{id} (printable) and /invoices/{id}.pdf,
/// /admin/invoicing.
void AddRentalPages(http::Router& router, RentalService& rentals, InvoiceService& invoices);

/// Who asks, as the rental and invoice services see it: advisors and admins are staff (every
/// contract and invoice), anyone else sees their own.
Actor RentalActor(const http::Context& ctx);

/// JSON shapes shared by the API and the pages' tests.
boost::json::object ContractJson(const RentalContract& c);
boost::json::object InvoiceJson(const InvoiceDetails& d);

}  // namespace sohosolo::workspaces
