#include "db/wal_sync.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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

void WalSync::SyncThrough(std::uint64_t n) {
  std::unique_lock lock(mutex_);
  while (synced_through_ < n) {
    if (syncing_) {
      // A sync is in flight; it may have begun before commit n. Wait for it, then look again.
      synced_.wait(lock);
      continue;
    }
    syncing_ = true;
    const auto target = committed_;
    lock.unlock();
    try {
      sync_();
    } catch (...) {
      lock.lock();
      syncing_ = false;
      synced_.notify_all();
      throw;
    }
    lock.lock();
    syncing_ = false;
    ++syncs_;
    if (target > synced_through_) synced_through_ = target;
    synced_.notify_all();
  }
}

std::uint64_t WalSync::syncs() const {
  std::lock_guard lock(mutex_);
  return syncs_;
}

std::uint64_t WalSync::commits() const {
  std::lock_guard lock(mutex_);
  return committed_;
}

// A file of its own: fsync is per file, not per descriptor, so this descriptor's sync flushes
// what SQLite wrote through its own. SQLite takes no POSIX lock on the WAL file (its locks are
// on the database and the -shm file), so closing this descriptor releases none of them. The WAL
// file lives as long as any connection to the database is open: the pool's are.
void WalSync::SyncFile() const {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw std::runtime_error("cannot open the SQLite WAL file " + path_ + ": " +
                             std::strerror(errno));
  }
  const int rc = ::fdatasync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) {
    throw std::runtime_error("cannot sync the SQLite WAL file " + path_ + ": " +
                             std::strerror(error));
  }
}

}  // namespace sohosolo::db
