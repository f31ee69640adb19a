#pragma once
// Telework amendments of salaried newcomers' files: each generation is a version kept on the
// file (staff only; the routes admit staff). No HTTP, no SQL.

#include <functional>
#include <vector>

#include "journeys/amendments/model.hpp"
#include "journeys/service.hpp"

namespace sohosolo::journeys {

/// A telecentre or coworking space of the programme, a possible place of work.
struct Workplace {
  long long id = 0;
  std::string name;
  std::string address;
};

class Amendments {
 public:
  using WorkplacesOf = std::function<std::vector<Workplace>(core::ProgrammeId)>;
  Amendments(db::Pool& pool, Journeys& journeys, WorkplacesOf workplaces)
      : pool_(pool), journeys_(journeys), workplaces_(std::move(workplaces)) {}

  /// What the form starts from: the latest version's fields, else what the file knows (the
  /// employee's name, the employer). kNotFound for no such file.
  core::Result<AmendmentFields> Draft(core::ProgrammeId p, long long journey_id);
  /// A new version from `fields`: kNotFound for no such file, kConflict when the file is not a
  /// salaried teleworker's or holds kMaxAmendmentVersions already, kInvalid naming every field
  /// at fault (nothing stored then). The
  /// site's name and address are written into the version as they are today.
  core::Result<Amendment> Generate(core::ProgrammeId p, const Actor& actor, long long journey_id,
                                   AmendmentFields fields);
  /// The file's versions, newest first.
  core::Result<std::vector<Amendment>> Versions(core::ProgrammeId p, long long journey_id);
  /// One version (0: the latest). kNotFound when there is none.
  core::Result<Amendment> Find(core::ProgrammeId p, long long journey_id, int version);
  std::vector<Workplace> Workplaces(core::ProgrammeId p) const;

 private:
  db::Pool& pool_;
  Journeys& journeys_;
  WorkplacesOf workplaces_;
};

}  // namespace sohosolo::journeys
