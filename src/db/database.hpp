#pragma once

#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "db/wal_sync.hpp"

namespace sohosolo::db {

enum class Dialect { kSqlite, kPostgresql };

/// Thrown when the database cannot be reached or opened: the request gets 503, the CLI exits 3.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A parsed `--db` value: `sqlite:PATH` or `postgresql://...` (also `postgres://`).
struct Url {
  Dialect dialect = Dialect::kSqlite;
  std::string target;  ///< The file path (SQLite) or the libpq connection URI (PostgreSQL).

  /// Throws std::invalid_argument with a message naming the accepted forms.
  static Url Parse(const std::string& text);
  /// The URL with any password removed, for logs.
  std::string Redacted() const;
};

class Pool;

/// A pooled connection and the statements prepared on it.
struct Connection {
  std::unique_ptr<soci::session> sql;
  /// Prepared statements kept for the connection's life (hot queries), by name.
  std::map<std::string, std::shared_ptr<void>, std::less<>> prepared;
};

/// One connection borrowed from the pool, returned when the lease dies.
class Lease {
 public:
  Lease(Pool& pool, std::unique_ptr<Connection> connection);
  Lease(Lease&&) = default;
  ~Lease();
  soci::session& sql() { return *connection_->sql; }
  Dialect dialect() const;
  Pool& pool() { return *pool_; }

  /// A query object prepared once per connection and reused: `T` is built from the session the
  /// first time (it binds its own members with soci::use/into), then returned as is. Preparing
  /// costs more than running a small query, so hot paths (session lookup) use this.
  template <typename T>
  T& Prepared(std::string_view name) {
    auto it = connection_->prepared.find(name);
    if (it == connection_->prepared.end()) {
      it = connection_->prepared.emplace(std::string(name), std::make_shared<T>(sql(), dialect()))
               .first;
    }
    return *static_cast<T*>(it->second.get());
  }
  /// Like Prepared, for a `T` built from the session and `args` (db::FetchKept's statements).
  template <typename T, typename... Args>
  T& Keep(const std::string& key, Args&&... args) {
    auto it = connection_->prepared.find(key);
    if (it == connection_->prepared.end()) {
      it = connection_->prepared
               .emplace(key, std::make_shared<T>(sql(), std::forward<Args>(args)...))
               .first;
    }
    return *static_cast<T*>(it->second.get());
  }
  /// Drops a kept statement (finalised: a SQLite statement that failed on a row lets go of it).
  void Forget(const std::string& key) {
    if (auto it = connection_->prepared.find(key); it != connection_->prepared.end())
      connection_->prepared.erase(it);
  }

 private:
  friend class Transaction;
  friend class UnsyncedCommits;
  Pool* pool_;
  std::unique_ptr<Connection> connection_;
  bool unsynced_ = false;  // UnsyncedCommits is open on this lease
};

/// Pool usage figures for /metrics.
struct PoolStats {
  int size = 0;
  int in_use = 0;
  long long waits = 0;
  /// Transactions committed by this process, and (SQLite, WalSync) the WAL syncs that made the
  /// write transactions durable.
  std::uint64_t commits = 0;
  std::uint64_t wal_syncs = 0;
};

/// A fixed-size pool of SOCI sessions. Connections that broke (PostgreSQL restarted) are
/// reconnected on their next lease, so the server recovers without a restart.
class Pool {
 public:
  /// Opens `size` connections; throws Unavailable with a clear message when it cannot.
  Pool(const Url& url, int size);
  ~Pool();

  Lease Acquire();
  Dialect dialect() const { return url_.dialect; }
  PoolStats Stats() const;
  /// Transactions committed by this process so far. Read before reading data, it tells a cache
  /// whether anything this process wrote since could have changed what was read.
  std::uint64_t commits() const { return commits_.load(std::memory_order_acquire); }
  /// SQLite: the WAL file the group commit syncs (empty on PostgreSQL).
  std::string sqlite_wal_path() const { return wal_sync_ ? wal_sync_->path() : std::string(); }
  /// True when a connection answers a trivial query (and, on SQLite, no WAL sync has failed).
  bool Ping();

