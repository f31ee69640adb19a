#pragma once
// The journeys' JSON shapes, one per thing, shared by the API's files (api*.cpp).

#include <boost/json.hpp>
#include <optional>
#include <vector>

#include "http/context.hpp"
#include "journeys/service.hpp"

namespace sohosolo::journeys::json {

boost::json::value Instant(const std::optional<core::UnixSeconds>& t);
boost::json::object JourneyJson(const Journey& j);
/// The fields of a JSON body (flat: "name", "adults", "children_ages" as [4, 9] or "4,9",
/// "villages" as ["32013"] or "32013 32147", "advisor_id" (0 or null: none)...).
JourneyInput InputOf(const boost::json::object& body, std::vector<core::FieldError>& errors);
Actor ActorOf(const http::Context& ctx);
boost::json::object VisitJson(const Visit& v);
boost::json::object CommitteeFileJson(const CommitteeFile& f);
boost::json::object TaskJson(const Task& t);
boost::json::array HistoryJson(const std::vector<HistoryEntry>& history);
/// A file with its tasks, visits and committees' notes (and its history for an export).
boost::json::object FullJson(Journeys& journeys, const http::Context& ctx, const Journey& j,
                             bool with_history);
/// RFC 3339 with an offset, or nullopt (with a field error).
std::optional<core::UnixSeconds> InstantField(const boost::json::object& body, const char* name,
                                              std::vector<core::FieldError>& errors);

}  // namespace sohosolo::journeys::json
