#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"
#include "http/context.hpp"

namespace sohosolo::portal {

/// Programmes of this instance and which one a request is for.
class Programmes {
 public:
  explicit Programmes(db::Pool& pool) : pool_(pool) {}

  /// Loads programmes and host mappings; `default_slug` must exist (the CLI says so otherwise).
  core::Status Load(const std::string& default_slug);
  /// The public address of the programmes that have none of their own (the instance's
  /// --public-url, else the address the server listens on). Call before serving.
  void SetFallbackUrl(const std::string& url);
  /// The programme of a Host header value ("gers.example.org:8080"), else the default one.
  const http::Programme& ForHost(std::string_view host) const;
  const http::Programme& Default() const { return programmes_.at(default_slug_); }
  /// The base of a programme's links (see SetFallbackUrl); empty for an unknown programme.
  std::string PublicUrlOf(core::ProgrammeId id) const;

  /// Creates a programme (slug: lower-case letters, digits, dashes) with optional host names and
  /// public address (checked by IsPublicBaseUrl; empty: the instance's).
  core::Result<long long> Create(const std::string& slug, const std::string& name,
                                 const std::string& description,
                                 const std::vector<std::string>& hosts,
                                 const std::string& public_url = "");
  /// Changes a programme's public address. kNotFound, or kInvalid for an address that is not one.
  core::Status SetPublicUrl(const std::string& slug, const std::string& public_url);

 private:
  db::Pool& pool_;
  std::map<std::string, http::Programme, std::less<>> programmes_;
  std::map<std::string, std::string, std::less<>> hosts_;
  std::map<std::string, std::string, std::less<>> own_urls_;  ///< slug -> configured address
  std::string default_slug_;
};

/// A programme by its slug, or nullopt (for commands, before any server runs).
std::optional<http::Programme> FindProgramme(db::Pool& pool, const std::string& slug);
/// Every programme, oldest first.
std::vector<http::Programme> AllProgrammes(db::Pool& pool);

/// True when `url` can be the base of links: http or https, a host, an optional port and path,
/// no user name, query or fragment, and no trailing slash ("https://example.org/soho").
bool IsPublicBaseUrl(const std::string& url);

}  // namespace sohosolo::portal