 private:
  friend class Lease;
  friend class Transaction;
  void Release(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> Connect() const;
  /// SQLite: a connection for sqlite_writer_connection_ (synchronous=NORMAL: WalSync syncs).
  std::unique_ptr<Connection> ConnectWriter() const;
  void Configure(soci::session& sql) const;

  Url url_;
  int size_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::vector<bool> broken_;
  int in_use_ = 0;
  long long waits_ = 0;
  /// Writers of this process queue here before SQLite's BEGIN IMMEDIATE: SQLite's own busy
  /// handler sleeps 1 to 100 ms between retries, which wastes most of the time under load.
  std::mutex sqlite_writer_;
  /// SQLite: the connection every write transaction of this process runs on (Transaction swaps
  /// it into the lease while it lives, under sqlite_writer_). A connection's page cache is
  /// dropped whenever another connection has written, so with one writer connection the pages a
  /// write reads (indexes, the overlap check) stay cached from one write to the next.
  std::unique_ptr<Connection> sqlite_writer_connection_;
  /// SQLite: the group commit of the writer connection's transactions.
  std::unique_ptr<WalSync> wal_sync_;
  std::atomic<std::uint64_t> commits_{0};
};

enum class TxMode {
  kRead,   ///< Plain BEGIN.
  kWrite,  ///< SQLite: BEGIN IMMEDIATE, so the write lock is taken before any read.
};

/// A PostgreSQL transaction-level advisory lock: pg_advisory_xact_lock(space, key).
struct AdvisoryLock {
  int space = 0;
  int key = 0;
};

/// A scoped transaction: rolled back unless Commit() was called. On SQLite a write transaction
/// runs on the pool's writer connection: while it lives, `lease.sql()` is that connection (take
/// it from the lease after the transaction begins, never before).
class Transaction {
 public:
  Transaction(Lease& lease, TxMode mode);
  /// A write transaction that begins holding `lock`: on PostgreSQL BEGIN and the lock go in one
  /// round trip; on SQLite, whose writers are serialised already, the lock is not needed.
  Transaction(Lease& lease, AdvisoryLock lock);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void Commit();

 private:
  /// SQLite: takes the writer lock and connection, then BEGIN IMMEDIATE.
  void BeginSqliteWrite();
  /// Gives the lease its own connection back and lets the next writer in; the writer connection
  /// is replaced when the transaction did not end cleanly (`ended` false).
  void EndWrite(bool ended = true);

  Lease& lease_;
  std::unique_lock<std::mutex> writer_;
  bool open_ = true;
};

/// While it lives, commits on `lease` return without waiting for the disk (SQLite in WAL mode:
/// synchronous=NORMAL; PostgreSQL: synchronous_commit off). For writes whose loss at a power
/// cut (not at a crash of the process) would only repeat work already done, never lose data:
/// the mail sender's "sent" marks. Every other write waits. Open it outside any transaction.
class UnsyncedCommits {
 public:
  explicit UnsyncedCommits(Lease& lease);
  UnsyncedCommits(const UnsyncedCommits&) = delete;
  UnsyncedCommits& operator=(const UnsyncedCommits&) = delete;
  ~UnsyncedCommits();

 private:
  Lease& lease_;
};

/// A savepoint inside an open transaction: what happens after it is undone when it goes out of
/// scope, unless Release() keeps it. (PostgreSQL needs one around a statement that may fail, an
/// insert refused by a constraint, for the rest of the transaction to stay usable.)
class Savepoint {
 public:
  Savepoint(Lease& lease, std::string name);
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  ~Savepoint();
  /// Keeps what was done since the savepoint.
  void Release();

 private:
  Lease& lease_;
  std::string name_;
  bool open_ = true;
};

/// Runs `write` under a savepoint of the open transaction. When the engine refuses it with an
/// error `refused` recognises (IsUniqueViolation, IsExclusionViolation), what it did is undone,
/// the transaction stays usable, and the answer is false; other errors propagate. Stores use it
/// to turn a constraint's refusal into a result.
template <typename Write>
bool TryWrite(Lease& lease, const char* name, bool (*refused)(const std::exception&),
              Write&& write) {
  Savepoint savepoint(lease, name);
  try {
    write();
  } catch (const std::exception& e) {
    if (!refused(e)) throw;
    return false;
  }
  savepoint.Release();
  return true;
}

/// Process-wide SQLite settings that must precede its initialisation (memory statistics off: their
/// global mutex showed up in profiles of concurrent reads).
void TuneSqliteOnce();

/// True when `e` means the database went away (so the client gets 503, not 500).
bool IsConnectionFailure(const std::exception& e);

/// True when `e` is PostgreSQL refusing a row because of an exclusion constraint (an overlap).
bool IsExclusionViolation(const std::exception& e);

/// True when the database gave up waiting (PostgreSQL's lock or statement time-out, SQLite still
/// locked after its busy time-out): the request may be tried again a little later (503).
bool IsBusy(const std::exception& e);

/// True when `e` is a unique-constraint violation on either engine.
bool IsUniqueViolation(const std::exception& e);

/// True when PostgreSQL aborted the transaction to break a deadlock (40P01) or a serialization
/// failure (40001): the same work may simply be run again. Two transactions inserting
/// overlapping rows at once can deadlock on an exclusion constraint (each waits for the other's
/// row, see PostgreSQL's execIndexing.c); the one aborted must retry to learn who won.
bool IsRetryable(const std::exception& e);

/// `text` as a literal inside a LIKE pattern written with ESCAPE '\\': '%', '_' and '\\' lose
/// their special meaning (a search for "50%" finds "50%", not everything after "50").
std::string LikeLiteral(std::string_view text);

}  // namespace sohosolo::db
