#include "territory/exchanges/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "core/text.hpp"
#include "core/time.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/villages/store.hpp"

namespace sohosolo::territory {

namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;

constexpr std::size_t kMaxCodeChars = 32;

std::optional<double> Coordinate(const EditInput& input, const char* name, double limit,
                                 std::vector<FieldError>& errors) {
  const auto it = input.find(name);
  if (it == input.end() || core::Trim(it->second).empty()) {
    errors.push_back({name, "error.field.required"});
    return std::nullopt;
  }
  std::string text(core::Trim(it->second));
  std::replace(text.begin(), text.end(), ',', '.');
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value) ||
      std::abs(value) > limit) {
    errors.push_back({name, "error.exchange.bad_coordinate"});
    return std::nullopt;
  }
  return value;
}

/// A stored commune outline (GeoJSON Polygon or MultiPolygon, validated at import) read back.
std::vector<Polygon> PolygonsFromGeoJson(const std::string& text) {
  const auto root = boost::json::parse(text);
  const auto& object = root.as_object();
  const auto polygon = [](const boost::json::value& rings) {
    Polygon out;
    for (const auto& ring : rings.as_array()) {
      auto& points = out.rings.emplace_back();
      for (const auto& p : ring.as_array())
        points.push_back(
            {p.as_array().at(0).to_number<double>(), p.as_array().at(1).to_number<double>()});
    }
    return out;
  };
  const auto& coordinates = object.at("coordinates");
  if (object.at("type").as_string() == "Polygon") return {polygon(coordinates)};
  std::vector<Polygon> out;
  for (const auto& part : coordinates.as_array()) out.push_back(polygon(part));
  return out;
}

/// Whether `point` lies inside the programme's communes, when they all have an outline.
bool InTerritory(Store& store, LonLat point) {
  const auto records = store.Communes(true);
  if (records.empty() || std::any_of(records.begin(), records.end(),
                                     [](const CommuneRecord& r) { return !r.geometry; }))
    return false;
  std::vector<Commune> communes;
  for (const auto& r : records) {
    Commune c;
    c.code = r.code;
    c.name = r.name;
    c.polygons = PolygonsFromGeoJson(*r.geometry);
    communes.push_back(std::move(c));
  }
  return Territory(std::move(communes)).Contains(point);
}

/// Saves `record` and logs the change so the territory's version moves.
void Save(Store& store, ExchangeRecord& record, const std::string& what) {
  record.exchange.in_territory = InTerritory(store, {record.exchange.lon, record.exchange.lat});
  const long long now = core::Now();
  const auto counts = store.UpsertExchanges({record}, now);
  store.RecordImport("exchanges", what + " " + record.exchange.code, 1, counts, now);
}

}  // namespace

bool IsExchangeCode(const std::string& code) {
  return !code.empty() && code.size() <= kMaxCodeChars &&
         std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::vector<ExchangeRecord> ExchangeEditor::List(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  return Store(lease, p).Exchanges();
}

core::Result<ExchangeRecord> ExchangeEditor::Add(core::ProgrammeId p, const EditInput& input) {
  std::vector<FieldError> errors;
  ExchangeRecord record;
  const auto code = input.find("code");
  record.exchange.code = code == input.end() ? "" : std::string(core::Trim(code->second));
  if (!IsExchangeCode(record.exchange.code)) errors.push_back({"code", "error.exchange.bad_code"});
  if (const auto name = input.find("name"); name != input.end()) {
    record.exchange.name = std::string(core::Trim(name->second));
    if (core::Utf8Length(record.exchange.name) > kMaxNameChars)
      errors.push_back({"name", "error.village.too_long"});
  }
  const auto lon = Coordinate(input, "lon", 180, errors);
  const auto lat = Coordinate(input, "lat", 90, errors);
  if (!errors.empty()) return core::Invalid(std::move(errors));
  record.exchange.lon = *lon;
  record.exchange.lat = *lat;
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  store.LockImports();
  if (VillageStore(lease, p).Exchange(record.exchange.code))
    return Error{
        ErrorCode::kConflict, "error.exchange.exists", {{"code", "error.exchange.exists"}}, {}};
  Save(store, record, "added");
  tx.Commit();
  return record;
}

core::Result<ExchangeRecord> ExchangeEditor::Move(core::ProgrammeId p, const std::string& code,
                                                  const EditInput& input) {
  std::vector<FieldError> errors;
  const auto lon = Coordinate(input, "lon", 180, errors);
  const auto lat = Coordinate(input, "lat", 90, errors);
  std::optional<std::string> name;
  if (const auto it = input.find("name"); it != input.end()) {
    name = std::string(core::Trim(it->second));
    if (core::Utf8Length(*name) > kMaxNameChars)
      errors.push_back({"name", "error.village.too_long"});
  }
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  store.LockImports();
  auto record = VillageStore(lease, p).Exchange(code);
  if (!record) return core::NotFound();
  if (!errors.empty()) return core::Invalid(std::move(errors));
  record->exchange.lon = *lon;
  record->exchange.lat = *lat;
  if (name) record->exchange.name = *name;
  Save(store, *record, "moved");
  tx.Commit();
  return *record;
}

core::Status ExchangeEditor::Delete(core::ProgrammeId p, const std::string& code) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  store.LockImports();
  if (!VillageStore(lease, p).DeleteExchange(code)) return core::NotFound();
  store.RecordImport("exchanges", "deleted " + code, 1, {}, core::Now());
  tx.Commit();
  return core::Ok();
}

}  // namespace sohosolo::territory
