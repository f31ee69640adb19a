#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "db/database.hpp"
#include "http/context.hpp"

namespace sohosolo::site {

/// Programmes of this instance and which one a request is for.
class Programmes {
 public:
  explicit Programmes(db::Pool& pool) : pool_(pool) {}

  /// Loads programmes and host mappings; `default_slug` must exist (the CLI says so otherwise).
  core::Status Load(const std::string& default_slug);
  /// The programme of a Host header value ("gers.example.org:8080"), else the default one.
  const http::Programme& ForHost(std::string_view host) const;
  const http::Programme& Default() const { return programmes_.at(default_slug_); }

  /// Creates a programme (slug: lower-case letters, digits, dashes) with optional host names.
  core::Result<long long> Create(const std::string& slug, const std::string& name, const std::string& description,
                                 const std::vector<std::string>& hosts);

 private:
  db::Pool& pool_;
  std::map<std::string, http::Programme, std::less<>> programmes_;
  std::map<std::string, std::string, std::less<>> hosts_;
  std::string default_slug_;
};

}  // namespace sohosolo::site
