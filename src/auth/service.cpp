#include "auth/service.hpp"

#include <boost/json.hpp>

#include "auth/password.hpp"
#include "auth/store.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "outbox/service.hpp"

namespace sohosolo::auth {

namespace {

using core::Error;
using core::ErrorCode;

constexpr const char* kScopeAccount = "account";
constexpr const char* kScopeAddress = "address";
constexpr const char* kScopeEmail = "email";

/// Both languages, the reader's first ("fr" for a new account, whose choice is not known yet).
std::string Mail(const std::string& key, const std::string& link, const std::string& lang = "fr") {
  const auto& catalogue = core::Catalogue::Get();
  const std::string first = lang == "en" ? "en" : "fr";
  const std::string second = first == "en" ? "fr" : "en";
  return catalogue.Translate(first, key) + "\n\n" + link + "\n\n---\n\n" +
         catalogue.Translate(second, key) + "\n\n" + link + "\n";
}

std::vector<core::FieldError> CheckProfile(const std::string& display_name,
                                           const std::string& language) {
  std::vector<core::FieldError> errors;
  const auto trimmed = core::Trim(display_name);
  if (trimmed.empty()) errors.push_back({"display_name", "error.field.required"});
  if (core::Utf8Length(display_name) > 200)
    errors.push_back({"display_name", "error.field.too_long"});
  if (core::SupportedLanguage(language) != language)
    errors.push_back({"language", "error.field.language"});
  return errors;
}

}  // namespace

long long WaitAfter(const Attempts& failures, int free, long long first, long long cap,
                    core::UnixSeconds now) {
  if (failures.count < free) return 0;
  const int doublings = std::min(failures.count - free, 20);
  const long long delay = std::min(cap, first << doublings);
  return std::max(0LL, failures.latest + delay - now);
}

std::string EmailKey(const std::string& email) { return core::AsciiLower(core::Trim(email)); }

std::vector<core::FieldError> CheckPassword(const std::string& field, const std::string& password) {
  if (core::Utf8Length(password) < 10) return {{field, "error.password.too_short"}};
  if (password.size() > 1024) return {{field, "error.field.too_long"}};
  return {};
}

core::Result<AccountRow> Service::Authenticate(core::ProgrammeId p, const std::string& email,
                                               const std::string& password,
                                               const std::string& client_address) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto now = core::Now();
  const auto since = now - policy_.failure_window_seconds;
  const auto key = EmailKey(email);
  // Throttle before the password is even looked at, per account and per client address.
  const auto wait = std::max(
      WaitAfter(store.Failures(kScopeAccount, key, since), policy_.free_failures_per_account,
                policy_.first_account_delay_seconds, policy_.max_account_delay_seconds, now),
      WaitAfter(store.Failures(kScopeAddress, client_address, since),
                policy_.free_failures_per_address, policy_.first_address_delay_seconds,
                policy_.max_address_delay_seconds, now));
  if (wait > 0) {
    Error error = Error::Of(ErrorCode::kRateLimited, "error.login.throttled");
    error.retry_after = static_cast<int>(wait);
    return error;
  }
  const auto account = store.FindAccountByEmail(key);
  // VerifyPassword costs one Argon2id computation even for an unknown account.
  const bool ok = VerifyPassword(password, account ? account->password_hash : std::string());
  if (!ok) {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.RecordFailure(kScopeAccount, key, now);
    store.RecordFailure(kScopeAddress, client_address, now);
    tx.Commit();
    return Error::Of(ErrorCode::kUnauthorized, "error.login.failed");
  }
  store.ClearFailures(kScopeAccount, key);
  return *account;
}

NewSession Service::OpenSession(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  NewSession session{core::RandomToken(32), core::RandomToken(24)};
  store.CreateSession(core::HashToken(session.id), account_id, session.csrf, core::Now());
  return session;
}

core::Result<NewToken> Service::CreateToken(core::ProgrammeId p, long long account_id,
                                            const std::string& name) {
  const auto trimmed = std::string(core::Trim(name));
  if (core::Utf8Length(trimmed) > 100) return core::Invalid({{"name", "error.field.too_long"}});
  const IdentitiesChange change(*this);  // the account's tokens list
  auto lease = pool_.Acquire();
  NewToken out{0, "sst_" + core::RandomToken(32)};
  out.id = Store(lease, p).CreateToken(account_id, trimmed.empty() ? "API" : trimmed,
                                       core::HashToken(out.token));
  return out;
}

std::vector<TokenRow> Service::Tokens(core::ProgrammeId p, long long account_id) {
  const std::pair key{p.value, account_id};
  if (auto kept = tokens_.Find(key)) return std::move(*kept);
  const auto generation = tokens_.Generation();
  auto lease = pool_.Acquire();
  auto tokens = Store(lease, p).Tokens(account_id);
  tokens_.Keep(key, tokens, generation);
  return tokens;
}

