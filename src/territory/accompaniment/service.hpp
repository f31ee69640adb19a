#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "territory/communes/service.hpp"
#include "territory/villages/edit.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

/// At most this many requests per client address and hour: enough for a family asking about a
/// few villages, too few for a script.
inline constexpr int kMaxRequestsPerHour = 5;
/// The hidden field that people never fill and form-filling robots do.
inline constexpr const char* kHoneypotField = "website";

/// Visitors' requests to be accompanied: stored, then read and handled by advisors, who are
/// told of each new one through the outbox.
class AccompanyService {
 public:
  AccompanyService(db::Pool& pool, Service& territory, AdvisorSource advisors)
      : pool_(pool), territory_(territory), advisors_(std::move(advisors)) {}

  /// Fields: name, email, message (required), phone, village (a commune code), needs (the
  /// finder's query string), and the honeypot. kInvalid with field errors, kRateLimited past
  /// kMaxRequestsPerHour from `client_address`. Stores the request and one outbox message per
  /// advisor in one transaction.
  core::Result<long long> Submit(core::ProgrammeId p, const EditInput& input,
                                 const std::string& client_address);
  /// Newest first: at most `limit` requests with ids below `before_id`.
  /// `status` new or handled, or empty for both.
  std::vector<AccompanimentRequest> List(core::ProgrammeId p, int limit, long long before_id,
                                         const std::string& status = "");
  /// One request of the programme.
  std::optional<AccompanimentRequest> Find(core::ProgrammeId p, long long id);
  /// kNotFound for an unknown request, kConflict when it was already handled.
  core::Status MarkHandled(core::ProgrammeId p, long long id, long long account_id,
                           const std::string& account_name);

 private:
  db::Pool& pool_;
  Service& territory_;
  AdvisorSource advisors_;
};

/// Field errors of a request (pure; the village's existence is checked by the service).
std::vector<core::FieldError> ValidateRequest(const AccompanimentRequest& r);

}  // namespace sohosolo::territory
