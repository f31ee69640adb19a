#pragma once
// What other modules call to send mail: a message is queued in the transaction of the change it
// tells of (both or neither), and the sender (sender.hpp) drains the queue. Other modules never
// use the outbox's store.

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/bulk.hpp"
#include "db/database.hpp"
#include "outbox/store.hpp"

namespace sohosolo::outbox {

/// A message to send to one recipient.
struct Mail {
  std::string recipient;
  std::string subject;
  std::string body;
  std::string kind;  ///< invitation, password_reset, booking_cancelled...
};

/// What a rich mail adds: an HTML alternative, a one-click unsubscribe address, the campaign.
struct Rich {
  std::string html;
  std::string unsubscribe_url;
  std::string batch;
};

/// True when `address` is one address the sender can put in a header and an SMTP command.
bool IsDeliverableAddress(const std::string& address);

/// Queues `mail` in the open transaction of `lease`.
void Queue(db::Lease& lease, core::ProgrammeId programme, const Mail& mail);
/// Queues a rich mail (newsletters) in the open transaction of `lease`.
void Queue(db::Lease& lease, core::ProgrammeId programme, const Mail& mail, const Rich& rich);

/// Queues many mails of one programme in the open transaction of `lease`, hundreds per statement
/// (a campaign of 100,000 is a few hundred round trips, not 100,000). Call Flush before the
/// commit.
class QueueMany {
 public:
  QueueMany(db::Lease& lease, core::ProgrammeId programme);
  void Add(const Mail& mail, const Rich& rich = {});
  void Flush() { rows_.Flush(); }

 private:
  core::ProgrammeId programme_;
  core::UnixSeconds now_;
  db::BulkInsert rows_;
};

/// Progress of a campaign: its messages by state.
struct BatchProgress {
  long long sent = 0;
  long long failed = 0;
  long long left = 0;  ///< queued, sending or waiting to retry
};
BatchProgress Progress(db::Lease& lease, core::ProgrammeId programme, const std::string& batch);
/// Puts a campaign's failed messages back in the queue; returns how many.
long long RequeueBatch(db::Lease& lease, core::ProgrammeId programme, const std::string& batch);

/// The newest `limit` messages of a programme (for the staff's pages, which show no body).
std::vector<Message> Latest(db::Lease& lease, core::ProgrammeId programme, int limit);

/// Puts a message that failed for good back in the queue; kNotFound when it is not a failed
/// message of `programme`.
core::Status Requeue(db::Lease& lease, core::ProgrammeId programme, long long id);

}  // namespace sohosolo::outbox
