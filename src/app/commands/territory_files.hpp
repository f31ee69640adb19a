#pragma once
// Reading the territory's input files for the commands that run the model without a database
// (`sohosolo coverage`, `sohosolo plan-wifi`): each problem is printed where it is found, and the
// caller only decides the exit code.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::app {

/// The whole file, or nullopt after printing why it cannot be read.
std::optional<std::string> ReadOrSay(const std::string& path);

/// The ADSL parameters file at `path`, or the embedded defaults when `path` is empty. Prints why a
/// file cannot be used and returns nullopt, with `exit_code` kExitUsage (unreadable) or
/// kExitInvalid (refused).
std::optional<territory::AdslParameters> LoadAdslParameters(const std::string& path,
                                                            int& exit_code);

/// Communes of a GeoJSON or CSV file (LooksLikeGeoJson tells which).
core::Result<std::vector<territory::Commune>> ParseCommunesFile(const std::string& path,
                                                                std::string_view text);
/// Exchanges of a GeoJSON or CSV file (LooksLikeGeoJson tells which).
core::Result<std::vector<territory::Exchange>> ParseExchangesFile(const std::string& path,
                                                                  std::string_view text);

/// True when every commune has an outline; otherwise prints how many have only a point (CSV
/// gives points) and that `purpose` needs the polygons.
bool HaveOutlines(const std::string& path, const std::vector<territory::Commune>& communes,
                  std::string_view purpose);

}  // namespace sohosolo::app
