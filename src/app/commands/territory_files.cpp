#include "app/commands/territory_files.hpp"

#include <algorithm>
#include <iostream>
#include <utility>

#include "app/app.hpp"
#include "app/commands/command_files.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/geo.hpp"

namespace sohosolo::app {

using namespace territory;

std::optional<std::string> ReadOrSay(const std::string& path) {
  std::string why;
  auto text = ReadText(path, why);
  if (!text) std::cerr << "sohosolo: cannot read " << path << ": " << why << "\n";
  return text;
}

std::optional<AdslParameters> LoadAdslParameters(const std::string& path, int& exit_code) {
  if (path.empty()) return DefaultAdslParameters();
  const auto text = ReadOrSay(path);
  if (!text) {
    exit_code = kExitUsage;
    return std::nullopt;
  }
  auto parsed = ParseAdslParametersJson(*text, path);
  if (!parsed) {
    PrintRejected(path, parsed.error());
    exit_code = kExitInvalid;
    return std::nullopt;
  }
  return std::move(*parsed);
}

core::Result<std::vector<Commune>> ParseCommunesFile(const std::string& path,
                                                     std::string_view text) {
  return LooksLikeGeoJson(path, text) ? ParseCommunesGeoJson(text) : ParseCommunesCsv(text);
}

core::Result<std::vector<Exchange>> ParseExchangesFile(const std::string& path,
                                                       std::string_view text) {
  return LooksLikeGeoJson(path, text) ? ParseExchangesGeoJson(text) : ParseExchangesCsv(text);
}

bool HaveOutlines(const std::string& path, const std::vector<Commune>& communes,
                  std::string_view purpose) {
  const auto without_polygon = std::count_if(communes.begin(), communes.end(),
                                             [](const Commune& c) { return c.polygons.empty(); });
  if (without_polygon == 0) return true;
  std::cerr << "sohosolo: " << path << ": " << without_polygon << " of " << communes.size()
            << " communes have a point but no outline (CSV gives points): " << purpose
            << " needs the communes' polygons; give them as GeoJSON\n";
  return false;
}

}  // namespace sohosolo::app
