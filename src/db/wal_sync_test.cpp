#include "db/wal_sync.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sohosolo::db {

namespace {

/// A gate the sync function waits at until the test opens it.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool open = false;
  int waiting = 0;

  void Pass() {
    std::unique_lock lock(mutex);
    ++waiting;
    changed.notify_all();
    changed.wait(lock, [this] { return open; });
  }
  void AwaitArrivals(int n) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return waiting >= n; });
  }
  void Open() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
};

}  // namespace

// The heart of group commit: a sync that was already running when a commit was numbered may
// have missed its frames, so that commit waits for the next sync.
TEST(WalSync, ACommitWaitsForASyncThatBeganAfterIt) {
  Gate gate;
  std::atomic<int> syncs_done{0};
  WalSync wal({}, [&] {
    if (syncs_done == 0) gate.Pass();
    ++syncs_done;
  });
  const auto first = wal.Committed();
  std::thread a([&] { wal.SyncThrough(first); });
  gate.AwaitArrivals(1);  // the first sync is in flight
  const auto second = wal.Committed();
  int syncs_seen_by_second = -1;
  std::thread b([&] {
    wal.SyncThrough(second);
    syncs_seen_by_second = syncs_done;
  });
  gate.Open();
  a.join();
  b.join();
  EXPECT_EQ(syncs_seen_by_second, 2);
  EXPECT_EQ(wal.syncs(), 2u);
  EXPECT_EQ(wal.commits(), 2u);
}

// Commits numbered while a sync runs share the next one: eight commits, at most two syncs.
TEST(WalSync, CommitsMadeDuringASyncShareTheNext) {
  constexpr int kWriters = 8;
  WalSync* self = nullptr;
  WalSync wal({}, [&] {
    // The first sync lasts until every writer has committed.
    while (self->commits() < kWriters) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  self = &wal;
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&wal] { wal.SyncThrough(wal.Committed()); });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(wal.commits(), static_cast<std::uint64_t>(kWriters));
  EXPECT_GE(wal.syncs(), 1u);
  EXPECT_LE(wal.syncs(), 2u);
}

// After a failed fsync the kernel may have dropped the pages it could not write, and a later
// fsync would succeed without them: no commit may be called durable after that.
TEST(WalSync, AFailedSyncFailsThatCommitAndEveryLaterOne) {
  int calls = 0;
  WalSync wal({}, [&] {
    if (++calls == 1) throw std::runtime_error("disk gone");
  });
  const auto commit = wal.Committed();
  EXPECT_FALSE(wal.failed());
  EXPECT_THROW(wal.SyncThrough(commit), std::runtime_error);
  EXPECT_TRUE(wal.failed());
  EXPECT_THROW(wal.SyncThrough(commit), std::runtime_error);
  EXPECT_THROW(wal.SyncThrough(wal.Committed()), std::runtime_error);
  EXPECT_EQ(calls, 1) << "no sync is tried again";
  EXPECT_EQ(wal.syncs(), 0u);
}

