#include "portal/service.hpp"

#include <algorithm>
#include <boost/url.hpp>
#include <set>

#include "core/text.hpp"
#include "portal/store.hpp"

namespace sohosolo::portal {

bool IsPublicBaseUrl(const std::string& url) {
  const auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return false;
  const auto scheme = parsed->scheme();
  if (scheme != "http" && scheme != "https") return false;
  if (parsed->encoded_host().empty() || parsed->has_userinfo() || parsed->has_query() ||
      parsed->has_fragment()) {
    return false;
  }
  return !url.ends_with("/");
}

std::optional<http::Programme> FindProgramme(db::Pool& pool, const std::string& slug) {
  auto lease = pool.Acquire();
  return ProgrammeStore(lease).FindBySlug(slug);
}

std::vector<http::Programme> AllProgrammes(db::Pool& pool) {
  auto lease = pool.Acquire();
  return ProgrammeStore(lease).All();
}

core::Status Programmes::Load(const std::string& default_slug) {
  auto lease = pool_.Acquire();
  ProgrammeStore store(lease);
  programmes_.clear();
  hosts_.clear();
  own_urls_.clear();
  for (auto& p : store.All()) {
    own_urls_.emplace(p.slug, p.public_url);
    programmes_.emplace(p.slug, p);
  }
  for (auto& [host, slug] : store.Hosts()) hosts_.emplace(host, slug);
  if (!programmes_.contains(default_slug))
    return core::Error::Of(core::ErrorCode::kNotFound, "error.programme.unknown");
  default_slug_ = default_slug;
  return core::Ok();
}

void Programmes::SetFallbackUrl(const std::string& url) {
  for (auto& [slug, p] : programmes_) {
    const auto& own = own_urls_[slug];
    p.public_url = own.empty() ? url : own;
  }
}

std::string Programmes::PublicUrlOf(core::ProgrammeId id) const {
  for (const auto& [slug, p] : programmes_)
    if (p.id == id) return p.public_url;
  return "";
}

const http::Programme& Programmes::ForHost(std::string_view host) const {
  // Strip the port; host names are case-insensitive.
  if (!host.starts_with("[")) host = host.substr(0, host.find(':'));
  const auto key = core::AsciiLower(host);
  if (auto it = hosts_.find(key); it != hosts_.end()) {
    if (auto p = programmes_.find(it->second); p != programmes_.end()) return p->second;
  }
  return Default();
}

namespace {

/// A name the Host header can carry, as ForHost compares it: lower case, without the port. Labels
/// of 1 to 63 letters, digits, dashes (not first or last) and underscores (service names of
/// container networks have them), joined by dots; an IPv4 address is one too.
bool IsHostName(const std::string& host) {
  if (host.empty() || host.size() > 253) return false;
  std::size_t from = 0;
  for (;;) {
    const auto dot = std::min(host.find('.', from), host.size());
    const auto label = std::string_view(host).substr(from, dot - from);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-' ||
        label.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != label.npos)
      return false;
    if (dot == host.size()) return true;
    from = dot + 1;
  }
}

}  // namespace

core::Result<long long> Programmes::Create(const std::string& slug, const std::string& name,
                                           const std::string& description,
                                           const std::vector<std::string>& hosts,
                                           const std::string& public_url) {
  std::vector<core::FieldError> errors;
  if (!public_url.empty() && !IsPublicBaseUrl(public_url))
    errors.push_back({"public_url", "error.programme.public_url"});
  if (slug.empty() || slug.size() > 40 ||
      slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    errors.push_back({"slug", "error.programme.slug"});
  }
  if (core::Trim(name).empty()) errors.push_back({"name", "error.field.required"});
  std::set<std::string> names;
  for (const auto& host : hosts) names.insert(core::AsciiLower(host));
  if (!std::all_of(names.begin(), names.end(), IsHostName))
    errors.push_back({"host", "error.programme.host"});
  if (!errors.empty()) return core::Invalid(errors);
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  ProgrammeStore store(lease);
  const auto exists = core::Error::Of(core::ErrorCode::kConflict, "error.programme.exists");
  if (store.FindBySlug(slug)) return exists;
  long long id = 0;
  // Two creations of one slug at once on PostgreSQL both find none: the second meets the
  // unique index, and gets the answer it would have had a moment later.
  if (!db::TryWrite(lease, "programme", db::IsUniqueViolation,
                    [&] { id = store.Create(slug, std::string(core::Trim(name)), description); }))
    return exists;
  // A host already serving another programme stays with it: moving it would silently take
  // that programme's visitors.
  for (const auto& host : names) {
    if (!db::TryWrite(lease, "programme_host", db::IsUniqueViolation,
                      [&] { store.AddHost(host, id); }))
      return core::Error::Of(core::ErrorCode::kConflict, "error.programme.host_taken");
  }
  if (!public_url.empty()) store.SetPublicUrl(slug, public_url);
  tx.Commit();
  return id;
}

core::Status Programmes::SetPublicUrl(const std::string& slug, const std::string& public_url) {
  if (!IsPublicBaseUrl(public_url)) {
    return core::Error{core::ErrorCode::kInvalid,
                       "error.invalid",
                       {{"public_url", "error.programme.public_url"}},
                       {}};
  }
  auto lease = pool_.Acquire();
  if (!ProgrammeStore(lease).SetPublicUrl(slug, public_url)) {
    return core::Error::Of(core::ErrorCode::kNotFound, "error.programme.unknown");
  }
  return core::Ok();
}

}  // namespace sohosolo::portal
