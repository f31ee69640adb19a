// Reference for the booking benchmark: the engine's own rate of one-row transactions, with the
// same connection settings as sohosolo (db::Pool: WAL + synchronous=FULL on SQLite; default fsync
// on PostgreSQL). Usage: bench_commit_rate DB_URL SECONDS CLIENTS. Prints commits per second.
#include <atomic>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "db/database.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_commit_rate DB_URL SECONDS CLIENTS\n";
    return 2;
  }
  using namespace sohosolo;
  const auto url = db::Url::Parse(argv[1]);
  const double seconds = std::stod(argv[2]);
  const int clients = std::stoi(argv[3]);
  db::Pool pool(url, clients);
  {
    auto lease = pool.Acquire();
    lease.sql()
        << "CREATE TABLE IF NOT EXISTS bench_commits (id BIGINT NOT NULL, at BIGINT NOT NULL)";
  }
  std::atomic<long long> commits{0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto lease = pool.Acquire();
      long long id = c, at = 0;
      // Prepared inside the first transaction: on SQLite a write transaction runs on the pool's
      // writer connection (db::Transaction), the same one every time.
      std::optional<soci::statement> insert;
      while (std::chrono::steady_clock::now() < deadline) {
        db::Transaction tx(lease, db::TxMode::kWrite);
        if (!insert) {
          insert.emplace(
              (lease.sql().prepare << "INSERT INTO bench_commits (id, at) VALUES (:i, :a)",
               soci::use(id), soci::use(at)));
        }
        ++at;
        insert->execute(true);
        tx.Commit();
        ++commits;
      }
      // Finalised on the writer connection while this thread holds it.
      db::Transaction last(lease, db::TxMode::kWrite);
      insert.reset();
      last.Commit();
    });
  }
  for (auto& t : threads) t.join();
  std::cout << static_cast<long long>(commits / seconds) << "\n";
  return 0;
}
