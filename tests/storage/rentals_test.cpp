// The rentals store on both engines (contracts, gap-free invoice numbers, invoices and payments)
// and the programmes store beside it (the outbox has its own file, outbox_test.cpp).
#include "fixture.hpp"
#include "workspaces/places.hpp"
#include "workspaces/rentals/store.hpp"

namespace sohosolo {

namespace {

using workspaces::Day;

class RentalsStorage : public Storage {
 protected:
  void SetUp() override {
    Storage::SetUp();
    holder_ = AddAccount(*pool_, gers_, "ines@example.org");
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    workspaces::PlaceStore places(lease, gers_);
    workspaces::Site site;
    site.name = "Coworking d'Auch";
    site.kind = "coworking";
    const auto site_id = places.CreateSite(site);
    workspaces::Resource desk;
    desk.site_id = site_id;
    desk.kind = "desk";
    desk.name = "Poste 1";
    desk_ = places.CreateResource(desk);
    tx.Commit();
  }

  long long Contract(Day first, std::optional<Day> last) {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    workspaces::RentalContract c;
    c.account_id = holder_;
    c.resource_id = desk_;
    c.start_day = first;
    c.end_day = last;
    c.monthly_price_cents = 15000;
    c.buyer_name = "Inès Martin";
    const auto id = workspaces::RentalStore(lease, gers_).InsertContract(c, holder_);
    tx.Commit();
    return id;
  }

  long long holder_ = 0, desk_ = 0;
};

/// 2030-01-01 as a day number.
constexpr Day kJan2030 = 21915;

}  // namespace

TEST_F(RentalsStorage, ContractsAreFoundByTheDaysTheyMeet) {
  const auto spring = Contract(kJan2030 + 59, kJan2030 + 150);
  const auto open = Contract(kJan2030 + 200, std::nullopt);
  auto lease = pool_->Acquire();
  workspaces::RentalStore store(lease, gers_);
  const auto found = store.FindContract(spring);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->holder_name, "Inès Martin");
  EXPECT_EQ(found->resource_name, "Poste 1");
  EXPECT_EQ(found->site_name, "Coworking d'Auch");
  EXPECT_EQ(found->end_day, kJan2030 + 150);
  EXPECT_FALSE(store.FindContract(open)->end_day);
  // Overlaps: [first, last] inclusive; an open-ended contract meets everything after its start.
  EXPECT_TRUE(store.ContractsOverlapping(desk_, kJan2030, kJan2030 + 58).empty());
  EXPECT_EQ(store.ContractsOverlapping(desk_, kJan2030, kJan2030 + 59).size(), 1u);
  EXPECT_EQ(store.ContractsOverlapping(desk_, kJan2030 + 151, std::nullopt).size(), 1u);
  EXPECT_EQ(store.ContractsOverlapping(desk_, kJan2030 + 150, kJan2030 + 5000).size(), 2u);
  EXPECT_EQ(store.ContractsBetween(kJan2030 + 160, kJan2030 + 199).size(), 0u);
  EXPECT_EQ(store.Contracts(holder_).size(), 2u);
  EXPECT_TRUE(workspaces::RentalStore(lease, lot_).Contracts(std::nullopt).empty());
  // Termination happens once.
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(store.Terminate(open, kJan2030 + 300, 1'900'000'000, holder_));
    EXPECT_FALSE(store.Terminate(open, kJan2030 + 310, 1'900'000'000, holder_));
    tx.Commit();
  }
  EXPECT_EQ(store.FindContract(open)->status, "terminated");
  EXPECT_EQ(store.FindContract(open)->end_day, kJan2030 + 300);
}

TEST_F(RentalsStorage, InvoiceNumbersHaveNoGapEvenAfterARollback) {
  auto lease = pool_->Acquire();
  workspaces::RentalStore store(lease, gers_);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_EQ(store.NextSequence(2030), 1);
    EXPECT_EQ(store.NextSequence(2030), 2);
    tx.Commit();
  }
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_EQ(store.NextSequence(2030), 3);
    // rolled back: 3 is given back
  }
  db::Transaction tx(lease, db::TxMode::kWrite);
  EXPECT_EQ(store.NextSequence(2030), 3);
  EXPECT_EQ(store.NextSequence(2031), 1);                                 // one sequence a year
  EXPECT_EQ(workspaces::RentalStore(lease, lot_).NextSequence(2030), 1);  // and a programme
  tx.Commit();
}

TEST_F(RentalsStorage, AnInvoiceAndItsPaymentsComeBackAsWritten) {
  const auto contract = Contract(kJan2030, std::nullopt);
  auto lease = pool_->Acquire();
  workspaces::RentalStore store(lease, gers_);
  db::Transaction tx(lease, db::TxMode::kWrite);
  workspaces::Invoice invoice;
  invoice.year = 2030;
  invoice.sequence = store.NextSequence(2030);
  invoice.number = "2030-000001";
  invoice.contract_id = contract;
  invoice.account_id = holder_;
  invoice.month = "2030-01";
  invoice.issue_day = kJan2030 + 31;
  invoice.due_day = kJan2030 + 61;
  invoice.seller.seller_name = "CCI du Gers";
  invoice.buyer_name = "Inès Martin";
  invoice.line_description = "Poste 1 — janvier 2030";
  invoice.line_days = 31;
  invoice.line_month_days = 31;
  invoice.monthly_price_cents = 15000;
  invoice.total_excl_cents = 15000;
  invoice.vat_rate_bp = 2000;
  invoice.vat_cents = 3000;
  invoice.total_incl_cents = 18000;
  const auto inserted = store.InsertInvoice(invoice, holder_);
  ASSERT_TRUE(inserted);
  const long long id = *inserted;
  workspaces::Payment payment;
  payment.invoice_id = id;
  payment.paid_day = kJan2030 + 40;
  payment.method = "transfer";
  payment.amount_cents = 10000;
  store.InsertPayment(payment, 0);  // 0: from the CLI
  tx.Commit();
  const auto found = store.FindInvoice(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->number, "2030-000001");
  EXPECT_EQ(found->line_description, "Poste 1 — janvier 2030");
  EXPECT_EQ(found->total_incl_cents, 18000);
  EXPECT_EQ(found->contract_id, contract);
  EXPECT_FALSE(found->corrects_id);
  EXPECT_TRUE(store.InvoiceExists(contract, "2030-01"));
  EXPECT_FALSE(store.InvoiceExists(contract, "2030-02"));
  ASSERT_EQ(store.PaymentsOf(id).size(), 1u);
  EXPECT_EQ(store.PaymentsOf(id)[0].amount_cents, 10000);
  EXPECT_EQ(store.Payments(holder_).size(), 1u);
  EXPECT_FALSE(workspaces::RentalStore(lease, lot_).FindInvoice(id));
}

}  // namespace sohosolo
