// The outbox store on both engines: messages queued per programme, listed newest first.
#include "fixture.hpp"
#include "outbox/service.hpp"
#include "outbox/store.hpp"

namespace sohosolo {

TEST_F(Storage, TheOutboxKeepsMessagesPerProgrammeNewestFirst) {
  auto lease = pool_->Acquire();
  outbox::Store gers(lease, gers_);
  outbox::Queue(
      lease, gers_,
      {"ines@example.org", "Réservation confirmée", "Bonjour Inès,\nà demain.", "booked"});
  outbox::Queue(lease, gers_, {"paul@example.org", "Invitation", "Bonjour Paul", "invitation"});
  outbox::Queue(lease, lot_, {"x@example.org", "Lot", "Lot", "invitation"});
  const auto latest = gers.Latest(10);
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].recipient, "paul@example.org");
  EXPECT_EQ(latest[1].subject, "Réservation confirmée");
  EXPECT_EQ(latest[1].body, "Bonjour Inès,\nà demain.");
  EXPECT_EQ(latest[1].kind, "booked");
  EXPECT_GT(latest[1].created_at, 0);
  EXPECT_FALSE(latest[0].sent);  // nothing sends them yet
  EXPECT_EQ(latest[0].html, "");
  EXPECT_EQ(gers.Latest(1).size(), 1u);
  EXPECT_EQ(gers.Latest(1)[0].id, latest[0].id);
  // Lot's message is Lot's only.
  const auto lot = outbox::Store(lease, lot_).Latest(10);
  ASSERT_EQ(lot.size(), 1u);
  EXPECT_EQ(lot[0].recipient, "x@example.org");
}

TEST_F(Storage, ManyMailsQueuedHundredsPerStatementComeBackEachAsWritten) {
  auto lease = pool_->Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  outbox::QueueMany many(lease, gers_);
  // 450 rows: two full statements and a last one of 50, each value in its own place.
  for (int i = 0; i < 450; ++i) {
    const auto n = std::to_string(i);
    many.Add({"m" + n + "@example.org", "Objet " + n, "Corps « " + n + " »\nfin", "newsletter"},
             {"<p>" + n + "</p>", "https://x.example.org/u/" + n, "nl-9"});
  }
  many.Flush();
  tx.Commit();
  const auto latest = outbox::Store(lease, gers_).Latest(500);
  ASSERT_EQ(latest.size(), 450u);
  for (const auto& m : latest) {
    const auto n = m.recipient.substr(1, m.recipient.find('@') - 1);
    EXPECT_EQ(m.subject, "Objet " + n);
    EXPECT_EQ(m.body, "Corps « " + n + " »\nfin");
    EXPECT_EQ(m.html, "<p>" + n + "</p>");
    EXPECT_EQ(m.unsubscribe_url, "https://x.example.org/u/" + n);
    EXPECT_EQ(m.batch, "nl-9");
    EXPECT_EQ(m.kind, "newsletter");
  }
  EXPECT_EQ(outbox::Progress(lease, gers_, "nl-9").left, 450);
  EXPECT_TRUE(outbox::Store(lease, lot_).Latest(10).empty());
}

TEST_F(Storage, ACampaignsMessagesAreCountedAndRetriedTogether) {
  auto lease = pool_->Acquire();
  for (const char* to : {"a@example.org", "b@example.org", "c@example.org"})
    outbox::Queue(lease, gers_, {to, "Lettre", "Texte", "newsletter"},
                  {"<p>Texte</p>", "https://gers.example.org/newsletter/unsubscribe/x", "nl-1"});
  outbox::Queue(lease, gers_, {"d@example.org", "Autre", "Texte", "newsletter"}, {"", "", "nl-2"});
  const auto latest = outbox::Store(lease, gers_).Latest(10);
  EXPECT_EQ(latest.back().html, "<p>Texte</p>");
  EXPECT_EQ(latest.back().unsubscribe_url, "https://gers.example.org/newsletter/unsubscribe/x");
  lease.sql() << "UPDATE outbox SET state = 'sent' WHERE recipient = 'a@example.org'";
  lease.sql() << "UPDATE outbox SET state = 'failed' WHERE recipient = 'b@example.org'";
  auto progress = outbox::Progress(lease, gers_, "nl-1");
  EXPECT_EQ(progress.sent, 1);
  EXPECT_EQ(progress.failed, 1);
  EXPECT_EQ(progress.left, 1);
  EXPECT_EQ(outbox::RequeueBatch(lease, lot_, "nl-1"), 0);  // another programme's campaign
  EXPECT_EQ(outbox::RequeueBatch(lease, gers_, "nl-1"), 1);
  progress = outbox::Progress(lease, gers_, "nl-1");
  EXPECT_EQ(progress.failed, 0);
  EXPECT_EQ(progress.left, 2);
}

}  // namespace sohosolo

namespace sohosolo {

// The sender's outcomes commit without waiting for the disk, on its own connection and only
// while it records them: the connection goes back to waiting before the pool lends it again.
TEST_F(Storage, UnsyncedCommitsLastOnlyAsLongAsTheirScope) {
  auto lease = pool_->Acquire();
  const auto setting = [&lease] {
    std::string value;
    if (lease.dialect() == db::Dialect::kSqlite) {
      int level = 0;
      lease.sql() << "PRAGMA synchronous", soci::into(level);
      value = std::to_string(level);  // 1 NORMAL, 2 FULL
    } else {
      lease.sql() << "SHOW synchronous_commit", soci::into(value);
    }
    return value;
  };
  const auto before = setting();
  EXPECT_TRUE(before == "2" || before == "on") << before;
  {
    db::UnsyncedCommits unsynced(lease);
    const auto during = setting();
    EXPECT_TRUE(during == "1" || during == "off") << during;
  }
  EXPECT_EQ(setting(), before);
}

}  // namespace sohosolo
