// The database foundation on a real file: SQLite's group commit (db::WalSync).
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "db/wal_sync.hpp"
#include "fixture.hpp"

namespace sohosolo {

namespace {

int SynchronousLevel(soci::session& sql) {
  int level = 0;
  sql << "PRAGMA synchronous", soci::into(level);
  return level;  // 1 NORMAL, 2 FULL
}

long long CountRows(db::Pool& pool) {
  long long n = 0;
  pool.Acquire().sql() << "SELECT COUNT(*) FROM group_commit_rows", soci::into(n);
  return n;
}

}  // namespace

// Each committed write transaction waits for a WAL sync before Commit returns (the writer
// itself commits with synchronous=NORMAL); under UnsyncedCommits it does not wait.
TEST_F(Storage, AWriteTransactionReturnsOnlyOnceAWalSyncCoveredIt) {
  if (Engine() != "sqlite") GTEST_SKIP() << "PostgreSQL syncs its own WAL at commit";
  {
    auto lease = pool_->Acquire();
    lease.sql() << "CREATE TABLE group_commit_rows (n INTEGER NOT NULL)";
    EXPECT_EQ(SynchronousLevel(lease.sql()), 2);  // the lease's own connection
  }
  const auto before = pool_->Stats();
  {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_EQ(SynchronousLevel(lease.sql()), 1);  // the writer connection
    lease.sql() << "INSERT INTO group_commit_rows (n) VALUES (1)";
    tx.Commit();
  }
  auto after = pool_->Stats();
  EXPECT_EQ(after.commits, before.commits + 1);
  EXPECT_EQ(after.wal_syncs, before.wal_syncs + 1);
  {
    auto lease = pool_->Acquire();
    db::UnsyncedCommits unsynced(lease);
    db::Transaction tx(lease, db::TxMode::kWrite);
    lease.sql() << "INSERT INTO group_commit_rows (n) VALUES (2)";
    tx.Commit();
  }
  EXPECT_EQ(pool_->Stats().commits, after.commits + 1);
  EXPECT_EQ(pool_->Stats().wal_syncs, after.wal_syncs);
  // A rolled-back transaction is neither counted nor synced.
  after = pool_->Stats();
  {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    lease.sql() << "INSERT INTO group_commit_rows (n) VALUES (3)";
  }
  EXPECT_EQ(pool_->Stats().commits, after.commits);
  EXPECT_EQ(pool_->Stats().wal_syncs, after.wal_syncs);
  EXPECT_EQ(CountRows(*pool_), 2);
  // What is synced is the database's own WAL file.
  EXPECT_EQ(std::filesystem::weakly_canonical(pool_->sqlite_wal_path()),
            std::filesystem::weakly_canonical(url_.substr(std::string("sqlite:").size()) + "-wal"));
  EXPECT_TRUE(std::filesystem::exists(pool_->sqlite_wal_path()));
}

// Inside a request's scope (db::DeferredSyncs, opened by the server around each request), a
// write transaction's Commit returns before its sync; the answer waits for it through
// WhenDurable instead.
TEST_F(Storage, ADeferredCommitReturnsBeforeItsSyncAndIsAnsweredAfterIt) {
  if (Engine() != "sqlite") GTEST_SKIP() << "PostgreSQL syncs its own WAL at commit";
  pool_->Acquire().sql() << "CREATE TABLE group_commit_rows (n INTEGER NOT NULL)";
  const auto before = pool_->Stats();
  std::atomic<bool> durable{false};
  std::atomic<std::uint64_t> syncs_when_answered{0};
  {
    db::DeferredSyncs scope;
    {
      auto lease = pool_->Acquire();
      db::Transaction tx(lease, db::TxMode::kWrite);
      lease.sql() << "INSERT INTO group_commit_rows (n) VALUES (1)";
      tx.Commit();
    }
    EXPECT_EQ(pool_->Stats().commits, before.commits + 1);
    EXPECT_EQ(pool_->Stats().wal_syncs, before.wal_syncs) << "Commit did not wait for a sync";
    EXPECT_EQ(CountRows(*pool_), 1) << "visible before it is durable, as with SyncThrough";
    scope.WhenDurable([&](bool ok) {
      syncs_when_answered = pool_->Stats().wal_syncs;
      durable = ok;
    });
    for (int i = 0; i < 10000 && !durable; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(durable);
  EXPECT_EQ(syncs_when_answered, before.wal_syncs + 1) << "answered once a sync covered it";
}

// Writers on several threads: every commit lands, each one synced (a sync may cover several).
TEST_F(Storage, ConcurrentWritersAllLandThroughSharedSyncs) {
  if (Engine() != "sqlite") GTEST_SKIP() << "PostgreSQL syncs its own WAL at commit";
  pool_->Acquire().sql() << "CREATE TABLE group_commit_rows (n INTEGER NOT NULL)";
  const auto before = pool_->Stats();
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kEach; ++i) {
        auto lease = pool_->Acquire();
        db::Transaction tx(lease, db::TxMode::kWrite);
        const int n = t * kEach + i;
        lease.sql() << "INSERT INTO group_commit_rows (n) VALUES (:n)", soci::use(n);
        tx.Commit();
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto after = pool_->Stats();
  EXPECT_EQ(after.commits - before.commits, static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_GE(after.wal_syncs - before.wal_syncs, 1u);
  EXPECT_LE(after.wal_syncs - before.wal_syncs, after.commits - before.commits);
  EXPECT_EQ(CountRows(*pool_), kThreads * kEach);
  // A second pool on the same file (another process would do the same) reads them all.
  db::Pool other(db::Url::Parse(url_), 1);
  EXPECT_EQ(CountRows(other), kThreads * kEach);
}

}  // namespace sohosolo
