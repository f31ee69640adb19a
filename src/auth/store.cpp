#include "auth/store.hpp"

#include "db/kept.hpp"
#include "db/rows.hpp"

namespace sohosolo::auth {

namespace {

constexpr const char* kAccountColumns =
    "a.id, a.email, a.display_name, a.language, a.password_hash, a.created_at";

/// A token as the account page lists it.
struct TokenBuffer {
  TokenRow row;
  long long last_used = 0;
  soci::indicator last_used_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(last_used, last_used_ind));
  }
  TokenRow Get() const {
    TokenRow out = row;
    out.last_used_at = last_used_ind == soci::i_ok ? std::optional(last_used) : std::nullopt;
    return out;
  }
};

/// Prepared once per connection: a session, its account and the account's roles here, one row
/// per role (a row with no role when the account holds none: the session is still found, so
/// that an expired one is deleted all the same). One statement where there were two: on
/// PostgreSQL each is a round trip, and a member not seen for a while costs them all.
struct SessionQuery {
  std::string hash;
  long long programme = 0;
  SessionRow session;
  AccountRow account;
  std::string role;
  soci::indicator role_ind = soci::i_null;
  soci::statement st;
  SessionQuery(soci::session& sql, db::Dialect)
      : st((sql.prepare << "SELECT s.account_id, s.csrf_token, s.created_at, s.last_seen_at, "
                           "a.email, a.display_name, a.language, r.role "
                           "FROM sessions s JOIN accounts a ON a.id = s.account_id "
                           "LEFT JOIN account_roles r ON r.programme_id = s.programme_id "
                           "AND r.account_id = s.account_id "
                           "WHERE s.id_hash = :h AND s.programme_id = :p",
            soci::use(hash), soci::use(programme), soci::into(session.account_id),
            soci::into(session.csrf_token), soci::into(session.created_at),
            soci::into(session.last_seen_at), soci::into(account.email),
            soci::into(account.display_name), soci::into(account.language),
            soci::into(role, role_ind))) {}
};

/// Prepared once per connection: a valid token, its account and the account's roles here (one
/// row per role, as SessionQuery).
struct TokenQuery {
  std::string hash;
  long long programme = 0;
  AccountRow account;
  long long last_used = 0;
  soci::indicator last_used_ind = soci::i_null;
  std::string role;
  soci::indicator role_ind = soci::i_null;
  soci::statement st;
  TokenQuery(soci::session& sql, db::Dialect)
      : st((sql.prepare << "SELECT a.id, a.email, a.display_name, a.language, t.last_used_at, "
                           "r.role FROM api_tokens t "
                           "JOIN accounts a ON a.id = t.account_id "
                           "LEFT JOIN account_roles r ON r.programme_id = t.programme_id "
                           "AND r.account_id = t.account_id "
                           "WHERE t.token_hash = :h AND t.programme_id = :p "
                           "AND t.revoked_at IS NULL",
            soci::use(hash), soci::use(programme), soci::into(account.id),
            soci::into(account.email), soci::into(account.display_name),
            soci::into(account.language), soci::into(last_used, last_used_ind),
            soci::into(role, role_ind))) {}
};

/// Prepared once per connection: the roles of an account in a programme.
struct RolesQuery {
  long long programme = 0;
  long long account = 0;
  std::string role;
  soci::statement st;
  RolesQuery(soci::session& sql, db::Dialect)
      : st((sql.prepare
                << "SELECT role FROM account_roles WHERE programme_id = :p AND account_id = :a",
            soci::use(programme), soci::use(account), soci::into(role))) {}
};

/// Collects the role of the fetched row and of every row after it. The kept statement runs to its
/// end: a SQLite statement left on a row keeps its read snapshot open, and a connection holding an
/// old snapshot cannot take the write lock (BEGIN IMMEDIATE fails with "database is locked" at
/// once, without waiting).
void CollectRoles(soci::statement& st, const std::string& role, const soci::indicator& ind,
                  std::set<std::string>& roles) {
  do {
    if (ind == soci::i_ok) roles.insert(role);
  } while (st.fetch());
}

}  // namespace

std::optional<SessionWithAccount> Store::FindSessionWithAccount(const std::string& id_hash) {
  auto& q = lease_.Prepared<SessionQuery>("auth.session");
  q.hash = id_hash;
  q.programme = programme_.value;
  q.st.execute();
  if (!q.st.fetch()) return std::nullopt;
  q.account.id = q.session.account_id;
  SessionWithAccount out{q.session, q.account, {}};
  CollectRoles(q.st, q.role, q.role_ind, out.roles);
  return out;
}

std::optional<TokenWithAccount> Store::FindTokenWithAccount(const std::string& hash) {
  auto& q = lease_.Prepared<TokenQuery>("auth.token");
  q.hash = hash;
  q.programme = programme_.value;
  q.st.execute();
  if (!q.st.fetch()) return std::nullopt;
  TokenWithAccount out{q.account, q.last_used_ind == soci::i_ok ? q.last_used : 0LL, {}};
  CollectRoles(q.st, q.role, q.role_ind, out.roles);
  return out;
}