core::Status Service::RevokeToken(core::ProgrammeId p, long long account_id, long long token_id) {
  const IdentitiesChange change(*this);
  auto lease = pool_.Acquire();
  if (!Store(lease, p).RevokeToken(account_id, token_id)) return core::NotFound();
  return core::Ok();
}

core::Result<long long> Service::CreateAccount(core::ProgrammeId p, const std::string& email,
                                               const std::string& display_name,
                                               const std::string& role, const std::string& password,
                                               const std::string& language) {
  const IdentitiesChange change(*this);
  std::vector<core::FieldError> errors;
  if (!core::LooksLikeEmail(core::Trim(email))) errors.push_back({"email", "error.field.email"});
  if (!password.empty()) {
    for (auto& e : CheckPassword("password", password)) errors.push_back(e);
  }
  for (auto& e : CheckProfile(display_name, language)) errors.push_back(e);
  if (!IsKnownRole(role)) errors.push_back({"role", "error.field.role"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  const auto hash = password.empty() ? std::string() : HashPassword(password);
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  const auto key = EmailKey(email);
  long long id = 0;
  if (const auto existing = store.FindAnyAccountId(key)) {
    // The person has an account in another programme: give them a role here too.
    if (!store.RolesOf(*existing).empty())
      return Error::Of(ErrorCode::kConflict, "error.account.exists");
    id = *existing;
  } else {
    id = store.CreateAccount(std::string(core::Trim(email)), key,
                             std::string(core::Trim(display_name)), language, hash);
  }
  store.GrantRole(id, role);
  tx.Commit();
  return id;
}

core::Result<IssuedLink> Service::Invite(core::ProgrammeId p,
                                         const std::set<std::string>& inviter_roles,
                                         long long inviter_id, const std::string& email,
                                         const std::string& display_name, const std::string& role,
                                         const std::string& base_url, const std::string& language) {
  const IdentitiesChange change(*this);
  // Advisors invite members and site hosts; only admins may create advisors and admins.
  const bool admin = inviter_roles.contains("admin");
  if ((role == "advisor" || role == "admin") && !admin) {
    return Error{ErrorCode::kForbidden,
                 "error.invite.role_forbidden",
                 {{"role", "error.invite.role_forbidden"}},
                 {}};
  }
  // The invitation, and the new account's later mail, in the language the inviter chose.
  if (core::SupportedLanguage(language) != language)
    return core::Invalid({{"language", "error.field.language"}});
  auto created = CreateAccount(p, email, display_name, role, "", language);
  if (!created) return created.error();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  const auto account = store.FindAccount(*created);
  const auto& catalogue = core::Catalogue::Get();
  // Someone who already has a password (from another programme) keeps it: they are told of their
  // new role and log in as usual. A set-password link would let this programme's staff, or
  // whoever reads the mail, act on the credentials that serve the other programme.
  if (account && !account->password_hash.empty()) {
    outbox::Queue(
        lease, p,
        {account->email, catalogue.Translate(account->language, "mail.role_granted.subject"),
         Mail("mail.role_granted.body", base_url + "/login", account->language), "role_granted"});
    tx.Commit();
    return IssuedLink{};
  }
  IssuedLink link{core::RandomToken(32)};
  store.CreateLink(*created, "invitation", core::HashToken(link.token), inviter_id,
                   core::Now() + policy_.invitation_seconds);
  outbox::Queue(
      lease, p,
      {std::string(core::Trim(email)), catalogue.Translate(language, "mail.invitation.subject"),
       Mail("mail.invitation.body", base_url + "/welcome/" + link.token, language), "invitation"});
  tx.Commit();
  return link;
}

core::Status Service::RequestPasswordReset(core::ProgrammeId p, const std::string& email,
                                           const std::string& base_url,
                                           const std::string& client_address) {
  const auto key = EmailKey(email);
  const auto now = core::Now();
  const auto hour_ago = now - 3600;
  // The same work whether the address has an account or not: the throttle rows, a token and its
  // hash, one write transaction. Only the link and the mail are extra, inside that transaction.
  const auto token = core::RandomToken(32);
  const auto hash = core::HashToken(token);
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  const auto by_email = store.ResetRequests(kScopeEmail, key, hour_ago);
  const auto by_address = store.ResetRequests(kScopeAddress, client_address, hour_ago);
  const bool email_full = by_email.count >= policy_.resets_per_email_per_hour;
  if (email_full || by_address.count >= policy_.resets_per_address_per_hour) {
    Error error = Error::Of(ErrorCode::kRateLimited, "error.reset.throttled");
    error.retry_after = static_cast<int>(
        std::max<long long>(1, (email_full ? by_email : by_address).oldest + 3600 - now));
    return error;
  }
  store.RecordResetRequest(kScopeEmail, key, now, now - 86400);
  store.RecordResetRequest(kScopeAddress, client_address, now, now - 86400);
  if (const auto account = store.FindAccountByEmail(key)) {
    store.CreateLink(account->id, "password_reset", hash, std::nullopt,
                     now + policy_.reset_seconds);
    outbox::Queue(
        lease, p,
        {account->email, core::Catalogue::Get().Translate(account->language, "mail.reset.subject"),
         Mail("mail.reset.body", base_url + "/reset/" + token, account->language),
         "password_reset"});
  }
  tx.Commit();
  return core::Ok();
}

core::Result<LinkRow> Service::CheckLink(core::ProgrammeId p, const std::string& token) {
  auto lease = pool_.Acquire();
  const auto link = Store(lease, p).FindLink(core::HashToken(token));
  if (!link || link->used) return Error::Of(ErrorCode::kNotFound, "error.link.invalid");
  if (link->expires_at < core::Now()) return Error::Of(ErrorCode::kNotFound, "error.link.expired");
  return *link;
}

core::Result<long long> Service::UseLink(core::ProgrammeId p, const std::string& token,
                                         const std::string& password) {
  const IdentitiesChange change(*this);
  if (auto errors = CheckPassword("password", password); !errors.empty())
    return core::Invalid(std::move(errors));
  auto link = CheckLink(p, token);
  if (!link) return link.error();
  const auto hash = HashPassword(password);
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  if (!store.UseLink(link->id, core::Now()))
    return Error::Of(ErrorCode::kNotFound, "error.link.invalid");
  store.SetPassword(link->account_id, hash);
  // Whoever held a session or a token of this account (in any programme) holds it no longer,
  // and the owner, who proved they read the mail, is not slowed by earlier failed logins.
  store.RevokeCredentialsOf(link->account_id, "");
  if (const auto account = store.FindAccount(link->account_id)) {
    store.ClearFailures(kScopeAccount, EmailKey(account->email));
  }
  tx.Commit();
  return link->account_id;
}

core::Status Service::ChangePassword(core::ProgrammeId p, long long account_id,
                                     const std::string& current, const std::string& next,
                                     const std::string& keep_session_hash) {
  const IdentitiesChange change(*this);
  auto errors = CheckPassword("new_password", next);
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto account = store.FindAccount(account_id);
  if (!account) return core::NotFound();
  if (!VerifyPassword(current, account->password_hash))
    errors.push_back({"current_password", "error.password.wrong"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  const auto hash = HashPassword(next);
  db::Transaction tx(lease, db::TxMode::kWrite);
  store.SetPassword(account_id, hash);
  // Every other session and every API token of the account goes: a stolen one is worthless now.
  store.RevokeCredentialsOf(account_id, keep_session_hash);
  tx.Commit();
  return core::Ok();
}

core::Status Service::UpdateProfile(core::ProgrammeId p, long long account_id,
                                    const std::string& display_name, const std::string& language) {
  const IdentitiesChange change(*this);
  if (auto errors = CheckProfile(display_name, language); !errors.empty())
    return core::Invalid(std::move(errors));
  const std::string name(core::Trim(display_name));
  {
    auto lease = pool_.Acquire();
    Store(lease, p).SetProfile(account_id, name, language);
  }
  if (on_rename_) on_rename_(account_id, name);
  return core::Ok();
}

std::vector<Person> Service::People(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  return Store(lease, p).People();
}

std::string Service::ExportJson(core::ProgrammeId p, long long account_id) {
  std::optional<AccountRow> account;
  boost::json::array roles;
  boost::json::array tokens;
  {
    auto lease = pool_.Acquire();  // given back before the other modules' parts take theirs
    Store store(lease, p);
    account = store.FindAccount(account_id);
    if (!account) return "{}";
    for (const auto& r : store.RolesOf(account_id)) roles.emplace_back(r);
    for (const auto& t : store.Tokens(account_id)) {
      tokens.push_back(
          {{"id", t.id}, {"name", t.name}, {"created_at", core::FormatRfc3339Utc(t.created_at)}});
    }
  }
  boost::json::object out{
      {"account",
       {{"id", account->id},
        {"email", account->email},
        {"display_name", account->display_name},
        {"language", account->language},
        {"created_at", core::FormatRfc3339Utc(account->created_at)}}},
      {"roles", roles},
      {"api_tokens", tokens},
      {"exported_at", core::FormatRfc3339Utc(core::Now())},
  };
  if (on_export_) on_export_(p, account_id, out);
  return boost::json::serialize(out);
}

core::Status Service::DeleteAccount(core::ProgrammeId p, long long account_id,
                                    const std::string& password) {
  const IdentitiesChange change(*this);
  {
    auto lease = pool_.Acquire();  // given back before the hook, which takes its own
    const auto account = Store(lease, p).FindAccount(account_id);
    if (!account) return core::NotFound();
    if (!VerifyPassword(password, account->password_hash)) {
      return core::Invalid({{"password", "error.password.wrong"}});
    }
  }
  if (on_delete_) on_delete_(account_id);
  auto lease = pool_.Acquire();
  // A write transaction, as every write that reaches bookings (the delete cascades to them and
  // to rental contracts): the commit count it bumps is what tells kept availability answers
  // they are stale.
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store(lease, p).DeleteAccount(account_id);
  tx.Commit();
  return core::Ok();
}

}  // namespace sohosolo::auth
