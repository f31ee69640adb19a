// `sohosolo invoice --month YYYY-MM`: issues the month's missing rental invoices. Safe to run
// again and at the same time as other runs or the invoices page: a contract's month is invoiced
// once, and numbers come from a counter locked in each invoice's own transaction.
#include <iostream>

#include "app/app.hpp"
#include "app/commands/command_db.hpp"
#include "app/commands/command_files.hpp"
#include "app/commands/progress.hpp"
#include "workspaces/rentals/billing.hpp"
#include "workspaces/rentals/invoices.hpp"

namespace sohosolo::app {

int InvoiceCommand(const Config& config, const InvoiceCommandOptions& options) {
  if (!workspaces::ParseMonth(options.month)) {
    std::cerr << "sohosolo: --month must be YYYY-MM (2000 to 2099), not '" << options.month
              << "'\n";
    return kExitUsage;
  }
  int exit_code = kExitOk;
  const auto pool = OpenCommandPool(config.db, Schema::kRequireCurrent, exit_code);
  if (!pool) return exit_code;
  const auto programme = FindProgramme(*pool, options.programme, exit_code);
  if (!programme) return exit_code;
  workspaces::InvoiceService service(*pool);
  Progress progress("invoice", options.progress);
  progress.Phase("issuing the invoices of " + options.month + " (programme " + programme->slug +
                 ")");
  const auto report = service.Generate(
      programme->id, 0, options.month,
      [&](std::size_t done, std::size_t total) { progress.Count(done, total, "contracts"); });
  if (!report) {
    PrintRejected("invoice " + options.month, report.error());
    return report.error().code == core::ErrorCode::kConflict ? kExitInvalid : kExitUsage;
  }
  for (const auto& i : report->created) {
    std::cout << i.number << "\t" << i.buyer_name << "\t"
              << workspaces::FormatEuros(i.total_incl_cents) << "\n";
  }
  std::cout << "invoices for " << report->month << " (programme " << programme->slug
            << "): " << report->created.size() << " issued, " << report->already_invoiced
            << " already issued\n";
  progress.Done();
  return kExitOk;
}

}  // namespace sohosolo::app
