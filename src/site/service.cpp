#include "site/service.hpp"

#include "core/text.hpp"
#include "site/store.hpp"

namespace sohosolo::site {

core::Status Programmes::Load(const std::string& default_slug) {
  auto lease = pool_.Acquire();
  ProgrammeStore store(lease);
  programmes_.clear();
  hosts_.clear();
  for (auto& p : store.All()) programmes_.emplace(p.slug, p);
  for (auto& [host, slug] : store.Hosts()) hosts_.emplace(host, slug);
  if (!programmes_.contains(default_slug)) return core::Error::Of(core::ErrorCode::kNotFound, "error.programme.unknown");
  default_slug_ = default_slug;
  return core::Ok();
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

core::Result<long long> Programmes::Create(const std::string& slug, const std::string& name,
                                           const std::string& description, const std::vector<std::string>& hosts) {
  std::vector<core::FieldError> errors;
  if (slug.empty() || slug.size() > 40 || slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    errors.push_back({"slug", "error.programme.slug"});
  }
  if (core::Trim(name).empty()) errors.push_back({"name", "error.field.required"});
  if (!errors.empty()) return core::Error{core::ErrorCode::kInvalid, "error.invalid", errors, {}};
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  ProgrammeStore store(lease);
  if (store.FindBySlug(slug)) return core::Error::Of(core::ErrorCode::kConflict, "error.programme.exists");
  const auto id = store.Create(slug, std::string(core::Trim(name)), description);
  for (const auto& host : hosts) store.AddHost(core::AsciiLower(host), id);
  tx.Commit();
  return id;
}

}  // namespace sohosolo::site
