#include "db/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

namespace sohosolo::db {

namespace {

constexpr auto kAcquireTimeout = std::chrono::seconds(10);

/// SOCI re-parses the connection string as space-separated key=value pairs, which mangles a URI:
/// libpq turns the URI into that form first (and validates it).
std::string ToConninfo(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "invalid PostgreSQL URL";
    PQfreemem(error);
    throw std::invalid_argument("bad --db URL: " + message);
  }
  std::string out;
  for (auto* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string value = o->val;
    std::string quoted;
    for (char c : value) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + quoted + "'";
  }
  PQconninfoFree(options);
  return out;
}

bool Contains(const std::string& text, const char* needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

Url Url::Parse(const std::string& text) {
  if (text.starts_with("sqlite:")) {
    auto path = text.substr(7);
    if (path.starts_with("//")) path = path.substr(2);
    if (path.empty())
      throw std::invalid_argument("--db sqlite: needs a file path, e.g. sqlite:var/sohosolo.db");
    return {Dialect::kSqlite, path};
  }
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    ToConninfo(text);  // Validates now, so a bad URL is a usage error and not "unavailable".
    return {Dialect::kPostgresql, text};
  }
  throw std::invalid_argument("unsupported --db value '" + text +
                              "': use sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME");
}

std::string Url::Redacted() const {
  if (dialect == Dialect::kSqlite) return "sqlite:" + target;
  // postgresql://user:secret@host -> postgresql://user:***@host
  const auto scheme_end = target.find("://") + 3;
  const auto at = target.find('@', scheme_end);
  const auto colon = target.find(':', scheme_end);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return target;
  return target.substr(0, colon + 1) + "***" + target.substr(at);
}

Lease::Lease(Pool& pool, std::unique_ptr<Connection> connection)
    : pool_(&pool), connection_(std::move(connection)) {}

Lease::~Lease() {
  if (connection_) pool_->Release(std::move(connection_));
}

Dialect Lease::dialect() const { return pool_->dialect(); }

Pool::Pool(const Url& url, int size) : url_(url), size_(size) {
  TuneSqliteOnce();
  if (url_.dialect == Dialect::kSqlite) {
    const auto parent = std::filesystem::absolute(url_.target).parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(parent, ec)) {
      throw Unavailable("cannot open the SQLite database " + url_.target + ": folder " +
                        parent.string() + " does not exist");
    }
  }
  for (int i = 0; i < size_; ++i) {
    idle_.push_back(Connect());
    broken_.push_back(false);
  }
  if (url_.dialect == Dialect::kSqlite) {
    sqlite_writer_connection_ = ConnectWriter();
    auto* backend =
        static_cast<soci::sqlite3_session_backend*>(sqlite_writer_connection_->sql->get_backend());
    const char* wal =
        sqlite_api::sqlite3_filename_wal(sqlite_api::sqlite3_db_filename(backend->conn_, "main"));
    wal_sync_ = std::make_unique<WalSync>(wal ? wal : url_.target + "-wal");
  }
}

Pool::~Pool() = default;

std::unique_ptr<Connection> Pool::Connect() const {
  try {
    std::unique_ptr<soci::session> sql;
    if (url_.dialect == Dialect::kSqlite) {
      sql = std::make_unique<soci::session>(soci::sqlite3, "db=" + url_.target);
    } else {
      sql = std::make_unique<soci::session>(soci::postgresql, ToConninfo(url_.target));
    }
    Configure(*sql);
    auto connection = std::make_unique<Connection>();
    connection->sql = std::move(sql);
    return connection;
  } catch (const soci::soci_error& e) {
    throw Unavailable("cannot open the database " + url_.Redacted() + ": " + e.get_error_message());
  }
}

std::unique_ptr<Connection> Pool::ConnectWriter() const {
  auto connection = Connect();
  // Commits on the writer return before the WAL reaches the disk; Transaction::Commit then waits
  // for WalSync, which syncs once for every commit written meanwhile (group commit).
  *connection->sql << "PRAGMA synchronous = NORMAL";
  return connection;
}

void Pool::Configure(soci::session& sql) const {
  if (url_.dialect == Dialect::kSqlite) {
    // WAL for concurrent readers; synchronous=FULL so that an acknowledged commit survives a
    // crash or power loss; a busy timeout so writers queue instead of failing.
    sql << "PRAGMA busy_timeout = 10000";
    std::string mode;
    sql << "PRAGMA journal_mode = WAL", soci::into(mode);
    if (mode != "wal")
      throw soci::soci_error("cannot switch to WAL mode (got '" + mode +
                             "'); is the file writable?");
    sql << "PRAGMA synchronous = FULL";
    sql << "PRAGMA foreign_keys = ON";
    return;
  }
  sql << "SET TIME ZONE 'UTC'";
  // A request never waits for long on the database: past these, the statement fails (55P03,
  // 57014) and the client gets a 503 with Retry-After (IsBusy) instead of a hung connection.
  sql << "SET lock_timeout = '5s'";
  sql << "SET statement_timeout = '30s'";
}