std::optional<AccountRow> Store::FindAccountByEmail(const std::string& email_key) {
  AccountRow row;
  auto st =
      db::RunOnce(lease_.sql(),
                  std::string("SELECT ") + kAccountColumns +
                      " FROM accounts a WHERE a.email_key = :e AND EXISTS (SELECT 1 "
                      "FROM account_roles r WHERE r.account_id = a.id AND "
                      "r.programme_id = :p)",
                  soci::use(email_key), soci::use(programme_.value), soci::into(row.id),
                  soci::into(row.email), soci::into(row.display_name), soci::into(row.language),
                  soci::into(row.password_hash), soci::into(row.created_at));
  if (!st.fetch()) return std::nullopt;
  return row;
}

std::optional<AccountRow> Store::FindAccount(long long account_id) {
  AccountRow row;
  auto st =
      db::RunOnce(lease_.sql(),
                  std::string("SELECT ") + kAccountColumns +
                      " FROM accounts a WHERE a.id = :id AND EXISTS (SELECT 1 "
                      "FROM account_roles r WHERE r.account_id = a.id AND "
                      "r.programme_id = :p)",
                  soci::use(account_id), soci::use(programme_.value), soci::into(row.id),
                  soci::into(row.email), soci::into(row.display_name), soci::into(row.language),
                  soci::into(row.password_hash), soci::into(row.created_at));
  if (!st.fetch()) return std::nullopt;
  return row;
}

std::optional<long long> Store::FindAnyAccountId(const std::string& email_key) {
  long long id = 0;
  auto st = db::RunOnce(lease_.sql(), "SELECT id FROM accounts WHERE email_key = :k",
                        soci::use(email_key), soci::into(id));
  if (!st.fetch()) return std::nullopt;
  return id;
}

std::set<std::string> Store::RolesOf(long long account_id) {
  std::set<std::string> roles;
  auto& q = lease_.Prepared<RolesQuery>("auth.roles");
  q.programme = programme_.value;
  q.account = account_id;
  q.st.execute();
  while (q.st.fetch()) roles.insert(q.role);
  return roles;
}

long long Store::CreateAccount(const std::string& email, const std::string& email_key,
                               const std::string& display_name, const std::string& language,
                               const std::string& password_hash) {
  long long id = 0;
  const long long now = core::Now();
  auto st =
      db::ExecOnce(lease_.sql(),
                   "INSERT INTO accounts (email, email_key, display_name, language, "
                   "password_hash, created_at) VALUES (:e, :k, :d, :l, :h, :t) "
                   "RETURNING id",
                   soci::use(email), soci::use(email_key), soci::use(display_name),
                   soci::use(language), soci::use(password_hash), soci::use(now), soci::into(id));
  return id;
}

void Store::GrantRole(long long account_id, const std::string& role) {
  const long long now = core::Now();
  // Granting a role twice is harmless: the primary key makes the second a no-op.
  db::ExecOnce(lease_.sql(),
               "INSERT INTO account_roles (programme_id, account_id, role, "
               "granted_at) VALUES (:p, :a, :r, :t) ON CONFLICT DO NOTHING",
               soci::use(programme_.value), soci::use(account_id), soci::use(role), soci::use(now));
}

void Store::SetPassword(long long account_id, const std::string& hash) {
  db::ExecOnce(lease_.sql(), "UPDATE accounts SET password_hash = :h WHERE id = :a",
               soci::use(hash), soci::use(account_id));
}

void Store::SetProfile(long long account_id, const std::string& display_name,
                       const std::string& language) {
  db::ExecOnce(lease_.sql(), "UPDATE accounts SET display_name = :d, language = :l WHERE id = :a",
               soci::use(display_name), soci::use(language), soci::use(account_id));
}

std::vector<Person> Store::People() {
  std::vector<Person> out;
  AccountRow row;
  std::string role;
  auto st =
      db::RunOnce(lease_.sql(),
                  std::string("SELECT ") + kAccountColumns +
                      ", r.role FROM accounts a JOIN account_roles r ON r.account_id = a.id "
                      "WHERE r.programme_id = :p ORDER BY a.display_name, a.id, r.role",
                  soci::use(programme_.value), soci::into(row.id), soci::into(row.email),
                  soci::into(row.display_name), soci::into(row.language),
                  soci::into(row.password_hash), soci::into(row.created_at), soci::into(role));
  while (st.fetch()) {
    if (out.empty() || out.back().account.id != row.id) {
      out.push_back(Person{row, {}, !row.password_hash.empty()});
      out.back().account.password_hash.clear();
    }
    out.back().roles.push_back(role);
  }
  return out;
}

