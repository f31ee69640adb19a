// The outbox store on both engines: messages queued per programme, listed newest first.
#include "fixture.hpp"
#include "outbox/store.hpp"

namespace sohosolo {

TEST_F(Storage, TheOutboxKeepsMessagesPerProgrammeNewestFirst) {
  auto lease = pool_->Acquire();
  outbox::Store gers(lease, gers_);
  gers.Enqueue("ines@example.org", "Réservation confirmée", "Bonjour Inès,\nà demain.", "booked");
  gers.Enqueue("paul@example.org", "Invitation", "Bonjour Paul", "invitation");
  outbox::Store(lease, lot_).Enqueue("x@example.org", "Lot", "Lot", "invitation");
  const auto latest = gers.Latest(10);
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].recipient, "paul@example.org");
  EXPECT_EQ(latest[1].subject, "Réservation confirmée");
  EXPECT_EQ(latest[1].body, "Bonjour Inès,\nà demain.");
  EXPECT_EQ(latest[1].kind, "booked");
  EXPECT_GT(latest[1].created_at, 0);
  EXPECT_FALSE(latest[0].sent);  // nothing sends them yet
  EXPECT_EQ(gers.Latest(1).size(), 1u);
  EXPECT_EQ(gers.Latest(1)[0].id, latest[0].id);
  // Lot's message is Lot's only.
  const auto lot = outbox::Store(lease, lot_).Latest(10);
  ASSERT_EQ(lot.size(), 1u);
  EXPECT_EQ(lot[0].recipient, "x@example.org");
}

}  // namespace sohosolo
