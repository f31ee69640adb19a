#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace sohosolo::db {

/// Group commit for SQLite. The writer connection commits with synchronous=NORMAL (in WAL mode:
/// no fsync at COMMIT) and each committer, once it has let the next writer in, waits here until
/// the WAL file has been synced after its commit was written. One fdatasync covers every commit
/// written before it began, so concurrent writers share their syncs instead of holding the
/// writer lock through one fsync each. An acknowledged commit is as durable as with
/// synchronous=FULL; the WAL's order means a later commit that is synced implies every earlier
/// one is. See docs/foundation.md.
class WalSync {
 public:
  /// `sync` makes the WAL file durable (fdatasync of `path` by default); it throws on failure.
  explicit WalSync(std::string path = {}, std::function<void()> sync = {});
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;

  /// Numbers a commit. Called under the writer lock once COMMIT has returned, so that a sync
  /// starting after this call covers the commit's frames.
  std::uint64_t Committed();
  /// Returns once a sync that began after commit `n` was numbered has completed; throws if the
  /// sync fails (the commit's durability is then unknown).
  void SyncThrough(std::uint64_t n);
  /// Syncs done so far (each may have covered several commits), for /metrics.
  std::uint64_t syncs() const;
  std::uint64_t commits() const;

 private:
  void SyncFile() const;

  std::string path_;
  std::function<void()> sync_;
  mutable std::mutex mutex_;
  std::condition_variable synced_;
  std::uint64_t committed_ = 0;       // commits numbered
  std::uint64_t synced_through_ = 0;  // every commit up to this one is durable
  std::uint64_t syncs_ = 0;
  bool syncing_ = false;
};

}  // namespace sohosolo::db
