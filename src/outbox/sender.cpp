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

DrainCounts Sender::DrainOnce() { return DrainOnce(client_); }

DrainCounts Sender::DrainOnce(SmtpClient& client) {
  std::vector<Message> claimed;
  {
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    const auto now = core::Now();
    claimed = DeliveryStore(lease).Claim(now, now + policy_.claim_seconds, policy_.batch);
    tx.Commit();
  }
  DrainCounts counts;
  const auto& s = client_.settings();
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
    const auto wire =
        BuildMessage({s.from_address, s.from_name, m.recipient, m.subject, m.body, core::Now(),
                      MessageId(m, s.from_address), m.html, m.unsubscribe_url});
    const auto result = client.Send(m.recipient, wire);
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

DrainCounts Sender::DrainWith(SmtpClient& client) {
  DrainCounts total;
  for (;;) {
    const auto c = DrainOnce(client);
    total.sent += c.sent;
    total.retried += c.retried;
    total.failed += c.failed;
    if (c.sent + c.retried + c.failed < policy_.batch) return total;
  }
}

DrainCounts Sender::DrainAll() {
  if (policy_.connections <= 1) return DrainWith(client_);
  // The others on threads of their own, each with its own connection; claims keep them apart.
  std::vector<DrainCounts> counts(static_cast<std::size_t>(policy_.connections));
  std::vector<std::thread> others;
  for (std::size_t i = 1; i < counts.size(); ++i) {
    others.emplace_back([this, &counts, i] {
      try {
        SmtpClient client(client_.settings());
        counts[i] = DrainWith(client);
      } catch (const std::exception& e) {
        spdlog::error("mail sender connection {}: {}", i, e.what());
      }
    });
  }
  try {
    counts[0] = DrainWith(client_);
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
