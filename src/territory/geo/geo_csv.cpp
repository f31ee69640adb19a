// CSV readers of geo.hpp: communes as points, and exchanges.
#include <charconv>
#include <unordered_map>

#include "core/text.hpp"
#include "territory/geo/csv.hpp"
#include "territory/geo/geo.hpp"

namespace sohosolo::territory {

namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;

std::optional<std::size_t> FirstColumn(const CsvTable& table,
                                       std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (auto column = table.Column(name)) return column;
  }
  return std::nullopt;
}

Error MissingColumn(const char* name) {
  return Error{ErrorCode::kInvalid, "error.csv.rejected", {{name, "error.csv.missing_column"}}, {}};
}

// Reads the row's position into `out`, recording each bad cell.
bool ReadLonLat(const CsvTable& table, const CsvTable::Row& row, std::size_t lon_column,
                std::size_t lat_column, LonLat& out, std::vector<FieldError>& errors) {
  const auto lon = ParseNumber(row.cells[lon_column]);
  const auto lat = ParseNumber(row.cells[lat_column]);
  if (!lon || *lon < -180 || *lon > 180) {
    errors.push_back(
        LineError(row.line, table.header[lon_column], "error.territory.lon_lat_out_of_range"));
  }
  if (!lat || *lat < -90 || *lat > 90) {
    errors.push_back(
        LineError(row.line, table.header[lat_column], "error.territory.lon_lat_out_of_range"));
  }
  if (!lon || !lat) return false;
  out = {*lon, *lat};
  return *lon >= -180 && *lon <= 180 && *lat >= -90 && *lat <= 90;
}

bool CheckUnique(std::unordered_map<std::string, int>& seen, const std::string& code, int line,
                 std::vector<FieldError>& errors) {
  const auto [it, inserted] = seen.emplace(code, line);
  if (inserted) return true;
  errors.push_back(
      {"line " + std::to_string(line) + ": code (same as line " + std::to_string(it->second) + ")",
       "error.territory.duplicate_code"});
  return false;
}

// A population cell: empty means unknown; otherwise a non-negative integer.
bool ReadPopulation(std::string_view cell, std::optional<std::int64_t>& out) {
  cell = core::Trim(cell);
  if (cell.empty()) return true;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || ptr != cell.data() + cell.size() || value < 0) return false;
  out = value;
  return true;
}

bool ReadBool(std::string_view cell) {
  const auto lower = core::AsciiLower(core::Trim(cell));
  return lower == "true" || lower == "1" || lower == "yes";
}

}  // namespace

core::Result<std::vector<Commune>> ParseCommunesCsv(std::string_view text) {
  auto table = ParseCsv(text);
  if (!table) return table.error();
  const auto code = table->Column("code");
  const auto name = table->Column("nom");
  const auto population = table->Column("population");
  const auto lon = FirstColumn(*table, {"lon", "centroid_lon"});
  const auto lat = FirstColumn(*table, {"lat", "centroid_lat"});
  const auto area = table->Column("area_km2");
  if (!code) return MissingColumn("code");
  if (!name) return MissingColumn("nom");
  if (!population) return MissingColumn("population");
  if (!lon) return MissingColumn("lon");
  if (!lat) return MissingColumn("lat");

  std::vector<FieldError> errors;
  std::unordered_map<std::string, int> seen;
  std::vector<Commune> communes;
  for (const auto& row : table->rows) {
    const auto before = errors.size();
    Commune commune;
    commune.code = std::string(core::Trim(row.cells[*code]));
    commune.name = std::string(core::Trim(row.cells[*name]));
    if (commune.code.empty())
      errors.push_back(LineError(row.line, "code", "error.territory.missing_code"));
    if (commune.name.empty())
      errors.push_back(LineError(row.line, "nom", "error.territory.missing_name"));
    if (!ReadPopulation(row.cells[*population], commune.population)) {
      errors.push_back(LineError(row.line, "population", "error.territory.bad_population"));
    }
    ReadLonLat(*table, row, *lon, *lat, commune.point, errors);
    if (area) {
      const auto km2 = ParseNumber(row.cells[*area]);
      if (!km2 || *km2 < 0)
        errors.push_back(LineError(row.line, "area_km2", "error.csv.not_a_number"));
      commune.area_km2 = km2.value_or(0);
    }
    if (errors.size() != before || !CheckUnique(seen, commune.code, row.line, errors)) continue;
    communes.push_back(std::move(commune));
  }
  if (communes.empty() && errors.empty())
    return Error::Of(ErrorCode::kInvalid, "error.csv.no_rows");
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.csv.rejected", errors, {}};
  return communes;
}

core::Result<std::vector<Exchange>> ParseExchangesCsv(std::string_view text) {
  auto table = ParseCsv(text);
  if (!table) return table.error();
  const auto code = table->Column("code");
  const auto nra_code = table->Column("nra_code");
  const auto osm_id = table->Column("osm_id");
  const auto name = FirstColumn(*table, {"name", "nom"});
  const auto lon = table->Column("lon");
  const auto lat = table->Column("lat");
  const auto inside = table->Column("in_territory");
  if (!code && !nra_code && !osm_id) return MissingColumn("code");
  if (!lon) return MissingColumn("lon");
  if (!lat) return MissingColumn("lat");

  std::vector<FieldError> errors;
  std::unordered_map<std::string, int> seen;
  std::vector<Exchange> exchanges;
  for (const auto& row : table->rows) {
    const auto before = errors.size();
    Exchange exchange;
    // OpenStreetMap extracts rarely carry the NRA code: fall back on the OSM id per row.
    for (auto column : {code, nra_code, osm_id}) {
      if (column && exchange.code.empty())
        exchange.code = std::string(core::Trim(row.cells[*column]));
    }
    if (name) exchange.name = std::string(core::Trim(row.cells[*name]));
    if (inside) exchange.in_territory = ReadBool(row.cells[*inside]);
    if (exchange.code.empty())
      errors.push_back(LineError(row.line, "code", "error.territory.missing_code"));
    LonLat p;
    ReadLonLat(*table, row, *lon, *lat, p, errors);
    if (errors.size() != before || !CheckUnique(seen, exchange.code, row.line, errors)) continue;
    exchange.lon = p.lon;
    exchange.lat = p.lat;
    exchanges.push_back(std::move(exchange));
  }
  if (exchanges.empty() && errors.empty())
    return Error::Of(ErrorCode::kInvalid, "error.csv.no_rows");
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.csv.rejected", errors, {}};
  return exchanges;
}

}  // namespace sohosolo::territory
