#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/kept_values.hpp"
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

/// A programme and a secret's hash ("session ..." or "token ...").
using IdentityKey = std::pair<long long, std::string>;

struct NewToken {
  long long id = 0;
  std::string token;  ///< Shown once; stored hashed.
};

/// What an invitation produced: the link's token (also queued in the outbox), or nothing when the
/// person already has a password and was only told of their new role.
struct IssuedLink {
  std::string token;
};

/// Business rules of accounts, sessions, tokens, invitations and resets. No HTTP, no SQL.
class Service {
 public:
  Service(db::Pool& pool, Policy policy) : pool_(pool), policy_(policy) {}
  const Policy& policy() const { return policy_; }
  /// Called after an account's display name changed (other modules keep copies of it, e.g. the
  /// directory's search): set once, by the composition.
  void OnRename(std::function<void(long long account_id, const std::string& name)> hook) {
    on_rename_ = std::move(hook);
  }

  /// Adds other modules' data of an account to its export (GET /account/export): set once, by
  /// the composition. It runs after auth's own part is read, on a connection of its own.
  using ExportPart =
      std::function<void(core::ProgrammeId, long long account_id, boost::json::object& out)>;
  void OnExport(ExportPart hook) { on_export_ = std::move(hook); }
  /// Runs before an account is deleted, once its password is checked: what other modules must
  /// do while it still exists (the club gives its seats to the line).
  void OnDelete(std::function<void(long long account_id)> hook) { on_delete_ = std::move(hook); }

  /// Checks throttling, then the password. Unknown account and wrong password are the same
  /// kUnauthorized error and take the same time.
  core::Result<AccountRow> Authenticate(core::ProgrammeId p, const std::string& email,
                                        const std::string& password,
                                        const std::string& client_address);
  NewSession OpenSession(core::ProgrammeId p, long long account_id);
  /// The identity of a live session; expired sessions are deleted and yield nothing.
  std::optional<Identity> SessionIdentity(core::ProgrammeId p, const std::string& session_id);
  void CloseSession(core::ProgrammeId p, const std::string& session_id);

  core::Result<NewToken> CreateToken(core::ProgrammeId p, long long account_id,
                                     const std::string& name);
  std::optional<Identity> TokenIdentity(core::ProgrammeId p, const std::string& token);
  /// The account's live tokens, oldest first; kept two seconds like identities (a token made or
  /// used through another server process shows within them).
  std::vector<TokenRow> Tokens(core::ProgrammeId p, long long account_id);
  core::Status RevokeToken(core::ProgrammeId p, long long account_id, long long token_id);

  /// Creates an account with a role, without checks of who asks (the CLI and the demo use it).
  core::Result<long long> CreateAccount(core::ProgrammeId p, const std::string& email,
                                        const std::string& display_name, const std::string& role,
                                        const std::string& password, const std::string& language);
  /// An advisor or admin invites someone: a new account with a one-time link to set its password,
  /// or, for a person who already has a password (from another programme), the new role and a
  /// notice, never a link: a programme's staff never act on credentials that serve another.
  core::Result<IssuedLink> Invite(core::ProgrammeId p, const std::set<std::string>& inviter_roles,
                                  long long inviter_id, const std::string& email,
                                  const std::string& display_name, const std::string& role,
                                  const std::string& base_url, const std::string& language = "fr");
  /// Queues a link if the account exists, doing the same work either way (no account
  /// enumeration); kRateLimited (with retry_after) past the hourly limits per e-mail address and
  /// per client address, whether or not an account has that address.
  core::Status RequestPasswordReset(core::ProgrammeId p, const std::string& email,
                                    const std::string& base_url, const std::string& client_address);
  /// The link's purpose if it is valid (not used, not expired).
  core::Result<LinkRow> CheckLink(core::ProgrammeId p, const std::string& token);
  /// Sets the password through an invitation or reset link; revokes every session and API token of
  /// the account, and clears its failed logins.
  core::Result<long long> UseLink(core::ProgrammeId p, const std::string& token,
                                  const std::string& password);

  /// Changes the password; every session but `keep_session_hash` (the one asking) and every API
  /// token of the account are revoked.
  core::Status ChangePassword(core::ProgrammeId p, long long account_id, const std::string& current,
                              const std::string& next, const std::string& keep_session_hash);
  core::Status UpdateProfile(core::ProgrammeId p, long long account_id,
                             const std::string& display_name, const std::string& language);
  std::vector<Person> People(core::ProgrammeId p);
  /// Everything stored about the account, for "export my data".
  std::string ExportJson(core::ProgrammeId p, long long account_id);
  core::Status DeleteAccount(core::ProgrammeId p, long long account_id,
                             const std::string& password);

 private:
  /// Clears the kept identities when it goes, after the change it guards was made.
  /// Clears the kept tokens lists too: every change that touches identities may touch tokens.
  struct IdentitiesChange {
    explicit IdentitiesChange(Service& service) : service(service) {}
    ~IdentitiesChange() {
      service.identities_.Invalidate();
      service.tokens_.Invalidate();
    }
    Service& service;
  };

  db::Pool& pool_;
  Policy policy_;
  /// Identities behind session and token secrets (identity.cpp), two seconds at most.
  core::KeptValues<IdentityKey, Identity> identities_{std::chrono::seconds(2), 100000};
  /// The tokens lists of accounts (programme, account), shown by the account page on every
  /// visit: kept like identities, two seconds at most.
  core::KeptValues<std::pair<long long, long long>, std::vector<TokenRow>> tokens_{
      std::chrono::seconds(2), 100000};
  ExportPart on_export_;
  std::function<void(long long account_id)> on_delete_;
  std::function<void(long long, const std::string&)> on_rename_;
};

/// Checks a new password: 10 to 1024 characters.
std::vector<core::FieldError> CheckPassword(const std::string& field, const std::string& password);

/// The key under which an e-mail address is unique (trimmed, lower case).
std::string EmailKey(const std::string& email);

/// Seconds left to wait before the next attempt, after `failures`: none below `free` of them,
/// then `first` after the latest, doubling with each further failure, up to `cap`.
long long WaitAfter(const Attempts& failures, int free, long long first, long long cap,
                    core::UnixSeconds now);

}  // namespace sohosolo::auth
