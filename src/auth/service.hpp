#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::auth {

/// A freshly opened session: `id` goes in the cookie, only its hash is stored.
struct NewSession {
  std::string id;
  std::string csrf;
};

/// Who a session or token belongs to.
struct Identity {
  AccountRow account;
  std::set<std::string> roles;
  std::string csrf;  ///< For sessions.
};

struct NewToken {
  long long id = 0;
  std::string token;  ///< Shown once; stored hashed.
};

/// What an invitation or reset produced: the link's token (also queued in the outbox).
struct IssuedLink {
  std::string token;
};

/// Business rules of accounts, sessions, tokens, invitations and resets. No HTTP, no SQL.
class Service {
 public:
  Service(db::Pool& pool, Policy policy) : pool_(pool), policy_(policy) {}
  const Policy& policy() const { return policy_; }

  /// Checks throttling, then the password. Unknown account and wrong password are the same
  /// kUnauthorized error and take the same time.
  core::Result<AccountRow> Authenticate(core::ProgrammeId p, const std::string& email, const std::string& password,
                                        const std::string& client_address);
  NewSession OpenSession(core::ProgrammeId p, long long account_id);
  /// The identity of a live session; expired sessions are deleted and yield nothing.
  std::optional<Identity> SessionIdentity(core::ProgrammeId p, const std::string& session_id);
  void CloseSession(core::ProgrammeId p, const std::string& session_id);

  core::Result<NewToken> CreateToken(core::ProgrammeId p, long long account_id, const std::string& name);
  std::optional<Identity> TokenIdentity(core::ProgrammeId p, const std::string& token);
  std::vector<TokenRow> Tokens(core::ProgrammeId p, long long account_id);
  core::Status RevokeToken(core::ProgrammeId p, long long account_id, long long token_id);

  /// Creates an account with a role, without checks of who asks (the CLI and the demo use it).
  core::Result<long long> CreateAccount(core::ProgrammeId p, const std::string& email, const std::string& display_name,
                                        const std::string& role, const std::string& password,
                                        const std::string& language);
  /// An advisor or admin invites someone: account (or new role) + one-time link in the outbox.
  core::Result<IssuedLink> Invite(core::ProgrammeId p, const std::set<std::string>& inviter_roles,
                                  long long inviter_id, const std::string& email, const std::string& display_name,
                                  const std::string& role, const std::string& base_url);
  /// Always succeeds from the caller's view (no account enumeration); queues a link if the account exists.
  void RequestPasswordReset(core::ProgrammeId p, const std::string& email, const std::string& base_url);
  /// The link's purpose if it is valid (not used, not expired).
  core::Result<LinkRow> CheckLink(core::ProgrammeId p, const std::string& token);
  /// Sets the password through an invitation or reset link; closes other sessions.
  core::Result<long long> UseLink(core::ProgrammeId p, const std::string& token, const std::string& password);

  core::Status ChangePassword(core::ProgrammeId p, long long account_id, const std::string& current,
                              const std::string& next);
  core::Status UpdateProfile(core::ProgrammeId p, long long account_id, const std::string& display_name,
                             const std::string& language);
  std::vector<Person> People(core::ProgrammeId p);
  /// Everything stored about the account, for "export my data".
  std::string ExportJson(core::ProgrammeId p, long long account_id);
  core::Status DeleteAccount(core::ProgrammeId p, long long account_id, const std::string& password);

 private:
  db::Pool& pool_;
  Policy policy_;
};

/// Checks a new password: 10 to 1024 characters.
std::vector<core::FieldError> CheckPassword(const std::string& field, const std::string& password);

/// The key under which an e-mail address is unique (trimmed, lower case).
std::string EmailKey(const std::string& email);

}  // namespace sohosolo::auth