TEST(WalSync, SyncsARealFileAndNamesAMissingOne) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sohosolo-wal-sync-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "x.db-wal";
  std::ofstream(file) << "frames";
  WalSync wal(file.string());
  wal.SyncThrough(wal.Committed());
  EXPECT_EQ(wal.syncs(), 1u);

  WalSync missing((dir / "gone-wal").string());
  try {
    missing.SyncThrough(missing.Committed());
    ADD_FAILURE() << "a missing WAL file must not pass for synced";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("gone-wal"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

/// Waits (at most ten seconds) until `done()` holds; whether it does.
template <typename Done>
bool Eventually(Done done) {
  for (int i = 0; i < 10000 && !done(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return done();
}

/// Waits (at most ten seconds) until `flag` is set.
bool AwaitFlag(const std::atomic<bool>& flag) {
  return Eventually([&] { return flag.load(); });
}

// WhenSynced is SyncThrough without the wait: the answer comes from the syncer once a sync that
// began after the commit has ended, never from a sync that was already running.
TEST(WalSync, WhenSyncedAnswersAfterASyncThatBeganAfterTheCommit) {
  Gate gate;
  std::atomic<int> syncs_done{0};
  WalSync wal({}, [&] {
    if (syncs_done == 0) gate.Pass();
    ++syncs_done;
  });
  std::atomic<bool> first_done{false}, second_done{false};
  std::atomic<int> syncs_seen_by_first{-1}, syncs_seen_by_second{-1};
  wal.WhenSynced(wal.Committed(), [&](bool durable) {
    EXPECT_TRUE(durable);
    syncs_seen_by_first = syncs_done.load();
    first_done = true;
  });
  gate.AwaitArrivals(1);  // the syncer's first sync is in flight
  const auto caller = std::this_thread::get_id();
  wal.WhenSynced(wal.Committed(), [&, caller](bool durable) {
    EXPECT_TRUE(durable);
    EXPECT_NE(std::this_thread::get_id(), caller) << "answered by the syncer";
    syncs_seen_by_second = syncs_done.load();
    second_done = true;
  });
  EXPECT_FALSE(first_done);
  EXPECT_FALSE(second_done);
  gate.Open();
  ASSERT_TRUE(AwaitFlag(first_done));
  ASSERT_TRUE(AwaitFlag(second_done));
  EXPECT_EQ(syncs_seen_by_first, 1);
  EXPECT_EQ(syncs_seen_by_second, 2);
  EXPECT_EQ(wal.syncs(), 2u);
}

// A commit durable already is answered at once, on the caller's thread; after a failed sync
// every answer, waiting or to come, is false.
TEST(WalSync, WhenSyncedAnswersAtOnceWhenDurableAndFalseAfterAFailure) {
  std::atomic<bool> fail{false};
  WalSync wal({}, [&] {
    if (fail) throw std::runtime_error("disk gone");
  });
  const auto commit = wal.Committed();
  wal.SyncThrough(commit);
  bool answered = false;
  wal.WhenSynced(commit, [&](bool durable) { answered = durable; });
  EXPECT_TRUE(answered) << "answered before WhenSynced returned";

  fail = true;
  std::atomic<bool> failed_answer{false}, done{false};
  wal.WhenSynced(wal.Committed(), [&](bool durable) {
    failed_answer = !durable;
    done = true;
  });
  ASSERT_TRUE(AwaitFlag(done));
  EXPECT_TRUE(failed_answer);
  EXPECT_TRUE(wal.failed());
  bool later = true;
  wal.WhenSynced(wal.Committed(), [&](bool durable) { later = durable; });
  EXPECT_FALSE(later);
  EXPECT_THROW(wal.SyncThrough(wal.commits()), std::runtime_error);
}

// A WalSync that goes away answers what waits for it first, after a sync.
TEST(WalSync, GoingAwaySyncsAndAnswersWhatWaits) {
  Gate gate;
  std::atomic<int> syncs_done{0};
  auto wal = std::make_unique<WalSync>(std::string(), [&] {
    gate.Pass();
    ++syncs_done;
  });
  std::atomic<bool> answered{false};
  wal->WhenSynced(wal->Committed(), [&](bool durable) { answered = durable; });
  gate.AwaitArrivals(1);
  std::thread closer([&] { wal.reset(); });
  gate.Open();
  closer.join();
  EXPECT_TRUE(answered);
  EXPECT_EQ(syncs_done, 1);
}

// The scope of a request: commits noted on its thread are handed on with WhenDurable (one sync
// for all of them); with none noted the answer comes at once; a noted commit never handed on is
// synced when the scope ends. Scopes nest per thread.
TEST(DeferredSyncs, HandsTheCommitsOfItsThreadOnToOneSync) {
  std::atomic<int> syncs_done{0};
  WalSync wal({}, [&] { ++syncs_done; });
  EXPECT_EQ(DeferredSyncs::Current(), nullptr);
  {
    DeferredSyncs scope;
    EXPECT_EQ(DeferredSyncs::Current(), &scope);
    bool at_once = false;
    scope.WhenDurable([&](bool durable) { at_once = durable; });
    EXPECT_TRUE(at_once) << "nothing to wait for";
    scope.Defer(wal, wal.Committed());
    scope.Defer(wal, wal.Committed());
    EXPECT_EQ(syncs_done, 0) << "noting a commit does not sync it";
    std::atomic<bool> durable{false};
    scope.WhenDurable([&](bool ok) { durable = ok; });
    ASSERT_TRUE(AwaitFlag(durable));
    EXPECT_EQ(wal.syncs(), 1u);
    {
      DeferredSyncs inner;
      EXPECT_EQ(DeferredSyncs::Current(), &inner);
      inner.Defer(wal, wal.Committed());
    }
    EXPECT_EQ(DeferredSyncs::Current(), &scope);
    EXPECT_EQ(wal.syncs(), 2u) << "the inner scope synced its commit as it ended";
  }
  EXPECT_EQ(DeferredSyncs::Current(), nullptr);
}

// What the server's answers go through: inside a scope the value waits for the scope's commits
// (and becomes the unsynced one if their sync fails); outside one it goes at once.
TEST(DeferredSyncs, AfterDurableHoldsTheAnswerUntilTheCommitIsDurable) {
  Gate gate;
  std::atomic<bool> fail{false};
  WalSync wal({}, [&] {
    gate.Pass();
    if (fail) throw std::runtime_error("disk gone");
  });
  std::atomic<int> answer{0};
  const auto send = AfterDurable<int>([&](int value) { answer = value; }, [] { return 503; });
  send(200);
  EXPECT_EQ(answer, 200) << "outside a scope: at once";
  answer = 0;
  {
    DeferredSyncs scope;
    scope.Defer(wal, wal.Committed());
    send(201);
    gate.AwaitArrivals(1);  // the sync is in flight: the answer waits
    EXPECT_EQ(answer, 0);
    gate.Open();
    Eventually([&] { return answer != 0; });
    EXPECT_EQ(answer, 201);
  }
  answer = 0;
  fail = true;
  {
    DeferredSyncs scope;
    scope.Defer(wal, wal.Committed());
    send(201);
    Eventually([&] { return answer != 0; });
    EXPECT_EQ(answer, 503) << "a commit that could not be synced is not answered as done";
  }
}

}  // namespace sohosolo::db