void Store::DeleteAccount(long long account_id) {
  db::ExecOnce(lease_.sql(), "DELETE FROM accounts WHERE id = :a", soci::use(account_id));
}

void Store::CreateSession(const std::string& id_hash, long long account_id, const std::string& csrf,
                          core::UnixSeconds now) {
  db::ExecOnce(lease_.sql(),
               "INSERT INTO sessions (id_hash, programme_id, account_id, csrf_token, "
               "created_at, last_seen_at) VALUES (:h, :p, :a, :c, :t, :t2)",
               soci::use(id_hash), soci::use(programme_.value), soci::use(account_id),
               soci::use(csrf), soci::use(now), soci::use(now));
}

std::optional<SessionRow> Store::FindSession(const std::string& id_hash) {
  SessionRow row;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT account_id, csrf_token, created_at, last_seen_at FROM sessions "
                        "WHERE id_hash = :h AND programme_id = :p",
                        soci::use(id_hash), soci::use(programme_.value), soci::into(row.account_id),
                        soci::into(row.csrf_token), soci::into(row.created_at),
                        soci::into(row.last_seen_at));
  if (!st.fetch()) return std::nullopt;
  return row;
}

void Store::TouchSession(const std::string& id_hash, core::UnixSeconds now) {
  db::ExecOnce(lease_.sql(),
               "UPDATE sessions SET last_seen_at = :t WHERE id_hash = :h AND "
               "programme_id = :p",
               soci::use(now), soci::use(id_hash), soci::use(programme_.value));
}

void Store::DeleteSession(const std::string& id_hash) {
  auto st =
      db::ExecOnce(lease_.sql(), "DELETE FROM sessions WHERE id_hash = :h AND programme_id = :p",
                   soci::use(id_hash), soci::use(programme_.value));
}

void Store::RevokeCredentialsOf(long long account_id, const std::string& keep_session_hash) {
  auto sessions =
      db::ExecOnce(lease_.sql(), "DELETE FROM sessions WHERE account_id = :a AND id_hash <> :k",
                   soci::use(account_id), soci::use(keep_session_hash));
  const long long now = core::Now();
  auto tokens = db::ExecOnce(lease_.sql(),
                             "UPDATE api_tokens SET revoked_at = :t WHERE account_id = :a AND "
                             "revoked_at IS NULL",
                             soci::use(now), soci::use(account_id));
}

void Store::DeleteSessionsOf(long long account_id) {
  auto st =
      db::ExecOnce(lease_.sql(), "DELETE FROM sessions WHERE account_id = :a AND programme_id = :p",
                   soci::use(account_id), soci::use(programme_.value));
}

long long Store::CreateToken(long long account_id, const std::string& name,
                             const std::string& hash) {
  long long id = 0;
  const long long now = core::Now();
  auto st = db::ExecOnce(lease_.sql(),
                         "INSERT INTO api_tokens (programme_id, account_id, name, token_hash, "
                         "created_at) VALUES (:p, :a, :n, :h, :t) RETURNING id",
                         soci::use(programme_.value), soci::use(account_id), soci::use(name),
                         soci::use(hash), soci::use(now), soci::into(id));
  return id;
}

std::optional<std::pair<long long, core::UnixSeconds>> Store::FindToken(const std::string& hash) {
  long long account_id = 0;
  long long last_used = 0;
  soci::indicator ind = soci::i_null;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT account_id, last_used_at FROM api_tokens WHERE token_hash = :h "
                        "AND programme_id = :p AND revoked_at IS NULL",
                        soci::use(hash), soci::use(programme_.value), soci::into(account_id),
                        soci::into(last_used, ind));
  if (!st.fetch()) return std::nullopt;
  return std::make_pair(account_id, ind == soci::i_ok ? last_used : 0LL);
}

void Store::TouchToken(const std::string& hash, core::UnixSeconds now) {
  db::ExecOnce(lease_.sql(),
               "UPDATE api_tokens SET last_used_at = :t WHERE token_hash = :h AND "
               "programme_id = :p",
               soci::use(now), soci::use(hash), soci::use(programme_.value));
}

std::vector<TokenRow> Store::Tokens(long long account_id) {
  // Kept per connection: the account page lists them on every visit.
  return db::FetchKept<TokenBuffer>(lease_,
                                    "SELECT id, name, created_at, last_used_at FROM api_tokens "
                                    "WHERE programme_id = :p AND account_id = :a AND revoked_at "
                                    "IS NULL ORDER BY id",
                                    programme_.value, account_id);
}

bool Store::RevokeToken(long long account_id, long long token_id) {
  const long long now = core::Now();
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE api_tokens SET revoked_at = :t WHERE id = :i AND "
                         "account_id = :a AND programme_id = :p AND revoked_at IS NULL",
                         soci::use(now), soci::use(token_id), soci::use(account_id),
                         soci::use(programme_.value));
  return st.get_affected_rows() > 0;
}

}  // namespace sohosolo::auth
