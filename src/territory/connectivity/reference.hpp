#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// Path of the project's defaults among the embedded resources.
inline constexpr std::string_view kAdslDefaultsResource =
    "src/territory/reference/adsl-defaults.json";

/// Reads a copper attenuation table from CSV. Columns (by header name): `conductor_diameter_mm`
/// (or `gauge_mm`), `attenuation_db_per_km_at_300khz` (or `db_per_km`), optional `source`.
/// Every malformed row is reported as a field error "line N: column".
core::Result<std::vector<CableGauge>> ParseGaugeTableCsv(std::string_view text);

/// Reads a rate-versus-attenuation table from CSV. Columns: `attenuation_db`,
/// `rate_adsl1_adsl2_mbps` (or `adsl_mbps`), `rate_adsl2plus_mbps` (or `adsl2plus_mbps`); other
/// columns are ignored. Rows must have increasing attenuation and non-increasing rates, since
/// coverage inverts the table.
core::Result<std::vector<RatePoint>> ParseRateTableCsv(std::string_view text);

/// Reads parameters in the format of src/territory/reference/adsl-defaults.json, so a programme
/// can ship its own file; `origin` names it in every answer.
core::Result<AdslParameters> ParseAdslParametersJson(std::string_view text, std::string origin);

/// Reads a programme's parameters: the format of ParseAdslParametersJson plus two optional
/// members, `official_area_km2` and `wifi_radius_km`, each a number or {"value": number, ...}.
/// Field errors name the member: a non-positive area, a radius outside (0, kMaxRelayRadiusKm].
core::Result<ProgrammeParameters> ParseProgrammeParametersJson(std::string_view text,
                                                               std::string origin);

/// The embedded defaults as a parameters document with `official_area_km2` set to `km2` (and
/// `note` saying where the figure comes from) and, with `exchanges_partial`, "exchange_list":
/// "partial": what a programme that keeps the default model but publishes an official area
/// loads, as the demo's Gers does (6,257 km², exchanges from OpenStreetMap).
std::string DefaultsWithOfficialArea(double km2, std::string_view note,
                                     bool exchanges_partial = false);

/// The parameters of a programme that loaded none: the embedded defaults, no official area.
const ProgrammeParameters& DefaultProgrammeParameters();

/// The project's defaults, read once from the embedded adsl-defaults.json. Throws
/// std::runtime_error if the embedded file is missing or broken, which is a build fault.
const AdslParameters& DefaultAdslParameters();

/// Checks that parameters make a usable model: detour factor ≥ 1, a known gauge, a rate table of
/// at least two rows sorted by attenuation with rates never increasing, 0 < READSL limit ≤ no-ADSL
/// limit. Field errors name the offending parameter.
core::Status ValidateAdslParameters(const AdslParameters& params);

/// dB/km of the parameters' gauge, if the gauge table has it.
std::optional<double> DbPerKm(const AdslParameters& params);

}  // namespace sohosolo::territory