Lease Pool::Acquire() {
  std::unique_lock lock(mutex_);
  if (idle_.empty()) {
    ++waits_;
    if (!available_.wait_for(lock, kAcquireTimeout, [this] { return !idle_.empty(); })) {
      throw Unavailable("no database connection became free in time");
    }
  }
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  const bool broken = broken_.back();
  broken_.pop_back();
  ++in_use_;
  if (!broken && connection) return Lease(*this, std::move(connection));
  lock.unlock();
  // Reconnect outside the lock: PostgreSQL may still be down, and that takes time to find out.
  try {
    if (!connection) {
      connection = Connect();
    } else {
      connection->prepared.clear();  // Statements died with the old connection.
      connection->sql->reconnect();
      Configure(*connection->sql);
    }
    spdlog::info("database connection re-established");
    return Lease(*this, std::move(connection));
  } catch (const std::exception& e) {
    std::lock_guard relock(mutex_);
    idle_.push_back(std::move(connection));
    broken_.push_back(true);
    --in_use_;
    available_.notify_one();
    throw Unavailable(std::string("database unreachable: ") + e.what());
  }
}

void Pool::Release(std::unique_ptr<Connection> connection) {
  bool broken = false;
  if (url_.dialect == Dialect::kPostgresql) {
    // SOCI's is_connected() sends a statement ("/* ping */"): one more round trip for every
    // lease. libpq's status is what the lease's last exchange left, and a connection lost
    // during the lease reads CONNECTION_BAD from then on; one lost while idle fails its next
    // statement, as it would have after a ping at release.
    // (static_cast: the pool opened it with the postgresql backend; libsoci_postgresql exports
    // no typeinfo for a dynamic_cast.)
    const auto* backend =
        static_cast<soci::postgresql_session_backend*>(connection->sql->get_backend());
    // A connection handed back inside a transaction block (an error the code did not roll
    // back) would fail every later statement: it is reconnected like a lost one.
    broken = backend == nullptr || PQstatus(backend->conn_) != CONNECTION_OK ||
             PQtransactionStatus(backend->conn_) != PQTRANS_IDLE;
  }
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
  broken_.push_back(broken);
  --in_use_;
  available_.notify_one();
}

PoolStats Pool::Stats() const {
  std::lock_guard lock(mutex_);
  PoolStats stats{size_, in_use_, waits_};
  stats.commits = commits();
  if (wal_sync_) stats.wal_syncs = wal_sync_->syncs();
  return stats;
}

bool Pool::Ping() {
  if (wal_sync_ && wal_sync_->failed()) return false;  // writes fail until a restart
  try {
    auto lease = Acquire();
    int one = 0;
    lease.sql() << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    spdlog::warn("database ping failed: {}", e.what());
    return false;
  }
}

bool IsConnectionFailure(const std::exception& e) {
  if (dynamic_cast<const Unavailable*>(&e)) return true;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const auto state = pg->sqlstate();
    if (state.starts_with("08") || state.starts_with("57P")) return true;
  }
  if (!dynamic_cast<const soci::soci_error*>(&e)) return false;
  const std::string what = e.what();
  return Contains(what, "server closed the connection") ||
         Contains(what, "no connection to the server") ||
         Contains(what, "terminating connection") || Contains(what, "Connection refused") ||
         Contains(what, "connection to server") || Contains(what, "could not send");
}

bool IsBusy(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const auto state = pg->sqlstate();
    return state == "55P03" || state == "57014";
  }
  if (!dynamic_cast<const soci::soci_error*>(&e)) return false;
  const std::string what = e.what();
  return Contains(what, "database is locked") || Contains(what, "database table is locked");
}

bool IsExclusionViolation(const std::exception& e) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  return pg && pg->sqlstate() == "23P01";
}

bool IsUniqueViolation(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "23505";
  }
  const std::string what = e.what();
  return Contains(what, "UNIQUE constraint failed");
}

std::string LikeLiteral(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

bool IsRetryable(const std::exception& e) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  return pg && (pg->sqlstate() == "40P01" || pg->sqlstate() == "40001");
}

}  // namespace sohosolo::db
