#pragma once
// JSON text for the territory's answers and files. Boost.JSON builds the documents; this writer
// prints numbers in their shortest round-trip decimal form ("0.08729", not Boost's "8.729E-2"),
// so figures stay readable and coordinates come out as they were read.

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// Appends `v` to `out`. With `indent` > 0 objects and arrays go one member per line, indented by
/// `indent` spaces per level from `depth`, except arrays of numbers (coordinates), which stay on
/// one line; with `indent` <= 0 the text is compact. Non-finite numbers become null.
void WriteJson(std::string& out, const boost::json::value& v, int indent = 0, int depth = 0);

/// The text of `v` as WriteJson writes it, followed by a newline when indented.
std::string ToJsonText(const boost::json::value& v, int indent = 0);

/// The value, or JSON null when there is none.
boost::json::value OrNull(const std::optional<double>& v);
/// The value, or JSON null when there is none.
boost::json::value OrNull(const std::optional<std::int64_t>& v);

/// The ADSL model parameters a figure was computed with, as shown in every answer.
boost::json::object ParametersJson(const ParametersUsed& p);

/// Every parameter a programme sets (GET /api/v1/territory/parameters): the ADSL model with its
/// tables and sources, the official area (null when unset) and the WiFi relays' default reach.
boost::json::object ProgrammeParametersJson(const ProgrammeParameters& p);

}  // namespace sohosolo::territory
