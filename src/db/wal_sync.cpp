#include "db/wal_sync.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

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

void WalSync::SyncThrough(std::uint64_t n) {
  std::unique_lock lock(mutex_);
  while (synced_through_ < n) {
    if (failed_) throw std::runtime_error("an earlier sync of the SQLite WAL failed: " + path_);
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
    } catch (const std::exception& e) {
      lock.lock();
      syncing_ = false;
      failed_ = true;
      spdlog::critical("{}: every later write fails until a restart", e.what());
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
