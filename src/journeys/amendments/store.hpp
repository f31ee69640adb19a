#pragma once
// SQL of amendments' versions (table journey_amendments; the fields as a JSON text).

#include <boost/json.hpp>
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "journeys/amendments/model.hpp"

namespace sohosolo::journeys {

class AmendmentStore {
 public:
  explicit AmendmentStore(db::Lease& lease) : lease_(lease) {}
  /// The version after the file's latest (1 for the first).
  int NextVersion(long long journey_id);
  void Insert(const Amendment& a, long long by);
  /// Newest first.
  std::vector<Amendment> List(long long journey_id);
  /// `version` 0: the latest.
  std::optional<Amendment> Find(long long journey_id, int version);

 private:
  db::Lease& lease_;
};

/// The fields as stored and as the API shows them.
boost::json::object AmendmentFieldsJson(const AmendmentFields& f);
/// The fields of a JSON object (the API's body, a stored version): texts as strings, `days` as
/// an array of kWorkDays, `site_id`, `adaptation_months` and `notice_days` as integers. A
/// member of the wrong type is a field error.
AmendmentFields AmendmentFieldsOf(const boost::json::object& body,
                                  std::vector<core::FieldError>& errors);

}  // namespace sohosolo::journeys
