#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "http/context.hpp"

namespace sohosolo::portal {

/// The programmes table: instance-level, so not scoped by a programme itself.
class ProgrammeStore {
 public:
  explicit ProgrammeStore(db::Lease& lease) : lease_(lease) {}
  std::optional<http::Programme> FindBySlug(const std::string& slug);
  std::vector<http::Programme> All();
  /// Host header (lower case, without port) -> programme slug.
  std::vector<std::pair<std::string, std::string>> Hosts();
  long long Create(const std::string& slug, const std::string& name,
                   const std::string& description);
  /// Throws a unique violation (db::IsUniqueViolation) when the host serves a programme already.
  void AddHost(const std::string& host, long long programme_id);
  /// Sets a programme's public address; false when there is no such programme.
  bool SetPublicUrl(const std::string& slug, const std::string& url);

 private:
  db::Lease& lease_;
};

}  // namespace sohosolo::portal
