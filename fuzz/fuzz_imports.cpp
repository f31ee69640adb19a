// The territory's import formats as an operator downloads them (IGN's GeoJSON, CSV): communes and
// exchanges, from whatever bytes a file holds. Every input is either refused with a clear error or
// gives rows whose coordinates are finite and codes non-empty.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "territory/geo/geo.hpp"

using namespace sohosolo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte chooses the format, the rest is the file.
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      if (auto communes = territory::ParseCommunesGeoJson(text)) {
        for (const auto& c : *communes) {
          if (c.code.empty() || !std::isfinite(c.point.lon) || !std::isfinite(c.point.lat)) abort();
        }
      } else if (communes.error().message_key.empty()) {
        abort();
      }
      break;
    case 1:
      if (auto communes = territory::ParseCommunesCsv(text)) {
        for (const auto& c : *communes) {
          if (c.code.empty() || !std::isfinite(c.point.lon) || !std::isfinite(c.point.lat)) abort();
        }
      }
      break;
    case 2:
      if (auto exchanges = territory::ParseExchangesGeoJson(text)) {
        for (const auto& e : *exchanges) {
          if (e.code.empty() || !std::isfinite(e.lon) || !std::isfinite(e.lat)) abort();
        }
      }
      break;
    default:
      if (auto exchanges = territory::ParseExchangesCsv(text)) {
        for (const auto& e : *exchanges) {
          if (e.code.empty() || !std::isfinite(e.lon) || !std::isfinite(e.lat)) abort();
        }
      }
  }
  return 0;
}
