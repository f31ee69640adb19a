#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/ids.hpp"

namespace sohosolo::http {

enum class Role { kMember, kSiteHost, kAdvisor, kAdmin, kCommittee, kNewcomer };

const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct Programme {
  core::ProgrammeId id{0};
  std::string slug;
  std::string name;
  std::string description;
  /// The base of every absolute link made for this programme (mails, calendar feeds), e.g.
  /// "https://soho-solo.gers.cci.fr": its own configured address, else the instance's. Never
  /// taken from a request.
  std::string public_url;
  /// True when public_url is https: cookies are Secure and pages send HSTS.
  bool https() const { return public_url.starts_with("https://"); }
};

struct Account {
  long long id = 0;
  std::string email;
  std::string display_name;
  std::string language;
};

enum class AuthMethod { kNone, kSession, kBearer };

/// Who is asking, in which programme and language: filled by the pipeline before routing.
struct Context {
  Programme programme;
  std::optional<Account> account;
  std::set<Role> roles;
  AuthMethod auth = AuthMethod::kNone;
  std::string session_hash;  ///< Hash of the session id, when auth == kSession.
  std::string csrf_token;    ///< Expected token for form posts (session-bound or cookie-bound).
  std::string lang = "fr";
  /// The request's target, so that pages can link back to themselves (language switch).
  std::string current_target = "/";
  /// Cookies and headers the pipeline must add to the response (new CSRF cookie, ...).
  std::vector<std::pair<std::string, std::string>> extra_headers;

  bool Has(Role role) const { return roles.contains(role); }
  bool HasAny(std::initializer_list<Role> wanted) const;
  /// The programme's staff: advisors and admins (the same set as Access::Staff()).
  bool IsStaff() const { return HasAny({Role::kAdvisor, Role::kAdmin}); }
  /// Those who run sites: site hosts and staff (the same set as Access::RunsSites()).
  bool RunsSites() const { return HasAny({Role::kSiteHost, Role::kAdvisor, Role::kAdmin}); }
};

}  // namespace sohosolo::http
