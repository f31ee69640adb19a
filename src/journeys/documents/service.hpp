#pragma once
// Documents on newcomers' files: staff upload, list, download and delete them, and say which
// the newcomer sees; the newcomer downloads those from their own page. No HTTP, no SQL.

#include <vector>

#include "journeys/documents/model.hpp"
#include "journeys/service.hpp"

namespace sohosolo::journeys {

class Documents {
 public:
  Documents(db::Pool& pool, Journeys& journeys) : pool_(pool), journeys_(journeys) {}

  /// Stores an upload (staff): kNotFound for no such file; kInvalid naming `file` (empty, too
  /// large or of a kind not accepted) or `name`; kConflict when the file holds the most
  /// documents it may. The type comes from the bytes.
  core::Result<FileDocument> Add(core::ProgrammeId p, const Actor& actor, long long journey_id,
                                 const std::string& name, std::string bytes, bool shared);
  /// The file's documents without their bytes, newest first.
  core::Result<std::vector<FileDocument>> List(core::ProgrammeId p, long long journey_id);
  /// One document with its bytes.
  core::Result<FileDocument> Get(core::ProgrammeId p, long long journey_id, long long id);
  core::Status Delete(core::ProgrammeId p, const Actor& actor, long long journey_id, long long id);
  /// The documents shared with the newcomer of `account_id`, without bytes.
  std::vector<FileDocument> SharedWith(core::ProgrammeId p, long long account_id);
  /// One of those, with its bytes; kNotFound for any other.
  core::Result<FileDocument> GetShared(core::ProgrammeId p, long long account_id, long long id);

 private:
  db::Pool& pool_;
  Journeys& journeys_;
};

}  // namespace sohosolo::journeys
