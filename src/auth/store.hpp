#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::auth {

/// A session as every request reads it: the session, its account, the account's roles here (none
/// when it was removed from the programme).
struct SessionWithAccount {
  SessionRow session;
  AccountRow account;
  std::set<std::string> roles;
};

/// An API token as every request reads it: its account, when it was last used (0: never), the
/// account's roles here.
struct TokenWithAccount {
  AccountRow account;
  core::UnixSeconds last_used = 0;
  std::set<std::string> roles;
};

/// SQL of the auth module. Accounts are instance-wide; everything else is scoped to the programme
/// given at construction, and an account is only "found" here if it holds a role in it.
class Store {
 public:
  Store(db::Lease& lease, core::ProgrammeId programme) : lease_(lease), programme_(programme) {}

  // Accounts and roles.
  std::optional<AccountRow> FindAccountByEmail(const std::string& email_key);
  std::optional<AccountRow> FindAccount(long long account_id);
  /// The id of an account with this e-mail key in any programme (for invitations across
  /// programmes).
  std::optional<long long> FindAnyAccountId(const std::string& email_key);
  std::set<std::string> RolesOf(long long account_id);
  long long CreateAccount(const std::string& email, const std::string& email_key,
                          const std::string& display_name, const std::string& language,
                          const std::string& password_hash);
  void GrantRole(long long account_id, const std::string& role);
  void SetPassword(long long account_id, const std::string& hash);
  void SetProfile(long long account_id, const std::string& display_name,
                  const std::string& language);
  std::vector<Person> People();
  /// Deletes the account everywhere (its sessions, tokens and roles go with it).
  void DeleteAccount(long long account_id);

  /// The session with its account and the account's roles here, in one prepared query (the hot
  /// path of every page).
  std::optional<SessionWithAccount> FindSessionWithAccount(const std::string& id_hash);
  /// A valid token's account, its last use and the account's roles, in one prepared query.
  std::optional<TokenWithAccount> FindTokenWithAccount(const std::string& hash);

  // Sessions.
  void CreateSession(const std::string& id_hash, long long account_id, const std::string& csrf,
                     core::UnixSeconds now);
  std::optional<SessionRow> FindSession(const std::string& id_hash);
  void TouchSession(const std::string& id_hash, core::UnixSeconds now);
  void DeleteSession(const std::string& id_hash);
  void DeleteSessionsOf(long long account_id);
  /// After a change of password: every session of the account but `keep_session_hash` (empty: all)
  /// and every API token, in every programme (the password serves them all).
  void RevokeCredentialsOf(long long account_id, const std::string& keep_session_hash);

  // API tokens.
  long long CreateToken(long long account_id, const std::string& name, const std::string& hash);
  /// The account of a valid (not revoked) token, and when it was last used.
  std::optional<std::pair<long long, core::UnixSeconds>> FindToken(const std::string& hash);
  void TouchToken(const std::string& hash, core::UnixSeconds now);
  std::vector<TokenRow> Tokens(long long account_id);
  bool RevokeToken(long long account_id, long long token_id);

  // Login throttling.
  void RecordFailure(const std::string& scope, const std::string& subject, core::UnixSeconds now);
  /// Failures since `since`: how many, the oldest and the latest.
  Attempts Failures(const std::string& scope, const std::string& subject, core::UnixSeconds since);
  void ClearFailures(const std::string& scope, const std::string& subject);

  // Password-reset throttling (scope "address" or "email"); rows older than `prune_before` go.
  void RecordResetRequest(const std::string& scope, const std::string& subject,
                          core::UnixSeconds now, core::UnixSeconds prune_before);
  Attempts ResetRequests(const std::string& scope, const std::string& subject,
                         core::UnixSeconds since);

  // One-time links.
  void CreateLink(long long account_id, const std::string& purpose, const std::string& hash,
                  std::optional<long long> created_by, core::UnixSeconds expires_at);
  std::optional<LinkRow> FindLink(const std::string& hash);
  /// Marks the link used; false if it was already used (two tabs racing).
  bool UseLink(long long link_id, core::UnixSeconds now);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::auth
