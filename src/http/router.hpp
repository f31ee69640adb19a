#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace sohosolo::http {

/// Who may call a route. There is no default: every route states it (deny by default).
class Access {
 public:
  static Access Public() { return Access(true, false, {}); }
  /// Any account of the programme with a member's reach (not a newcomer being accompanied).
  static Access AnyAccount() { return Access(false, true, {}); }
  /// Any account at all, a newcomer too: the account's own pages (login, password, export).
  static Access OwnAccount() {
    Access a(false, true, {});
    a.own_account_ = true;
    return a;
  }
  static Access Roles(std::initializer_list<Role> roles) { return Access(false, true, roles); }
  /// The sets of roles routes ask for, named once.
  /// Advisors and admins: the programme's staff.
  static Access Staff() { return Roles({Role::kAdvisor, Role::kAdmin}); }
  /// Whoever may run a site: site hosts (each site's own rule decides which), advisors, admins.
  static Access RunsSites() { return Roles({Role::kSiteHost, Role::kAdvisor, Role::kAdmin}); }
  static Access AdminOnly() { return Roles({Role::kAdmin}); }

  bool is_public() const { return public_; }
  /// The roles allowed; empty with an account needed means any account.
  const std::set<Role>& roles() const { return roles_; }
  /// True for the account's own routes, which a newcomer reaches too (see OwnAccount).
  bool own_account() const { return own_account_; }
  /// kOk, or why not: no account (401 / login redirect) or missing role (403).
  enum class Verdict { kOk, kNeedsLogin, kForbidden };
  Verdict Check(const Context& ctx) const;

 private:
  Access(bool is_public, bool needs_account, std::set<Role> roles)
      : public_(is_public), needs_account_(needs_account), roles_(std::move(roles)) {}
  bool public_;
  bool needs_account_;
  bool own_account_ = false;
  std::set<Role> roles_;
};

/// How a form post is protected: session/cookie CSRF token (HTML forms and cookie-authenticated
/// API calls), or nothing for safe methods.
enum class Csrf { kRequired, kExempt };

/// Where a route's handler runs: on the I/O thread that read the request, or, for work that may
/// take a noticeable share of a second (coverage, WiFi plans, the finder), on the bounded worker
/// pool, so that it never holds up other connections. Heavy routes open to anonymous visitors are
/// also rate-limited per client address.
enum class Work { kInline, kHeavy };

using Handler = std::function<Response(Request&, Context&)>;

struct Route {
  std::string method;
  std::string pattern;  ///< e.g. /api/v1/tokens/{id}
  Access access;
  Handler handler;
  Csrf csrf = Csrf::kRequired;
  std::vector<std::string> segments;
  Work work = Work::kInline;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::string> allowed_methods;  ///< Filled when the path exists under other methods.
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Access access, Handler handler,
           Csrf csrf = Csrf::kRequired);
  /// Marks a route added before as heavy (see Work); throws std::logic_error for a route that
  /// does not exist, so that a renamed route cannot silently lose the mark.
  void Heavy(const std::string& method, const std::string& pattern);
  /// Finds the route for `request` and fills its path parameters.
  RouteMatch Match(Request& request) const;
  /// Every route, in the order they were added (for the access matrix and the route list).
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace sohosolo::http
