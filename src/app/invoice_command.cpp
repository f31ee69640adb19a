// `sohosolo invoice --month YYYY-MM`: issues the month's missing rental invoices. Safe to run
// again and at the same time as other runs or the invoices page: a contract's month is invoiced
// once, and numbers come from a counter locked in each invoice's own transaction.
#include <iostream>

#include "app/app.hpp"
#include "app/command_files.hpp"
#include "db/migrations.hpp"
#include "site/store.hpp"
#include "workspaces/billing.hpp"
#include "workspaces/invoices.hpp"

namespace sohosolo::app {

namespace {

/// The programme named by `slug`, else the only one; nullopt (after saying why) otherwise.
std::optional<http::Programme> ProgrammeFor(db::Pool& pool, const std::string& slug,
                                            int& exit_code) {
  auto lease = pool.Acquire();
  site::ProgrammeStore store(lease);
  if (!slug.empty()) {
    auto found = store.FindBySlug(slug);
    if (!found) {
      std::cerr << "sohosolo: no programme '" << slug << "'\n";
      exit_code = kExitInvalid;
    }
    return found;
  }
  const auto all = store.All();
  if (all.size() == 1) return all.front();
  std::cerr
      << (all.empty()
              ? "sohosolo: the database has no programme yet\n"
              : "sohosolo: the database has several programmes: say which with --programme SLUG\n");
  exit_code = all.empty() ? kExitInvalid : kExitUsage;
  return std::nullopt;
}

}  // namespace

int InvoiceCommand(const Config& config, const InvoiceCommandOptions& options) {
  if (!workspaces::ParseMonth(options.month)) {
    std::cerr << "sohosolo: --month must be YYYY-MM (2000 to 2099), not '" << options.month
              << "'\n";
    return kExitUsage;
  }
  std::unique_ptr<db::Pool> pool;
  try {
    pool = std::make_unique<db::Pool>(db::Url::Parse(config.db), 1);
    auto lease = pool->Acquire();
    if (db::PendingCount(lease) > 0) {
      std::cerr
          << "sohosolo: the database schema is not up to date; run `sohosolo migrate` first\n";
      return kExitSchema;
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return kExitUnavailable;
  }
  int exit_code = kExitOk;
  const auto programme = ProgrammeFor(*pool, options.programme, exit_code);
  if (!programme) return exit_code;
  workspaces::InvoiceService service(*pool);
  const auto report = service.Generate(programme->id, 0, options.month);
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
  return kExitOk;
}

}  // namespace sohosolo::app
