// The auth store: what is counted to slow down guessing (failed logins, reset requests) and the
// one-time links (invitations, password resets).
#include "auth/store.hpp"
#include "db/rows.hpp"

namespace sohosolo::auth {

void Store::RecordFailure(const std::string& scope, const std::string& subject,
                          core::UnixSeconds now) {
  db::ExecOnce(lease_.sql(),
               "INSERT INTO login_failures (programme_id, scope, subject, at) VALUES "
               "(:p, :s, :u, :t)",
               soci::use(programme_.value), soci::use(scope), soci::use(subject), soci::use(now));
}

namespace {

Attempts CountAttempts(soci::session& sql, const char* table, core::ProgrammeId programme,
                       const std::string& scope, const std::string& subject,
                       core::UnixSeconds since) {
  Attempts out;
  long long oldest = 0;
  long long latest = 0;
  soci::indicator oldest_ind = soci::i_null;
  soci::indicator latest_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT COUNT(*), MIN(at), MAX(at) FROM " << table
                   << " WHERE programme_id = :p AND scope = :s AND subject = :u AND at >= :t",
       soci::use(programme.value), soci::use(scope), soci::use(subject), soci::use(since),
       soci::into(out.count), soci::into(oldest, oldest_ind), soci::into(latest, latest_ind));
  st.execute(true);
  if (oldest_ind == soci::i_ok) out.oldest = oldest;
  if (latest_ind == soci::i_ok) out.latest = latest;
  return out;
}

}  // namespace

Attempts Store::Failures(const std::string& scope, const std::string& subject,
                         core::UnixSeconds since) {
  return CountAttempts(lease_.sql(), "login_failures", programme_, scope, subject, since);
}

void Store::RecordResetRequest(const std::string& scope, const std::string& subject,
                               core::UnixSeconds now, core::UnixSeconds prune_before) {
  auto prune =
      db::ExecOnce(lease_.sql(), "DELETE FROM reset_requests WHERE programme_id = :p AND at < :t",
                   soci::use(programme_.value), soci::use(prune_before));
  db::ExecOnce(lease_.sql(),
               "INSERT INTO reset_requests (programme_id, scope, subject, at) VALUES "
               "(:p, :s, :u, :t)",
               soci::use(programme_.value), soci::use(scope), soci::use(subject), soci::use(now));
}

Attempts Store::ResetRequests(const std::string& scope, const std::string& subject,
                              core::UnixSeconds since) {
  return CountAttempts(lease_.sql(), "reset_requests", programme_, scope, subject, since);
}

void Store::ClearFailures(const std::string& scope, const std::string& subject) {
  db::ExecOnce(lease_.sql(),
               "DELETE FROM login_failures WHERE programme_id = :p AND scope = :s "
               "AND subject = :u",
               soci::use(programme_.value), soci::use(scope), soci::use(subject));
}

void Store::CreateLink(long long account_id, const std::string& purpose, const std::string& hash,
                       std::optional<long long> created_by, core::UnixSeconds expires_at) {
  const long long now = core::Now();
  long long by = created_by.value_or(0);
  soci::indicator by_ind = created_by ? soci::i_ok : soci::i_null;
  auto st =
      db::ExecOnce(lease_.sql(),
                   "INSERT INTO one_time_links (programme_id, account_id, purpose, "
                   "token_hash, created_by, created_at, expires_at) VALUES (:p, :a, "
                   ":u, :h, :b, :t, :e)",
                   soci::use(programme_.value), soci::use(account_id), soci::use(purpose),
                   soci::use(hash), soci::use(by, by_ind), soci::use(now), soci::use(expires_at));
}

std::optional<LinkRow> Store::FindLink(const std::string& hash) {
  LinkRow row;
  long long used_at = 0;
  soci::indicator ind = soci::i_null;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT id, account_id, purpose, expires_at, used_at FROM "
                        "one_time_links WHERE token_hash = :h AND programme_id = :p",
                        soci::use(hash), soci::use(programme_.value), soci::into(row.id),
                        soci::into(row.account_id), soci::into(row.purpose),
                        soci::into(row.expires_at), soci::into(used_at, ind));
  if (!st.fetch()) return std::nullopt;
  row.used = ind == soci::i_ok;
  return row;
}

bool Store::UseLink(long long link_id, core::UnixSeconds now) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE one_time_links SET used_at = :t WHERE id = :i AND "
                         "programme_id = :p AND used_at IS NULL",
                         soci::use(now), soci::use(link_id), soci::use(programme_.value));
  return st.get_affected_rows() > 0;
}

}  // namespace sohosolo::auth
