#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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
  /// Syncs for what WhenSynced still waits for, answers it, then stops the syncer.
  ~WalSync();

  /// Numbers a commit. Called under the writer lock once COMMIT has returned, so that a sync
  /// starting after this call covers the commit's frames.
  std::uint64_t Committed();
  /// Returns once a sync that began after commit `n` was numbered has completed. Throws if a
  /// sync failed, this one or any before: after a failed fsync the kernel may have dropped the
  /// pages it could not write and a later fsync would succeed without them, so no later commit
  /// can be called durable either. Writes fail until the process restarts and SQLite recovers
  /// the WAL from what is on the disk.
  void SyncThrough(std::uint64_t n);
  /// SyncThrough without waiting: `done(true)` is called once a sync that began after commit `n`
  /// was numbered has completed, `done(false)` if a sync failed. It is called at once on this
  /// thread when commit `n` is durable already (or a sync has failed), otherwise on the syncer,
  /// a thread of this WalSync's own started on first use: `done` must be quick (hand the answer
  /// on). Syncs are shared with SyncThrough's callers as theirs are with each other.
  void WhenSynced(std::uint64_t n, std::function<void(bool)> done);
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
  /// One sync covering every commit numbered so far, by the caller (`lock` held, and no sync in
  /// flight): released during the sync. Returns the sync's failure, if it failed.
  std::exception_ptr SyncOnce(std::unique_lock<std::mutex>& lock);
  /// The syncer's loop: syncs while WhenSynced's callers wait, answers them.
  void RunSyncer();
  /// Calls the WhenSynced callbacks whose commits are durable (or never will be), unlocked.
  void AnswerReady(std::unique_lock<std::mutex>& lock);

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
  std::vector<std::pair<std::uint64_t, std::function<void(bool)>>> waiting_;  // WhenSynced
  bool stopping_ = false;
  std::thread syncer_;  // last: started after, and joined before, what it uses
};

/// While it lives, the SQLite write transactions committed on this thread do not wait for the
/// WAL's sync: Transaction::Commit notes them here, and WhenDurable hands the wait on to
/// WalSync. The HTTP server opens one around each request it handles (app.cpp): its thread goes
/// on serving other connections while the request's commit is synced, and the answer goes out
/// once the commit is durable, as before. One scope per thread at a time.
class DeferredSyncs {
 public:
  DeferredSyncs();
  DeferredSyncs(const DeferredSyncs&) = delete;
  DeferredSyncs& operator=(const DeferredSyncs&) = delete;
  /// A commit noted and never handed on is waited for here (blocking).
  ~DeferredSyncs();
  /// The scope open on this thread, if any.
  static DeferredSyncs* Current();
  /// Notes commit `n` of `wal` (Transaction::Commit).
  void Defer(WalSync& wal, std::uint64_t n);
  /// `then(true)` once every commit noted so far is durable (at once, on this thread, when none
  /// was noted), `then(false)` if their sync failed. The scope is empty afterwards.
  void WhenDurable(std::function<void(bool)> then);

 private:
  DeferredSyncs* previous_;
  WalSync* wal_ = nullptr;
  std::uint64_t through_ = 0;
};

/// `done` made to wait for the commits of the scope open on the thread that calls it: called
/// inside a DeferredSyncs scope, it hands its value on once they are durable, or the value of
/// `unsynced()` if their sync failed; called outside one (a worker thread, whose commits waited),
/// at once. The HTTP server's answers go through it (app.cpp).
template <typename Value>
std::function<void(Value)> AfterDurable(std::function<void(Value)> done,
                                        std::function<Value()> unsynced) {
  return [done = std::move(done), unsynced = std::move(unsynced)](Value value) {
    auto* commits = DeferredSyncs::Current();
    if (!commits) return done(std::move(value));
    commits->WhenDurable([done, unsynced, value = std::move(value)](bool durable) mutable {
      done(durable ? std::move(value) : unsynced());
    });
  };
}

}  // namespace sohosolo::db
