// The auth and db stores on both engines: accounts, sessions, tokens, links, throttles,
// transactions and savepoints.
#include "auth/service.hpp"
#include "auth/store.hpp"
#include "fixture.hpp"

namespace sohosolo {

TEST_F(Storage, MigrationsAreIdempotentAndRecorded) {
  EXPECT_EQ(db::Migrate(*pool_), 0);
  auto lease = pool_->Acquire();
  EXPECT_EQ(db::CurrentVersion(lease), db::LatestVersion(pool_->dialect()));
}

TEST_F(Storage, TransactionRollsBackUnlessCommitted) {
  auto lease = pool_->Acquire();
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    auth::Store(lease, gers_).CreateAccount("x@example.org", "x@example.org", "X", "fr", "");
  }
  EXPECT_FALSE(auth::Store(lease, gers_).FindAnyAccountId("x@example.org"));
}

TEST_F(Storage, EmailsAreUniqueCaseInsensitively) {
  auth::Service service(*pool_, {});
  ASSERT_TRUE(service.CreateAccount(gers_, "Ines@Example.org", "Inès", "member", "", "fr"));
  auto again = service.CreateAccount(gers_, "ines@example.ORG", "Inès", "member", "", "fr");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
}

TEST_F(Storage, ProgrammesAreIsolated) {
  auth::Service service(*pool_, {});
  const auto id =
      *service.CreateAccount(gers_, "ines@example.org", "Inès", "member", "long password 1", "fr");
  auto token = service.CreateToken(gers_, id, "script");
  ASSERT_TRUE(token);
  // The token, the session, the account and the people list of Gers are invisible from Lot.
  EXPECT_TRUE(service.TokenIdentity(gers_, token->token));
  EXPECT_FALSE(service.TokenIdentity(lot_, token->token));
  const auto session = service.OpenSession(gers_, id);
  EXPECT_TRUE(service.SessionIdentity(gers_, session.id));
  EXPECT_FALSE(service.SessionIdentity(lot_, session.id));
  EXPECT_EQ(service.People(gers_).size(), 1u);
  EXPECT_TRUE(service.People(lot_).empty());
  EXPECT_FALSE(service.Authenticate(lot_, "ines@example.org", "long password 1", "127.0.0.1"));
  EXPECT_TRUE(service.Authenticate(gers_, "ines@example.org", "long password 1", "127.0.0.1"));
}

TEST_F(Storage, LoginIsThrottledPerAccount) {
  auth::Policy policy;
  policy.free_failures_per_account = 3;
  auth::Service service(*pool_, policy);
  ASSERT_TRUE(
      service.CreateAccount(gers_, "ines@example.org", "Inès", "member", "long password 1", "fr"));
  for (int i = 0; i < 3; ++i) {
    auto r =
        service.Authenticate(gers_, "ines@example.org", "wrong", "10.0.0." + std::to_string(i));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnauthorized);
  }
  auto blocked = service.Authenticate(gers_, "ines@example.org", "long password 1", "127.0.0.9");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, core::ErrorCode::kRateLimited);
  ASSERT_TRUE(blocked.error().retry_after);
  EXPECT_GT(*blocked.error().retry_after, 0);
}

TEST_F(Storage, OneTimeLinksWorkOnce) {
  auth::Service service(*pool_, {});
  const auto admin =
      *service.CreateAccount(gers_, "admin@example.org", "Admin", "admin", "long password 1", "fr");
  auto link =
      service.Invite(gers_, {"admin"}, admin, "new@example.org", "Nouvelle", "member", "http://x");
  ASSERT_TRUE(link);
  EXPECT_TRUE(service.CheckLink(gers_, link->token));
  EXPECT_FALSE(service.CheckLink(lot_, link->token));
  ASSERT_TRUE(service.UseLink(gers_, link->token, "a new long password"));
  EXPECT_FALSE(service.UseLink(gers_, link->token, "another long password"));
  EXPECT_TRUE(service.Authenticate(gers_, "new@example.org", "a new long password", "127.0.0.1"));
}

TEST_F(Storage, AnInvitationNeverActsOnTheCredentialsOfAnotherProgramme) {
  auth::Service service(*pool_, {});
  const auto lot_admin =
      *service.CreateAccount(lot_, "boss@lot.example", "Boss", "admin", "the lot password", "fr");
  const auto gers_admin =
      *service.CreateAccount(gers_, "admin@example.org", "Admin", "admin", "long password 1", "fr");
  // Gers invites Lot's admin: a role and a notice, no link to set the password.
  auto invited = service.Invite(gers_, {"admin"}, gers_admin, "Boss@Lot.example", "Boss", "member",
                                "http://gers");
  ASSERT_TRUE(invited);
  EXPECT_TRUE(invited->token.empty());
  EXPECT_TRUE(service.Authenticate(lot_, "boss@lot.example", "the lot password", "127.0.0.1"));
  EXPECT_TRUE(service.Authenticate(gers_, "boss@lot.example", "the lot password", "127.0.0.1"));
  auto lease = pool_->Acquire();
  std::string kinds;
  soci::rowset<std::string> rows =
      (lease.sql().prepare << "SELECT kind FROM outbox WHERE recipient = 'boss@lot.example'");
  for (const auto& k : rows) kinds += k + ";";
  EXPECT_EQ(kinds, "role_granted;");
  (void)lot_admin;
}

