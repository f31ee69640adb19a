// Transactions (and the SQLite writer connection they borrow), unsynced commits and savepoints:
// the scoped database work declared in database.hpp.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <utility>

#include "db/database.hpp"  // Transaction, UnsyncedCommits, Savepoint
#include "db/wal_sync.hpp"

namespace sohosolo::db {

Transaction::Transaction(Lease& lease, TxMode mode) : lease_(lease) {
  if (lease.dialect() == Dialect::kSqlite && mode == TxMode::kWrite) {
    BeginSqliteWrite();
    return;
  }
  lease_.sql() << "BEGIN";
}

Transaction::Transaction(Lease& lease, AdvisoryLock lock) : lease_(lease) {
  if (lease.dialect() == Dialect::kSqlite) {
    BeginSqliteWrite();
    return;
  }
  // One simple query for both (no bound values: the two integers are formatted here). If the
  // lock fails (lock_timeout, a cancel), BEGIN has opened a block the error aborted: it is rolled
  // back here, since no destructor runs for a constructor that throws.
  try {
    lease_.sql() << fmt::format("BEGIN; SELECT pg_advisory_xact_lock({}, {})", lock.space,
                                lock.key);
  } catch (...) {
    try {
      lease_.sql() << "ROLLBACK";
    } catch (const std::exception& e) {
      spdlog::warn("rollback failed: {}", e.what());
    }
    throw;
  }
}

void Transaction::BeginSqliteWrite() {
  auto& pool = lease_.pool();
  writer_ = std::unique_lock(pool.sqlite_writer_);
  std::swap(lease_.connection_, pool.sqlite_writer_connection_);
  try {
    lease_.sql() << "BEGIN IMMEDIATE";
  } catch (...) {
    EndWrite();
    throw;
  }
}

void Transaction::EndWrite(bool ended) {
  if (!writer_.owns_lock()) return;
  auto& pool = lease_.pool();
  std::swap(lease_.connection_, pool.sqlite_writer_connection_);
  if (!ended) {
    // The writer may still be inside the transaction (or unsynced): every later write of the
    // process would fail on it, so it is replaced by a fresh connection.
    try {
      pool.sqlite_writer_connection_ = pool.ConnectWriter();
    } catch (const std::exception& e) {
      spdlog::warn("cannot reopen the writer connection: {}", e.what());
    }
  }
  writer_.unlock();
}

Transaction::~Transaction() {
  bool ended = true;
  if (open_) {
    try {
      lease_.sql() << "ROLLBACK";
    } catch (const std::exception& e) {
      spdlog::warn("rollback failed: {}", e.what());
      ended = false;
    }
  }
  EndWrite(ended);
}

void Transaction::Commit() {
  lease_.sql() << "COMMIT";
  open_ = false;
  lease_.pool().commits_.fetch_add(1, std::memory_order_acq_rel);
  if (!writer_.owns_lock()) return;
  // SQLite: the next writer goes in before this commit is on the disk; the caller answers only
  // once it is (group commit, WalSync), unless UnsyncedCommits said not to wait. Inside an HTTP
  // request the wait is handed on with the answer (DeferredSyncs): the thread serves others.
  auto& wal = *lease_.pool().wal_sync_;
  const auto commit = wal.Committed();
  EndWrite();
  if (lease_.unsynced_) return;
  if (auto* deferred = DeferredSyncs::Current()) return deferred->Defer(wal, commit);
  wal.SyncThrough(commit);
}

UnsyncedCommits::UnsyncedCommits(Lease& lease) : lease_(lease) {
  // On SQLite the setting belongs to a connection: the lease's own, for statements outside a
  // transaction. The writer connection always commits unsynced; the lease's write transactions
  // skip the group commit's wait instead (Transaction::Commit).
  if (lease_.dialect() == Dialect::kSqlite) {
    lease_.sql() << "PRAGMA synchronous = NORMAL";
    lease_.unsynced_ = true;
  } else {
    lease_.sql() << "SET synchronous_commit = off";
  }
}

UnsyncedCommits::~UnsyncedCommits() {
  try {
    if (lease_.dialect() == Dialect::kSqlite) {
      lease_.unsynced_ = false;
      lease_.sql() << "PRAGMA synchronous = FULL";  // as Pool::Configure sets it
    } else {
      lease_.sql() << "RESET synchronous_commit";
    }
  } catch (const std::exception& e) {
    // The connection is broken: the pool replaces broken connections.
    spdlog::warn("cannot restore synchronous commits: {}", e.what());
  }
}

Savepoint::Savepoint(Lease& lease, std::string name) : lease_(lease), name_(std::move(name)) {
  lease_.sql() << "SAVEPOINT " + name_;
}

Savepoint::~Savepoint() {
  if (!open_) return;
  try {
    lease_.sql() << "ROLLBACK TO SAVEPOINT " + name_;
    lease_.sql() << "RELEASE SAVEPOINT " + name_;
  } catch (const std::exception&) {
    // The connection is gone or the transaction aborted: the transaction's own rollback follows.
  }
}

void Savepoint::Release() {
  lease_.sql() << "RELEASE SAVEPOINT " + name_;
  open_ = false;
}

}  // namespace sohosolo::db
