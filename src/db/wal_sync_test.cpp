#include "db/wal_sync.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
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

}  // namespace sohosolo::db
