#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"

namespace sohosolo::http {

namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  for (auto part : core::Split(path, '/')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

bool MatchSegments(const Route& route, const std::vector<std::string>& parts,
                   std::map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = route.segments[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (params) (*params)[seg.substr(1, seg.size() - 2)] = parts[i];
      continue;
    }
    if (seg != parts[i]) return false;
  }
  return true;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kMember:
      return "member";
    case Role::kSiteHost:
      return "site_host";
    case Role::kAdvisor:
      return "advisor";
    case Role::kAdmin:
      return "admin";
    case Role::kCommittee:
      return "committee";
    case Role::kNewcomer:
      return "newcomer";
  }
  return "member";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (auto role : {Role::kMember, Role::kSiteHost, Role::kAdvisor, Role::kAdmin, Role::kCommittee,
                    Role::kNewcomer}) {
    if (name == RoleName(role)) return role;
  }
  return std::nullopt;
}

bool Context::HasAny(std::initializer_list<Role> wanted) const {
  return std::any_of(wanted.begin(), wanted.end(), [this](Role r) { return Has(r); });
}

Access::Verdict Access::Check(const Context& ctx) const {
  if (public_) return Verdict::kOk;
  if (!ctx.account) return Verdict::kNeedsLogin;
  if (roles_.empty()) {
    if (ctx.roles.empty()) return Verdict::kForbidden;
    // A newcomer being accompanied reaches their own account and file, not the programme's
    // member features: "any account" routes other than OwnAccount ones need another role.
    const bool only_newcomer = ctx.roles.size() == 1 && ctx.Has(Role::kNewcomer);
    return only_newcomer && !own_account_ ? Verdict::kForbidden : Verdict::kOk;
  }
  for (auto role : roles_) {
    if (ctx.Has(role)) return Verdict::kOk;
  }
  return Verdict::kForbidden;
}

void Router::Add(std::string method, std::string pattern, Access access, Handler handler,
                 Csrf csrf) {
  Route route{
      std::move(method), std::move(pattern), std::move(access), std::move(handler), csrf, {}};
  route.segments = SplitPath(route.pattern);
  routes_.push_back(std::move(route));
}

void Router::Heavy(const std::string& method, const std::string& pattern) {
  for (auto& route : routes_) {
    if (route.method == method && route.pattern == pattern) {
      route.work = Work::kHeavy;
      return;
    }
  }
  throw std::logic_error("no route " + method + " " + pattern + " to mark heavy");
}

RouteMatch Router::Match(Request& request) const {
  RouteMatch match;
  const auto parts = SplitPath(request.path);
  for (const auto& route : routes_) {
    if (!MatchSegments(route, parts, nullptr)) continue;
    const bool same =
        route.method == request.method || (route.method == "GET" && request.method == "HEAD");
    if (!same) {
      match.allowed_methods.push_back(route.method);
      continue;
    }
    MatchSegments(route, parts, &request.path_params);
    match.route = &route;
    return match;
  }
  if (!match.allowed_methods.empty() &&
      std::find(match.allowed_methods.begin(), match.allowed_methods.end(), "GET") !=
          match.allowed_methods.end()) {
    match.allowed_methods.push_back("HEAD");
  }
  return match;
}

}  // namespace sohosolo::http
