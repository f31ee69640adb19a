// Who is asking: the identity behind a session cookie or an API token, read on every request.
// Identities are kept two seconds per programme and secret (core::KeptValues): a page and the
// API answer without reading the session, the account and its roles again. Every change to
// accounts, roles, sessions or tokens made by this process clears them (IdentitiesChange in
// service.cpp); one made by another server process shows within those two seconds. The account
// page's tokens lists are kept the same way (Service::Tokens).
#include "auth/service.hpp"
#include "auth/store.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"

namespace sohosolo::auth {

std::optional<Identity> Service::SessionIdentity(core::ProgrammeId p,
                                                 const std::string& session_id) {
  const auto hash = core::HashToken(session_id);
  const IdentityKey key{p.value, "session " + hash};
  if (auto kept = identities_.Find(key)) return kept;
  const auto generation = identities_.Generation();
  auto lease = pool_.Acquire();
  Store store(lease, p);
  auto found = store.FindSessionWithAccount(hash);
  if (!found) return std::nullopt;
  auto& [session, account, roles] = *found;
  const auto now = core::Now();
  if (now - session.last_seen_at > policy_.session_idle_seconds ||
      now - session.created_at > policy_.session_absolute_seconds) {
    store.DeleteSession(hash);
    return std::nullopt;
  }
  // An account without a role here (removed from the programme) has no business here.
  if (roles.empty()) return std::nullopt;
  // Refresh the idle clock at most once a minute: a write per request would cost too much.
  if (now - session.last_seen_at >= 60) store.TouchSession(hash, now);
  Identity identity{account, std::move(roles), session.csrf_token};
  identities_.Keep(key, identity, generation);
  return identity;
}

void Service::CloseSession(core::ProgrammeId p, const std::string& session_id) {
  const IdentitiesChange change(*this);
  auto lease = pool_.Acquire();
  Store(lease, p).DeleteSession(core::HashToken(session_id));
}

std::optional<Identity> Service::TokenIdentity(core::ProgrammeId p, const std::string& token) {
  const auto hash = core::HashToken(token);
  const IdentityKey key{p.value, "token " + hash};
  if (auto kept = identities_.Find(key)) return kept;
  const auto generation = identities_.Generation();
  auto lease = pool_.Acquire();
  Store store(lease, p);
  auto found = store.FindTokenWithAccount(hash);
  if (!found) return std::nullopt;
  if (found->roles.empty()) return std::nullopt;
  const auto now = core::Now();
  if (now - found->last_used >= 300) {
    store.TouchToken(hash, now);
    tokens_.Invalidate();  // the tokens list shows when each was last used
  }
  Identity identity{found->account, std::move(found->roles), ""};
  identities_.Keep(key, identity, generation);
  return identity;
}

}  // namespace sohosolo::auth
