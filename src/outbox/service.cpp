#include "outbox/service.hpp"

#include "outbox/mime.hpp"

namespace sohosolo::outbox {

bool IsDeliverableAddress(const std::string& address) { return IsPlainAddress(address); }

void Queue(db::Lease& lease, core::ProgrammeId programme, const Mail& mail) {
  Queue(lease, programme, mail, Rich{});
}

void Queue(db::Lease& lease, core::ProgrammeId programme, const Mail& mail, const Rich& rich) {
  Message m;
  m.recipient = mail.recipient;
  m.subject = mail.subject;
  m.body = mail.body;
  m.kind = mail.kind;
  m.html = rich.html;
  m.unsubscribe_url = rich.unsubscribe_url;
  m.batch = rich.batch;
  Store(lease, programme).Enqueue(m);
}

QueueMany::QueueMany(db::Lease& lease, core::ProgrammeId programme)
    : programme_(programme),
      now_(core::Now()),
      rows_(lease, "outbox",
            {"programme_id", "recipient", "subject", "body", "kind", "html", "unsubscribe_url",
             "batch", "created_at"},
            200) {}

void QueueMany::Add(const Mail& mail, const Rich& rich) {
  rows_.Int(programme_.value)
      .Text(mail.recipient)
      .Text(mail.subject)
      .Text(mail.body)
      .Text(mail.kind)
      .Text(rich.html)
      .Text(rich.unsubscribe_url)
      .Text(rich.batch)
      .Int(now_);
  rows_.EndRow();
}

BatchProgress Progress(db::Lease& lease, core::ProgrammeId programme, const std::string& batch) {
  BatchProgress out;
  for (const auto& [state, count] : Store(lease, programme).BatchStates(batch)) {
    if (state == "sent")
      out.sent += count;
    else if (state == "failed")
      out.failed += count;
    else
      out.left += count;
  }
  return out;
}

long long RequeueBatch(db::Lease& lease, core::ProgrammeId programme, const std::string& batch) {
  return Store(lease, programme).RequeueBatch(batch);
}

std::vector<Message> Latest(db::Lease& lease, core::ProgrammeId programme, int limit) {
  return Store(lease, programme).Latest(limit);
}

core::Status Requeue(db::Lease& lease, core::ProgrammeId programme, long long id) {
  if (!Store(lease, programme).Requeue(id)) return core::NotFound();
  return core::Ok();
}

}  // namespace sohosolo::outbox
