#include "outbox/service.hpp"

namespace sohosolo::outbox {

void Queue(db::Lease& lease, core::ProgrammeId programme, const Mail& mail) {
  Store(lease, programme).Enqueue(mail.recipient, mail.subject, mail.body, mail.kind);
}

std::vector<Message> Latest(db::Lease& lease, core::ProgrammeId programme, int limit) {
  return Store(lease, programme).Latest(limit);
}

core::Status Requeue(db::Lease& lease, core::ProgrammeId programme, long long id) {
  if (!Store(lease, programme).Requeue(id)) return core::NotFound();
  return core::Ok();
}

}  // namespace sohosolo::outbox
