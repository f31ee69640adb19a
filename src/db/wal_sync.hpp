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
  /// Returns once a sync that began after commit `n` was numbered has completed. Throws if a
  /// sync failed, this one or any before: after a failed fsync the kernel may have dropped the
  /// pages it could not write and a later fsync would succeed without them, so no later commit
  /// can be called durable either. Writes fail until the process restarts and SQLite recovers
  /// the WAL from what is on the disk.
  void SyncThrough(std::uint64_t n);
  /// A sync has failed (the server is then not ready: Pool::Ping).
  bool failed() const;
  const std::string& path() const { return path_; }
  /// Syncs done so far (each may have covered several commits), for /metrics.
  std::uint64_t syncs() const;
  std::uint64_t commits() const;

 private:
  /// fdatasync of the WAL file; and of its folder whenever the file is new to this process (a
  /// WAL created since the last sync has its folder entry made durable once).
  void SyncFile();

  std::string path_;
  std::function<void()> sync_;
  mutable std::mutex mutex_;
  std::condition_variable synced_;
  std::uint64_t committed_ = 0;       // commits numbered
  std::uint64_t synced_through_ = 0;  // every commit up to this one is durable
  std::uint64_t syncs_ = 0;
  bool syncing_ = false;
  bool failed_ = false;
  std::uint64_t synced_inode_ = 0;  // the WAL file whose folder entry was synced (SyncFile)
};

}  // namespace sohosolo::db
