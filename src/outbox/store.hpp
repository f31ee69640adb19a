#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"

namespace sohosolo::outbox {

/// A message of the queue as the staff sees it (never its body) and as the sender sends it.
struct Message {
  long long id = 0;
  core::ProgrammeId programme{0};
  std::string recipient;
  std::string subject;
  std::string body;
  std::string kind;
  std::string html;             ///< An HTML alternative of `body`, or empty.
  std::string unsubscribe_url;  ///< One-click unsubscribe (RFC 8058), or empty.
  std::string batch;            ///< The campaign it belongs to ("newsletter-12"), or empty.
  core::UnixSeconds created_at = 0;
  bool sent = false;
  std::string state;  ///< queued | sending | retry | sent | failed
  int attempts = 0;
  core::UnixSeconds next_attempt_at = 0;
  std::string last_error;
};

/// One programme's messages: queued by the modules, listed for the staff.
class Store {
 public:
  Store(db::Lease& lease, core::ProgrammeId programme) : lease_(lease), programme_(programme) {}
  /// Queues `m` (recipient, subject, body, kind, html, unsubscribe_url, batch).
  void Enqueue(const Message& m);
  /// How many messages of `batch` are in each state.
  std::map<std::string, long long> BatchStates(const std::string& batch);
  /// Puts the failed messages of `batch` back in the queue; returns how many.
  long long RequeueBatch(const std::string& batch);
  std::vector<Message> Latest(int limit);
  /// Puts a failed message back in the queue, due now; false when it is not a failed message of
  /// this programme.
  bool Requeue(long long id);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

/// The sender's side, across programmes. Every method runs in the caller's transaction.
class DeliveryStore {
 public:
  explicit DeliveryStore(db::Lease& lease) : lease_(lease) {}
  /// Claims up to `limit` due messages (queued, retry due, or sending with a lapsed claim) until
  /// `until`, counting one more attempt each. On PostgreSQL rows claimed by another sender are
  /// skipped (FOR UPDATE SKIP LOCKED); on SQLite the write transaction is serial.
  std::vector<Message> Claim(core::UnixSeconds now, core::UnixSeconds until, int limit);
  void MarkSent(long long id, core::UnixSeconds now);
  void MarkRetry(long long id, core::UnixSeconds next_attempt_at, const std::string& error);
  void MarkFailed(long long id, const std::string& error);

 private:
  db::Lease& lease_;
};

}  // namespace sohosolo::outbox
