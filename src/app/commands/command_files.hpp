#pragma once
// File and text-table helpers shared by the commands that work on files without a database
// (`sohosolo coverage`, `sohosolo plan-wifi`, `sohosolo import`).

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::app {

/// The whole file, or nullopt with `why` saying why it cannot be read.
std::optional<std::string> ReadText(const std::string& path, std::string& why);

/// GeoJSON by extension (.geojson, .json), CSV by extension (.csv), else by the first character.
bool LooksLikeGeoJson(const std::string& path, std::string_view text);

/// Writes through a temporary file renamed at the end, so a failure never leaves half a file.
/// Returns kExitOk or prints why not and returns the exit code.
int WriteFile(const std::string& path, const std::string& content);

/// Prints every problem of a refused input, translated, one per line, after `what` (its path).
void PrintRejected(const std::string& what, const core::Error& error);

/// 6300.65 with 2 decimals -> "6,300.65" (English grouping: the commands print English).
std::string Grouped(double value, int decimals);

/// 0.051 -> "5.10 %".
std::string Percent(double share);

/// "ADSL" or "ADSL2+".
std::string TechnologyLabel(territory::Technology technology);

/// `s` padded to `width` code points, or cut to width - 1 and "…" when longer (names carry
/// accents: counting bytes would misalign the columns).
std::string Column(const std::string& s, std::size_t width);

}  // namespace sohosolo::app