TEST_F(Storage, AChangeOfPasswordRevokesOtherSessionsAndEveryToken) {
  auth::Service service(*pool_, {});
  const auto id =
      *service.CreateAccount(gers_, "ines@example.org", "Inès", "member", "long password 1", "fr");
  // The same person in a second programme: one password serves both.
  ASSERT_EQ(*service.CreateAccount(lot_, "ines@example.org", "Inès", "member", "", "fr"), id);
  const auto keep = service.OpenSession(gers_, id);
  const auto other = service.OpenSession(gers_, id);
  const auto elsewhere = service.OpenSession(lot_, id);
  const auto token = *service.CreateToken(gers_, id, "script");
  const auto lot_token = *service.CreateToken(lot_, id, "script");
  ASSERT_TRUE(service.ChangePassword(gers_, id, "long password 1", "long password 2",
                                     core::HashToken(keep.id)));
  EXPECT_TRUE(service.SessionIdentity(gers_, keep.id));
  EXPECT_FALSE(service.SessionIdentity(gers_, other.id));
  EXPECT_FALSE(service.SessionIdentity(lot_, elsewhere.id));
  EXPECT_FALSE(service.TokenIdentity(gers_, token.token));
  EXPECT_FALSE(service.TokenIdentity(lot_, lot_token.token));
}

TEST_F(Storage, PasswordResetsAreThrottledPerAddressAndPerClient) {
  auth::Service service(*pool_, {});
  ASSERT_TRUE(
      service.CreateAccount(gers_, "ines@example.org", "Inès", "member", "long password 1", "fr"));
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(service.RequestPasswordReset(gers_, "ines@example.org", "http://x", "10.0.0.1"));
  auto refused = service.RequestPasswordReset(gers_, "INES@example.org", "http://x", "10.0.0.2");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kRateLimited);
  // An unknown address is counted the same way.
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(service.RequestPasswordReset(gers_, "nobody@example.org", "http://x", "10.0.0.3"));
  EXPECT_FALSE(service.RequestPasswordReset(gers_, "nobody@example.org", "http://x", "10.0.0.4"));
  // Per client address: ten an hour, whatever the e-mail addresses.
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(service.RequestPasswordReset(gers_, "x" + std::to_string(i) + "@example.org",
                                             "http://x", "10.9.9.9"));
  }
  EXPECT_FALSE(service.RequestPasswordReset(gers_, "y@example.org", "http://x", "10.9.9.9"));
}

TEST_F(Storage, AdvisorsCannotInviteAdmins) {
  auth::Service service(*pool_, {});
  const auto advisor =
      *service.CreateAccount(gers_, "adv@example.org", "Adv", "advisor", "long password 1", "fr");
  auto link =
      service.Invite(gers_, {"advisor"}, advisor, "boss@example.org", "Boss", "admin", "http://x");
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().code, core::ErrorCode::kForbidden);
  EXPECT_TRUE(service.People(gers_).size() == 1);
}

TEST_F(Storage, ASavepointUndoesWhatFollowsItUnlessReleased) {
  auto lease = pool_->Acquire();
  const auto count = [&] {
    long long n = 0;
    lease.sql() << "SELECT COUNT(*) FROM programme_hosts", soci::into(n);
    return n;
  };
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto before = count();
  {
    db::Savepoint undone(lease, "undone");
    lease.sql() << "INSERT INTO programme_hosts (host, programme_id) VALUES ('undone.localhost', "
                << gers_.value << ")";
  }
  EXPECT_EQ(count(), before);
  {
    db::Savepoint kept(lease, "kept");
    lease.sql() << "INSERT INTO programme_hosts (host, programme_id) VALUES ('kept.localhost', "
                << gers_.value << ")";
    kept.Release();
  }
  // After a refused statement, the savepoint leaves the transaction usable (PostgreSQL).
  try {
    db::Savepoint refused(lease, "refused");
    lease.sql() << "INSERT INTO programme_hosts (host, programme_id) VALUES ('kept.localhost', "
                << gers_.value << ")";
    ADD_FAILURE() << "a duplicate host was accepted";
  } catch (const std::exception& e) {
    EXPECT_TRUE(db::IsUniqueViolation(e));
  }
  EXPECT_EQ(count(), before + 1);
  tx.Commit();
}

TEST_F(Storage, UniqueViolationsAreRecognised) {
  auto lease = pool_->Acquire();
  auth::Store store(lease, gers_);
  store.CreateAccount("a@example.org", "a@example.org", "A", "fr", "");
  try {
    store.CreateAccount("a@example.org", "a@example.org", "A", "fr", "");
    FAIL() << "duplicate accepted";
  } catch (const std::exception& e) {
    EXPECT_TRUE(db::IsUniqueViolation(e)) << e.what();
  }
}

// Deleting an account cascades to its bookings and rental contracts: it commits a write
// transaction, whose count tells kept availability answers they are stale.
TEST_F(Storage, DeletingAnAccountCountsAsACommittedWrite) {
  auth::Service service(*pool_, {});
  const auto id =
      *service.CreateAccount(gers_, "ines@example.org", "Inès", "member", "long password 1", "fr");
  const auto before = pool_->commits();
  ASSERT_TRUE(service.DeleteAccount(gers_, id, "long password 1"));
  EXPECT_GT(pool_->commits(), before);
  auto lease = pool_->Acquire();
  EXPECT_FALSE(auth::Store(lease, gers_).FindAccount(id));
}

}  // namespace sohosolo
