// Reference for the booking benchmark: the engine's own rate of one-row transactions, each made
// durable by its own commit. SQLite: one connection in WAL mode with synchronous=FULL (an fsync
// at every COMMIT), clients taking turns under a mutex as sohosolo's writers once did, not
// sohosolo's group commit (db::WalSync), whose gain is what the benchmark measures. PostgreSQL:
// db::Pool's connections, default fsync. Usage: bench_commit_rate DB_URL SECONDS CLIENTS.
// Prints commits per second.
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "db/database.hpp"

namespace {

using Clock = std::chrono::steady_clock;

void CreateTable(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS bench_commits (id BIGINT NOT NULL, at BIGINT NOT NULL)";
}

/// Runs `commit_one(client, at)` in a loop on each client's thread until the deadline.
long long RunClients(int clients, Clock::time_point deadline,
                     const std::function<void(int, long long)>& commit_one) {
  std::atomic<long long> commits{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (long long at = 1; Clock::now() < deadline; ++at) {
        commit_one(c, at);
        ++commits;
      }
    });
  }
  for (auto& t : threads) t.join();
  return commits;
}

long long SqliteRate(const std::string& path, int clients, Clock::time_point deadline) {
  soci::session sql(soci::sqlite3, "db=" + path);
  std::string mode;
  sql << "PRAGMA journal_mode = WAL", soci::into(mode);
  sql << "PRAGMA synchronous = FULL";
  // The server under test shares the file and writes now and then (its periodic tasks): wait
  // for its lock as sohosolo's own connections do instead of failing at the first SQLITE_BUSY.
  sql << "PRAGMA busy_timeout = 5000";
  CreateTable(sql);
  std::mutex writer;
  long long id = 0, at = 0;
  soci::statement insert = (sql.prepare << "INSERT INTO bench_commits (id, at) VALUES (:i, :a)",
                            soci::use(id), soci::use(at));
  return RunClients(clients, deadline, [&](int client, long long n) {
    std::lock_guard lock(writer);
    id = client;
    at = n;
    sql << "BEGIN IMMEDIATE";
    insert.execute(true);
    sql << "COMMIT";
  });
}

long long PostgresqlRate(const sohosolo::db::Url& url, int clients, Clock::time_point deadline) {
  using namespace sohosolo;
  db::Pool pool(url, clients);
  {
    auto lease = pool.Acquire();
    CreateTable(lease.sql());
  }
  struct Client {
    std::optional<db::Lease> lease;
    long long id = 0, at = 0;
    std::optional<soci::statement> insert;  // prepared once, as sohosolo keeps its statements
  };
  std::vector<Client> state(clients);
  for (auto& c : state) c.lease.emplace(pool.Acquire());
  return RunClients(clients, deadline, [&](int client, long long n) {
    auto& c = state[client];
    db::Transaction tx(*c.lease, db::TxMode::kWrite);
    if (!c.insert) {
      c.insert.emplace(
          (c.lease->sql().prepare << "INSERT INTO bench_commits (id, at) VALUES (:i, :a)",
           soci::use(c.id), soci::use(c.at)));
    }
    c.id = client;
    c.at = n;
    c.insert->execute(true);
    tx.Commit();
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_commit_rate DB_URL SECONDS CLIENTS\n";
    return 2;
  }
  using namespace sohosolo;
  const auto url = db::Url::Parse(argv[1]);
  const double seconds = std::stod(argv[2]);
  const int clients = std::stoi(argv[3]);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(seconds));
  const long long commits = url.dialect == db::Dialect::kSqlite
                                ? SqliteRate(url.target, clients, deadline)
                                : PostgresqlRate(url, clients, deadline);
  std::cout << static_cast<long long>(commits / seconds) << "\n";
  return 0;
}
