#pragma once
// The SMTP sender that drains the outbox: claims due messages in a short write transaction,
// sends them outside it, and records each outcome. Used by `sohosolo serve` (a background thread
// that never touches request threads) and by `sohosolo mail send-pending`.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "db/database.hpp"
#include "outbox/programme_mail.hpp"
#include "outbox/smtp.hpp"

namespace sohosolo::outbox {

struct DeliveryPolicy {
  int batch = 50;           ///< Messages claimed per transaction.
  int claim_seconds = 300;  ///< How long a claim protects a message from other senders.
  int max_attempts = 8;     ///< Temporary failures beyond this become permanent.
  int first_retry_seconds = 60;
  int max_retry_seconds = 6 * 3600;  ///< Backoff doubles from the first delay up to this.
  double per_second = 0;             ///< Rate limit; 0: as fast as the server takes them.
  /// SMTP connections sending at once, each on its own thread with its own claims (the rate
  /// limit is shared among them).
  int connections = 1;
};

struct DrainCounts {
  int sent = 0;
  int retried = 0;  ///< Temporary failures, due again later.
  int failed = 0;   ///< Permanent failures.
};

/// Seconds before the next attempt after `attempts` attempts (1, 2, ...).
long long RetryDelay(const DeliveryPolicy& policy, int attempts);

class Sender {
 public:
  Sender(db::Pool& pool, SmtpSettings settings, DeliveryPolicy policy = {});
  /// Claims one batch of due messages and sends it.
  DrainCounts DrainOnce();
  /// Batches until nothing is due now (messages due later are left for later), on
  /// policy.connections connections at once.
  DrainCounts DrainAll();

 private:
  /// How a programme's mail leaves this round: its merged settings (or why they are unusable)
  /// and its own rate.
  struct Route {
    std::optional<SmtpSettings> settings;
    std::string error;
    double per_second = 0;
  };
  /// One sending thread's connections: the instance's, and one per programme with settings of
  /// its own, opened when first needed.
  struct Connection {
    SmtpClient& base;
    std::map<long long, std::unique_ptr<SmtpClient>> own;
  };
  /// Reads every programme's own settings (once a round: a change is seen at the next one).
  void LoadRoutes();
  DrainCounts DrainOnce(Connection& connection);
  /// Batches on `connection` until nothing is due now.
  DrainCounts DrainWith(Connection& connection);
  /// Waits for programme `p`'s turn under its own rate (shared by every connection).
  void WaitTurn(long long p, double per_second);
  db::Pool& pool_;
  SmtpClient client_;
  DeliveryPolicy policy_;
  std::map<long long, Route> routes_;
  std::mutex gates_mutex_;
  std::map<long long, std::chrono::steady_clock::time_point> gates_;
};

/// A Sender on its own thread, draining every `interval_seconds` and when woken. `before_drain`
/// (may be empty) runs first each time: what queues mail on a schedule (the club's reminders).
class BackgroundSender {
 public:
  BackgroundSender(db::Pool& pool, SmtpSettings settings, DeliveryPolicy policy,
                   int interval_seconds, std::function<void()> before_drain = {});
  ~BackgroundSender();
  void Wake();

 private:
  void Run();
  Sender sender_;
  int interval_seconds_;
  std::function<void()> before_drain_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace sohosolo::outbox
