#include "db/wal_sync.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace sohosolo::db {

WalSync::WalSync(std::string path, std::function<void()> sync)
    : path_(std::move(path)), sync_(std::move(sync)) {
  if (!sync_) sync_ = [this] { SyncFile(); };
}

std::uint64_t WalSync::Committed() {
  std::lock_guard lock(mutex_);
  return ++committed_;
}

WalSync::~WalSync() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  synced_.notify_all();
  if (syncer_.joinable()) syncer_.join();
}

std::exception_ptr WalSync::SyncOnce(std::unique_lock<std::mutex>& lock) {
  syncing_ = true;
  const auto target = committed_;
  lock.unlock();
  std::exception_ptr failure;
  try {
    sync_();
  } catch (const std::exception& e) {
    spdlog::critical("{}: every later write fails until a restart", e.what());
    failure = std::current_exception();
  }
  lock.lock();
  syncing_ = false;
  if (failure) {
    failed_ = true;
  } else {
    ++syncs_;
    if (target > synced_through_) synced_through_ = target;
  }
  synced_.notify_all();
  return failure;
}

void WalSync::SyncThrough(std::uint64_t n) {
  std::unique_lock lock(mutex_);
  while (synced_through_ < n) {
    if (failed_) throw std::runtime_error("an earlier sync of the SQLite WAL failed: " + path_);
    if (syncing_) {
      // A sync is in flight; it may have begun before commit n. Wait for it, then look again.
      synced_.wait(lock);
      continue;
    }
    if (auto failure = SyncOnce(lock)) std::rethrow_exception(failure);
  }
}

void WalSync::WhenSynced(std::uint64_t n, std::function<void(bool)> done) {
  std::unique_lock lock(mutex_);
  if (synced_through_ >= n || failed_) {
    const bool durable = synced_through_ >= n;
    lock.unlock();
    done(durable);
    return;
  }
  waiting_.emplace_back(n, std::move(done));
  if (!syncer_.joinable()) syncer_ = std::thread([this] { RunSyncer(); });
  synced_.notify_all();
}

void WalSync::RunSyncer() {
  std::unique_lock lock(mutex_);
  while (true) {
    AnswerReady(lock);
    if (waiting_.empty()) {
      if (stopping_) return;
      synced_.wait(lock);
    } else if (syncing_) {
      synced_.wait(lock);  // a committer's own sync (SyncThrough) is in flight: it may cover them
    } else {
      // While this sync runs, the commits written meanwhile queue up: the next one covers them
      // all at once.
      SyncOnce(lock);
    }
  }
}

void WalSync::AnswerReady(std::unique_lock<std::mutex>& lock) {
  std::vector<std::pair<bool, std::function<void(bool)>>> ready;  // durable, callback
  std::erase_if(waiting_, [&](auto& entry) {
    const bool durable = entry.first <= synced_through_;
    if (!durable && !failed_) return false;
    ready.emplace_back(durable, std::move(entry.second));
    return true;
  });
  if (ready.empty()) return;
  lock.unlock();
  for (auto& [durable, done] : ready) {
    // An answer that cannot be handed on (out of memory) must not stop the syncer.
    try {
      done(durable);
    } catch (const std::exception& e) {
      spdlog::error("an answer waiting for the WAL's sync was lost: {}", e.what());
    }
  }
  lock.lock();
}

namespace {

thread_local DeferredSyncs* current_deferred = nullptr;

}  // namespace

DeferredSyncs::DeferredSyncs() : previous_(current_deferred) { current_deferred = this; }

DeferredSyncs::~DeferredSyncs() {
  current_deferred = previous_;
  if (!wal_) return;
  try {
    wal_->SyncThrough(through_);
  } catch (const std::exception& e) {
    spdlog::error("a deferred commit could not be synced: {}", e.what());
  }
}

DeferredSyncs* DeferredSyncs::Current() { return current_deferred; }

void DeferredSyncs::Defer(WalSync& wal, std::uint64_t n) {
  // One database per process: a second WalSync would be waited for here, at once.
  if (wal_ && wal_ != &wal) {
    wal_->SyncThrough(through_);
    through_ = 0;
  }
  wal_ = &wal;
  through_ = std::max(through_, n);
}

void DeferredSyncs::WhenDurable(std::function<void(bool)> then) {
  if (!wal_) return then(true);
  auto* wal = std::exchange(wal_, nullptr);
  wal->WhenSynced(std::exchange(through_, 0), std::move(then));
}

bool WalSync::failed() const {
  std::lock_guard lock(mutex_);
  return failed_;
}

std::uint64_t WalSync::syncs() const {
  std::lock_guard lock(mutex_);
  return syncs_;
}

std::uint64_t WalSync::commits() const {
  std::lock_guard lock(mutex_);
  return committed_;
}

// A descriptor of its own: fsync is per file, not per descriptor, so this descriptor's sync
// flushes what SQLite wrote through its own. SQLite takes no POSIX lock on the WAL file (its
// locks are on the database and the -shm file), so closing this descriptor releases none of
// them. The WAL file lives as long as any connection to the database is open: the pool's are.
void WalSync::SyncFile() {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw std::runtime_error("cannot open the SQLite WAL file " + path_ + ": " +
                             std::strerror(errno));
  }
  struct stat st {};
  int rc = ::fstat(fd, &st);
  if (rc == 0) rc = ::fdatasync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) {
    throw std::runtime_error("cannot sync the SQLite WAL file " + path_ + ": " +
                             std::strerror(error));
  }
  // With synchronous=NORMAL, SQLite syncs a new WAL's folder only at its first checkpoint.
  if (static_cast<std::uint64_t>(st.st_ino) == synced_inode_) return;
  const auto folder = std::filesystem::path(path_).parent_path();
  const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0 || ::fsync(dir) != 0) {
    const int dir_error = errno;
    if (dir >= 0) ::close(dir);
    throw std::runtime_error("cannot sync the folder of " + path_ + ": " +
                             std::strerror(dir_error));
  }
  ::close(dir);
  synced_inode_ = static_cast<std::uint64_t>(st.st_ino);
}

}  // namespace sohosolo::db
