#include "outbox/sender.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "outbox/mime.hpp"
#include "outbox/store.hpp"

namespace sohosolo::outbox {

namespace {

std::string Domain(const std::string& address) { return address.substr(address.find('@') + 1); }

/// Stable across attempts: a receiver can tell a message sent twice after a crash.
std::string MessageId(const Message& m, const std::string& from) {
  return "outbox." + std::to_string(m.programme.value) + "." + std::to_string(m.id) + "." +
         std::to_string(m.created_at) + "@" + Domain(from);
}

/// What a log line may hold of a server's reply: one line, no control characters.
std::string OneLine(std::string text) {
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  if (text.size() > 500) text.resize(500);
  return text;
}

}  // namespace

long long RetryDelay(const DeliveryPolicy& policy, int attempts) {
  long long delay = policy.first_retry_seconds;
  for (int i = 1; i < attempts && delay < policy.max_retry_seconds; ++i) delay *= 2;
  return std::min<long long>(delay, policy.max_retry_seconds);
}

Sender::Sender(db::Pool& pool, SmtpSettings settings, DeliveryPolicy policy)
    : pool_(pool), client_(std::move(settings)), policy_(policy) {}

DrainCounts Sender::DrainOnce() {
  LoadRoutes();
  Connection connection{client_, {}};
  return DrainOnce(connection);
}

void Sender::LoadRoutes() {
  std::map<long long, ProgrammeMail> own;
  {
    auto lease = pool_.Acquire();
    own = ProgrammeMailStore(lease).All();
  }
  routes_.clear();
  for (const auto& [id, m] : own) {
    Route route;
    route.per_second = m.per_second;
    auto merged = MergeSettings(client_.settings(), m);
    if (merged)
      route.settings = *merged;
    else
      route.error = "the programme's mail settings cannot be used (" + merged.error().message_key +
                    "): see `sohosolo programme mail`";
    routes_[id] = route;
  }
}

void Sender::WaitTurn(long long p, double per_second) {
  if (per_second <= 0) return;
  const auto gap = std::chrono::microseconds(static_cast<long long>(1e6 / per_second));
  std::chrono::steady_clock::time_point turn;
  {
    std::lock_guard lock(gates_mutex_);
    auto& next = gates_[p];
    turn = std::max(next, std::chrono::steady_clock::now());
    next = turn + gap;
  }
  std::this_thread::sleep_until(turn);
}

DrainCounts Sender::DrainOnce(Connection& connection) {
  std::vector<Message> claimed;
  {
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    const auto now = core::Now();
    claimed = DeliveryStore(lease).Claim(now, now + policy_.claim_seconds, policy_.batch);
    // Nothing claimed is nothing written: rolled back, it is neither a commit (which would drop
    // the process's kept answers) nor, on SQLite, a WAL sync.
    if (claimed.empty()) return {};
    tx.Commit();
  }
  DrainCounts counts;
  // Each connection keeps its share of the rate.
  const auto connections = std::max(1, policy_.connections);
  const auto gap = policy_.per_second > 0 ? std::chrono::microseconds(static_cast<long long>(
                                                1e6 * connections / policy_.per_second))
                                          : std::chrono::microseconds(0);
  // One connection for the batch's outcomes, each written at once (one statement), committed
  // without waiting for the disk: a "sent" lost at a power cut means one message sent again,
  // the price of not waiting 1 to 10 ms per message (a crash of the process loses nothing).
  auto lease = pool_.Acquire();
  db::UnsyncedCommits unsynced(lease);
  DeliveryStore store(lease);
  for (const auto& m : claimed) {
    const auto started = std::chrono::steady_clock::now();
    // The programme's own server, sender and rate when it has them, else the instance's.
    SmtpClient* client = &connection.base;
    if (const auto route = routes_.find(m.programme.value); route != routes_.end()) {
      if (!route->second.settings) {
        // The configuration, not the message: kept for later like a temporary failure.
        spdlog::warn("mail {} of programme {}: {}", m.id, m.programme.value, route->second.error);
        if (m.attempts < policy_.max_attempts) {
          store.MarkRetry(m.id, core::Now() + RetryDelay(policy_, m.attempts), route->second.error);
          ++counts.retried;
        } else {
          store.MarkFailed(m.id, route->second.error);
          ++counts.failed;
        }
        continue;
      }
      auto& own = connection.own[m.programme.value];
      if (!own) own = std::make_unique<SmtpClient>(*route->second.settings);
      client = own.get();
      WaitTurn(m.programme.value, route->second.per_second);
    }
    const auto& s = client->settings();
    const auto wire =
        BuildMessage({s.from_address, s.from_name, m.recipient, m.subject, m.body, core::Now(),
                      MessageId(m, s.from_address), m.html, m.unsubscribe_url});
    const auto result = client->Send(m.recipient, wire);
    const auto reply = OneLine(result.reply);
    if (result.outcome == SendResult::Outcome::kSent) {
      store.MarkSent(m.id, core::Now());
      ++counts.sent;
    } else if (result.outcome == SendResult::Outcome::kTemporary &&
               m.attempts < policy_.max_attempts) {
      store.MarkRetry(m.id, core::Now() + RetryDelay(policy_, m.attempts), reply);
      spdlog::warn("mail {} to programme {}: temporary failure ({}), attempt {}", m.id,
                   m.programme.value, reply, m.attempts);
      ++counts.retried;
    } else {
      store.MarkFailed(m.id, reply);
      spdlog::warn("mail {} of programme {}: failed ({})", m.id, m.programme.value, reply);
      ++counts.failed;
    }
    if (gap.count() > 0) std::this_thread::sleep_until(started + gap);
  }
  return counts;
}

DrainCounts Sender::DrainWith(Connection& connection) {
  DrainCounts total;
  for (;;) {
    const auto c = DrainOnce(connection);
    total.sent += c.sent;
    total.retried += c.retried;
    total.failed += c.failed;
    if (c.sent + c.retried + c.failed < policy_.batch) return total;
  }
}

DrainCounts Sender::DrainAll() {
  LoadRoutes();
  Connection first{client_, {}};
  if (policy_.connections <= 1) return DrainWith(first);
  // The others on threads of their own, each with its own connection; claims keep them apart.
  std::vector<DrainCounts> counts(static_cast<std::size_t>(policy_.connections));
  std::vector<std::thread> others;
  for (std::size_t i = 1; i < counts.size(); ++i) {
    others.emplace_back([this, &counts, i] {
      try {
        SmtpClient client(client_.settings());
        Connection connection{client, {}};
        counts[i] = DrainWith(connection);
      } catch (const std::exception& e) {
        spdlog::error("mail sender connection {}: {}", i, e.what());
      }
    });
  }
  try {
    counts[0] = DrainWith(first);
  } catch (...) {
    for (auto& t : others) t.join();
    throw;
  }
  for (auto& t : others) t.join();
  DrainCounts total;
  for (const auto& c : counts) {
    total.sent += c.sent;
    total.retried += c.retried;
    total.failed += c.failed;
  }
  return total;
}

BackgroundSender::BackgroundSender(db::Pool& pool, SmtpSettings settings, DeliveryPolicy policy,
                                   int interval_seconds, std::function<void()> before_drain)
    : sender_(pool, std::move(settings), policy),
      interval_seconds_(std::max(1, interval_seconds)),
      before_drain_(std::move(before_drain)),
      thread_([this] { Run(); }) {}

BackgroundSender::~BackgroundSender() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void BackgroundSender::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void BackgroundSender::Run() {
  for (;;) {
    try {
      if (before_drain_) before_drain_();
      sender_.DrainAll();
    } catch (const std::exception& e) {
      // The database went away or refused: the rows stay claimed or queued; try again later.
      spdlog::error("mail sender: {}", e.what());
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::seconds(interval_seconds_),
                   [this] { return stop_ || woken_; });
    if (stop_) return;
    woken_ = false;
  }
}

}  // namespace sohosolo::outbox
