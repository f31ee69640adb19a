#include "outbox/store.hpp"

#include "db/rows.hpp"

namespace sohosolo::outbox {

namespace {

constexpr const char* kColumns =
    "id, programme_id, recipient, subject, body, kind, created_at, state, attempts, "
    "next_attempt_at, last_error, html, unsubscribe_url, batch";

struct MessageRow {
  Message m;
  long long programme = 0;
  soci::indicator error_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(m.id));
    st.exchange(soci::into(programme));
    st.exchange(soci::into(m.recipient));
    st.exchange(soci::into(m.subject));
    st.exchange(soci::into(m.body));
    st.exchange(soci::into(m.kind));
    st.exchange(soci::into(m.created_at));
    st.exchange(soci::into(m.state));
    st.exchange(soci::into(m.attempts));
    st.exchange(soci::into(m.next_attempt_at));
    st.exchange(soci::into(m.last_error, error_ind));
    st.exchange(soci::into(m.html));
    st.exchange(soci::into(m.unsubscribe_url));
    st.exchange(soci::into(m.batch));
  }
  Message Get() const {
    Message out = m;
    out.programme = core::ProgrammeId(programme);
    out.sent = m.state == "sent";
    if (error_ind != soci::i_ok) out.last_error.clear();
    return out;
  }
};

}  // namespace

void Store::Enqueue(const Message& m) {
  const long long now = core::Now();
  db::ExecOnce(lease_.sql(),
               "INSERT INTO outbox (programme_id, recipient, subject, body, kind, "
               "html, unsubscribe_url, batch, created_at) VALUES (:p, :r, :s, :b, "
               ":k, :h, :u, :ba, :t)",
               soci::use(programme_.value), soci::use(m.recipient), soci::use(m.subject),
               soci::use(m.body), soci::use(m.kind), soci::use(m.html),
               soci::use(m.unsubscribe_url), soci::use(m.batch), soci::use(now));
}

std::map<std::string, long long> Store::BatchStates(const std::string& batch) {
  std::map<std::string, long long> out;
  std::string state;
  long long count = 0;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT state, COUNT(*) FROM outbox WHERE "
                        "programme_id = :p AND batch = :b GROUP BY state",
                        soci::use(programme_.value), soci::use(batch), soci::into(state),
                        soci::into(count));
  while (st.fetch()) out[state] = count;
  return out;
}

long long Store::RequeueBatch(const std::string& batch) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE outbox SET state = 'queued', next_attempt_at = 0, "
                         "attempts = 0 WHERE programme_id = :p AND batch = :b AND state = "
                         "'failed'",
                         soci::use(programme_.value), soci::use(batch));
  return st.get_affected_rows();
}

std::vector<Message> Store::Latest(int limit) {
  return db::Fetch<MessageRow>(lease_.sql(),
                               std::string("SELECT ") + kColumns +
                                   " FROM outbox WHERE programme_id = :p ORDER BY id DESC LIMIT :n",
                               soci::use(programme_.value), soci::use(limit));
}

bool Store::Requeue(long long id) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE outbox SET state = 'queued', next_attempt_at = 0, "
                         "attempts = 0 WHERE programme_id = :p AND id = :i AND state = "
                         "'failed'",
                         soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() == 1;
}

std::vector<Message> DeliveryStore::Claim(core::UnixSeconds now, core::UnixSeconds until,
                                          int limit) {
  // In id order through outbox_unsent (migration 0017), which holds only the messages still to
  // send: sent ones are never stepped over. SQLite, without statistics, would rather sort every
  // due message for each claim: told which index to use.
  const bool sqlite = lease_.dialect() == db::Dialect::kSqlite;
  std::string select = std::string("SELECT id FROM outbox ") +
                       (sqlite ? "INDEXED BY outbox_unsent " : "") +
                       "WHERE state IN ('queued', 'retry', 'sending') AND ((state IN ('queued', "
                       "'retry') AND next_attempt_at <= :n) OR (state = 'sending' AND "
                       "claimed_until < :n2)) ORDER BY id LIMIT :l";
  if (!sqlite) select += " FOR UPDATE SKIP LOCKED";
  std::vector<long long> ids(static_cast<std::size_t>(limit));
  lease_.sql() << select, soci::use(now), soci::use(now), soci::use(limit), soci::into(ids);
  if (ids.empty()) return {};
  // One statement for the batch's claim and one to read it: the ids are integers of our own.
  std::string list;
  for (const long long id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  lease_.sql() << "UPDATE outbox SET state = 'sending', claimed_until = :u, attempts = attempts "
                  "+ 1 WHERE id IN (" +
                      list + ")",
      soci::use(until);
  return db::Fetch<MessageRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns + " FROM outbox WHERE id IN (" + list + ") ORDER BY id");
}

void DeliveryStore::MarkSent(long long id, core::UnixSeconds now) {
  lease_.sql() << "UPDATE outbox SET state = 'sent', sent_at = :t, claimed_until = NULL, "
                  "last_error = NULL WHERE id = :i",
      soci::use(now), soci::use(id);
}

void DeliveryStore::MarkRetry(long long id, core::UnixSeconds next_attempt_at,
                              const std::string& error) {
  lease_.sql() << "UPDATE outbox SET state = 'retry', next_attempt_at = :n, claimed_until = NULL, "
                  "last_error = :e WHERE id = :i",
      soci::use(next_attempt_at), soci::use(error), soci::use(id);
}

void DeliveryStore::MarkFailed(long long id, const std::string& error) {
  lease_.sql() << "UPDATE outbox SET state = 'failed', claimed_until = NULL, last_error = :e "
                  "WHERE id = :i",
      soci::use(error), soci::use(id);
}

}  // namespace sohosolo::outbox
