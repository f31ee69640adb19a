#include "outbox/store.hpp"

namespace sohosolo::outbox {

void Store::Enqueue(const std::string& recipient, const std::string& subject,
                    const std::string& body, const std::string& kind) {
  const long long now = core::Now();
  soci::statement st =
      (lease_.sql().prepare << "INSERT INTO outbox (programme_id, recipient, subject, body, kind, "
                               "created_at) VALUES (:p, :r, :s, :b, :k, :t)",
       soci::use(programme_.value), soci::use(recipient), soci::use(subject), soci::use(body),
       soci::use(kind), soci::use(now));
  st.execute(true);
}

std::vector<Message> Store::Latest(int limit) {
  std::vector<Message> out;
  Message m;
  soci::indicator sent_ind = soci::i_null;
  long long sent_at = 0;
  soci::statement st =
      (lease_.sql().prepare << "SELECT id, recipient, subject, body, kind, created_at, sent_at "
                               "FROM outbox WHERE programme_id = :p ORDER BY id DESC LIMIT :n",
       soci::use(programme_.value), soci::use(limit), soci::into(m.id), soci::into(m.recipient),
       soci::into(m.subject), soci::into(m.body), soci::into(m.kind), soci::into(m.created_at),
       soci::into(sent_at, sent_ind));
  st.execute();
  while (st.fetch()) {
    m.sent = sent_ind == soci::i_ok;
    out.push_back(m);
  }
  return out;
}

}  // namespace sohosolo::outbox
