#include "app/demo/rentals.hpp"

#include <iostream>

#include "core/crypto.hpp"
#include "workspaces/rentals/billing.hpp"
#include "workspaces/rentals/invoices.hpp"
#include "workspaces/rentals/service.hpp"

namespace sohosolo::app {

namespace {

using workspaces::Day;

/// The demo's desks "Poste 6" of its two coworking spaces, by site name.
std::vector<long long> DemoDesks(workspaces::RentalService& rentals, core::ProgrammeId programme) {
  std::vector<long long> out;
  for (const auto& [id, label] : rentals.DeskChoices(programme)) {
    if (label.starts_with("Poste 6 — ")) out.push_back(id);
  }
  return out;
}

}  // namespace

void SeedRentals(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                 long long member_id) {
  workspaces::InvoiceService invoices(pool);
  workspaces::InvoiceSettings seller{
      "CCI du Gers — DÉMONSTRATION (identité fictive)",
      "Adresse fictive de démonstration\n32000 Auch",
      "00000000000000",
      "FR00000000000",
      30,
      "taux d'intérêt appliqué par la BCE à son opération de refinancement la plus "
      "récente, majoré de 10 points",
      true};
  if (!invoices.SaveSettings(programme, 0, seller)) return;
  // A second, fictitious member: no password is printed, nobody logs in as them.
  auto second =
      accounts.CreateAccount(programme, "locataire@demo.sohosolo.fr", "Marc Locataire (démo)",
                             "member", core::RandomToken(16), "fr");
  workspaces::RentalService rentals(pool);
  const auto desks = DemoDesks(rentals, programme);
  if (desks.size() < 2 || !second) return;
  const Day today = core::ToLocal(core::Now(), "Europe/Paris").days;
  const auto this_month = workspaces::MonthOf(today);
  // Three months back, from the 15th (a pro rata first month), and two months back, open-ended.
  workspaces::Month first = this_month;
  for (int i = 0; i < 3; ++i) first = workspaces::MonthOf(first.first_day() - 1);
  const workspaces::Actor staff{0, true, false};
  const std::pair<long long, Day> contracts[] = {
      {member_id, first.first_day() + 14},
      {*second, workspaces::MonthOf(first.last_day() + 1).first_day()}};
  for (std::size_t i = 0; i < 2; ++i) {
    workspaces::ContractRequest r;
    r.account_id = contracts[i].first;
    r.resource_id = desks[i];
    r.start_date = workspaces::FormatDay(contracts[i].second);
    r.monthly_price_cents = i == 0 ? 18000 : 15000;
    r.buyer_address = "Adresse fictive de démonstration\n32000 Auch";
    r.is_demo = true;
    if (!rentals.Create(programme, staff, r)) return;
  }
  int issued = 0;
  for (auto m = first; m.first_day() < this_month.first_day();
       m = workspaces::MonthOf(m.last_day() + 1)) {
    if (auto report = invoices.Generate(programme, 0, m.Text()))
      issued += static_cast<int>(report->created.size());
  }
  // The oldest invoice is paid by transfer, so the list shows both states.
  const auto all = invoices.List(programme, staff);
  if (!all.empty()) {
    const auto& oldest = all.back().invoice;
    invoices.RecordPayment(programme, staff, oldest.id,
                           {workspaces::FormatDay(today), "transfer", oldest.total_incl_cents});
  }
  std::cout
      << "rentals: 2 demo desk contracts, " << issued
      << " demo invoices of past months (seller identity and numbers are demonstration data)\n";
}

}  // namespace sohosolo::app
