#pragma once

#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"

namespace sohosolo::outbox {

struct Message {
  long long id = 0;
  std::string recipient;
  std::string subject;
  std::string body;
  std::string kind;
  core::UnixSeconds created_at = 0;
  bool sent = false;
};

/// Messages waiting for the mail sender. The SMTP sender will read unsent rows from here and mark
/// them sent; until it exists, admins read them on the admin page.
class Store {
 public:
  Store(db::Lease& lease, core::ProgrammeId programme) : lease_(lease), programme_(programme) {}
  void Enqueue(const std::string& recipient, const std::string& subject, const std::string& body,
               const std::string& kind);
  std::vector<Message> Latest(int limit);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::outbox
