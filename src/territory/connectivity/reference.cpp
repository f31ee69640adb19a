#include "territory/connectivity/reference.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <stdexcept>

#include "core/resources.hpp"
#include "territory/geo/csv.hpp"

namespace sohosolo::territory {

namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;

// The first of `names` that the header has; the shared reference files and our own short names
// are both accepted.
std::optional<std::size_t> FindColumn(const CsvTable& table,
                                      std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (auto column = table.Column(name)) return column;
  }
  return std::nullopt;
}

Error MissingColumn(const char* name) {
  return Error{ErrorCode::kInvalid,
               "error.reference.missing_column",
               {{name, "error.csv.missing_column"}},
               {}};
}

// Reads a numeric cell, recording a field error when it is not a number.
double NumberCell(const CsvTable::Row& row, const CsvTable& table, std::size_t column,
                  std::vector<FieldError>& errors) {
  if (auto value = ParseNumber(row.cells[column])) return *value;
  errors.push_back(LineError(row.line, table.header[column], "error.csv.not_a_number"));
  return 0;
}

// Rates are inverted to find reach distances, so the table must be a monotone function.
std::vector<FieldError> CheckRateTable(const std::vector<RatePoint>& rates) {
  std::vector<FieldError> errors;
  if (rates.size() < 2) errors.push_back({"rates", "error.reference.too_few_rows"});
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const auto& r = rates[i];
    const std::string where = "rates[" + std::to_string(i) + "]";
    if (r.attenuation_db < 0 || r.adsl_mbps < 0 || r.adsl2plus_mbps < 0) {
      errors.push_back({where, "error.reference.negative"});
    }
    if (i == 0) continue;
    const auto& prev = rates[i - 1];
    if (r.attenuation_db <= prev.attenuation_db) {
      errors.push_back({where, "error.reference.attenuation_not_increasing"});
    }
    if (r.adsl_mbps > prev.adsl_mbps || r.adsl2plus_mbps > prev.adsl2plus_mbps) {
      errors.push_back({where, "error.reference.rate_increasing"});
    }
  }
  return errors;
}

// Small readers of the JSON configuration; each records a field error named by its JSON path.
class JsonReader {
 public:
  std::vector<FieldError> errors;

  const boost::json::value* Member(const boost::json::object& object, const std::string& path,
                                   const char* name) {
    const auto* value = object.if_contains(name);
    if (!value) errors.push_back({path + name, "error.reference.missing"});
    return value;
  }

  double Number(const boost::json::object& object, const std::string& path, const char* name) {
    const auto* value = Member(object, path, name);
    if (!value) return 0;
    if (!value->is_number()) {
      errors.push_back({path + name, "error.reference.not_a_number"});
      return 0;
    }
    return value->to_number<double>();
  }

  // A parameter written as {"value": x, "note": ..., "sources": [...]}.
  double Value(const boost::json::object& root, const char* name) {
    const auto* entry = Member(root, "", name);
    if (!entry) return 0;
    if (!entry->is_object()) {
      errors.push_back({name, "error.reference.not_an_object"});
      return 0;
    }
    return Number(entry->as_object(), std::string(name) + ".", "value");
  }

  const boost::json::object* Object(const boost::json::object& root, const char* name) {
    const auto* entry = Member(root, "", name);
    if (entry && entry->is_object()) return &entry->as_object();
    if (entry) errors.push_back({name, "error.reference.not_an_object"});
    return nullptr;
  }

  const boost::json::array* Rows(const boost::json::object& table, const std::string& path) {
    const auto* rows = Member(table, path, "rows");
    if (rows && rows->is_array()) return &rows->as_array();
    if (rows) errors.push_back({path + "rows", "error.reference.not_an_array"});
    return nullptr;
  }
};

std::string SourcesText(const boost::json::object& row) {
  std::string text;
  const auto* sources = row.if_contains("sources");
  if (!sources || !sources->is_array()) return text;
  for (const auto& source : sources->as_array()) {
    const boost::json::value* url =
        source.is_object() ? source.as_object().if_contains("url") : &source;
    if (!url || !url->is_string()) continue;
    if (!text.empty()) text += "; ";
    text += url->as_string();
  }
  return text;
}

void ReadGauges(JsonReader& reader, const boost::json::object& root, AdslParameters& params) {
  const auto* table = reader.Object(root, "cable_gauges");
  const auto* rows = table ? reader.Rows(*table, "cable_gauges.") : nullptr;
  if (!rows) return;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const std::string path = "cable_gauges.rows[" + std::to_string(i) + "].";
    if (!(*rows)[i].is_object()) {
      reader.errors.push_back({path, "error.reference.not_an_object"});
      continue;
    }
    const auto& row = (*rows)[i].as_object();
    params.gauges.push_back({reader.Number(row, path, "gauge_mm"),
                             reader.Number(row, path, "db_per_km"), SourcesText(row)});
  }
}

void ReadRates(JsonReader& reader, const boost::json::object& root, AdslParameters& params) {
  const auto* table = reader.Object(root, "rate_vs_attenuation");
  if (!table) return;
  if (const auto* url = table->if_contains("url"); url && url->is_string()) {
    params.rates_source = std::string(url->as_string());
  }
  if (const auto* beyond = table->if_contains("beyond_table")) {
    if (beyond->is_string() && beyond->as_string() == "hold_last") {
      params.beyond_table = BeyondTable::kHoldLast;
    } else if (!beyond->is_string() || beyond->as_string() != "extrapolate") {
      reader.errors.push_back(
          {"rate_vs_attenuation.beyond_table", "error.reference.unknown_choice"});
    }
  }
  const auto* rows = reader.Rows(*table, "rate_vs_attenuation.");
  if (!rows) return;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const std::string path = "rate_vs_attenuation.rows[" + std::to_string(i) + "].";
    if (!(*rows)[i].is_object()) {
      reader.errors.push_back({path, "error.reference.not_an_object"});
      continue;
    }
    const auto& row = (*rows)[i].as_object();
    params.rates.push_back({reader.Number(row, path, "attenuation_db"),
                            reader.Number(row, path, "adsl_mbps"),
                            reader.Number(row, path, "adsl2plus_mbps")});
  }
}

}  // namespace

core::Result<std::vector<CableGauge>> ParseGaugeTableCsv(std::string_view text) {
  auto table = ParseCsv(text);
  if (!table) return table.error();
  const auto gauge = FindColumn(*table, {"conductor_diameter_mm", "gauge_mm"});
  const auto db = FindColumn(*table, {"attenuation_db_per_km_at_300khz", "db_per_km"});
  const auto source = table->Column("source");
  if (!gauge) return MissingColumn("conductor_diameter_mm");
  if (!db) return MissingColumn("attenuation_db_per_km_at_300khz");
  std::vector<FieldError> errors;
  std::vector<CableGauge> gauges;
  for (const auto& row : table->rows) {
    CableGauge g{NumberCell(row, *table, *gauge, errors), NumberCell(row, *table, *db, errors),
                 source ? row.cells[*source] : std::string()};
    if (g.gauge_mm <= 0 || g.db_per_km <= 0) {
      errors.push_back(LineError(row.line, "", "error.reference.not_positive"));
    }
    gauges.push_back(std::move(g));
  }
  if (gauges.empty()) errors.push_back({"rows", "error.reference.too_few_rows"});
  if (!errors.empty())
    return Error{ErrorCode::kInvalid, "error.reference.invalid_gauges", errors, {}};
  return gauges;
}

core::Result<std::vector<RatePoint>> ParseRateTableCsv(std::string_view text) {
  auto table = ParseCsv(text);
  if (!table) return table.error();
  const auto attenuation = table->Column("attenuation_db");
  const auto adsl = FindColumn(*table, {"rate_adsl1_adsl2_mbps", "adsl_mbps"});
  const auto adsl2plus = FindColumn(*table, {"rate_adsl2plus_mbps", "adsl2plus_mbps"});
  if (!attenuation) return MissingColumn("attenuation_db");
  if (!adsl) return MissingColumn("rate_adsl1_adsl2_mbps");
  if (!adsl2plus) return MissingColumn("rate_adsl2plus_mbps");
  std::vector<FieldError> errors;
  std::vector<RatePoint> rates;
  for (const auto& row : table->rows) {
    rates.push_back({NumberCell(row, *table, *attenuation, errors),
                     NumberCell(row, *table, *adsl, errors),
                     NumberCell(row, *table, *adsl2plus, errors)});
  }
  // Order errors are only meaningful once every cell is a number.
  if (errors.empty()) errors = CheckRateTable(rates);
  if (!errors.empty())
    return Error{ErrorCode::kInvalid, "error.reference.invalid_rates", errors, {}};
  return rates;
}

core::Result<AdslParameters> ParseAdslParametersJson(std::string_view text, std::string origin) {
  boost::json::error_code ec;
  const auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return Error::Of(ErrorCode::kMalformed, "error.reference.bad_json");
  const auto& root = value.as_object();
  JsonReader reader;
  AdslParameters params;
  params.origin = std::move(origin);
  params.detour_factor = reader.Value(root, "detour_factor");
  params.gauge_mm = reader.Value(root, "gauge_mm");
  params.no_adsl_above_db = reader.Value(root, "no_adsl_above_db");
  if (const auto* readsl = reader.Object(root, "readsl")) {
    params.readsl_above_db = reader.Number(*readsl, "readsl.", "above_db");
    params.readsl_mbps = reader.Number(*readsl, "readsl.", "rate_mbps");
  }
  ReadGauges(reader, root, params);
  ReadRates(reader, root, params);
  if (!reader.errors.empty()) {
    return Error{ErrorCode::kInvalid, "error.reference.invalid_parameters", reader.errors, {}};
  }
  if (auto valid = ValidateAdslParameters(params); !valid) return valid.error();
  return params;
}

namespace {

/// An optional positive number written bare or as {"value": x, ...}; nullopt when absent.
std::optional<double> OptionalPositive(const boost::json::object& root, const char* name,
                                       double max, std::vector<FieldError>& errors) {
  const auto* entry = root.if_contains(name);
  if (!entry || entry->is_null()) return std::nullopt;
  const boost::json::value* number = entry;
  if (entry->is_object()) number = entry->as_object().if_contains("value");
  if (!number || !number->is_number()) {
    errors.push_back({name, "error.reference.not_a_number"});
    return std::nullopt;
  }
  const double value = number->to_number<double>();
  if (!(value > 0 && value <= max)) {
    errors.push_back({name, "error.reference.out_of_range"});
    return std::nullopt;
  }
  return value;
}

// Relays beyond this reach are not WiFi relays any more (wifi.hpp's kMaxRelayRadiusKm).
constexpr double kMaxWifiRadiusKm = 50;
// Larger than any territory a programme runs (metropolitan France: 551,695 km²).
constexpr double kMaxOfficialAreaKm2 = 1e7;

}  // namespace

core::Result<ProgrammeParameters> ParseProgrammeParametersJson(std::string_view text,
                                                               std::string origin) {
  auto adsl = ParseAdslParametersJson(text, std::move(origin));
  if (!adsl) return adsl.error();
  // ParseAdslParametersJson accepted it, so it is a JSON object.
  const auto value = boost::json::parse(text);
  const auto& root = value.as_object();
  std::vector<FieldError> errors;
  ProgrammeParameters params;
  params.adsl = std::move(*adsl);
  params.official_area_km2 =
      OptionalPositive(root, "official_area_km2", kMaxOfficialAreaKm2, errors);
  params.wifi_radius_km = OptionalPositive(root, "wifi_radius_km", kMaxWifiRadiusKm, errors)
                              .value_or(kDefaultWifiRadiusKm);
  if (const auto* list = root.if_contains("exchange_list")) {
    if (list->is_string() && (list->as_string() == "partial" || list->as_string() == "complete"))
      params.exchanges_partial = list->as_string() == "partial";
    else
      errors.push_back({"exchange_list", "error.reference.bad_exchange_list"});
  }
  if (!errors.empty())
    return Error{ErrorCode::kInvalid, "error.reference.invalid_parameters", errors, {}};
  return params;
}

std::string DefaultsWithOfficialArea(double km2, std::string_view note, bool exchanges_partial) {
  const auto text = core::FindResource(kAdslDefaultsResource);
  if (!text)
    throw std::runtime_error("embedded resource missing: " + std::string(kAdslDefaultsResource));
  auto document = boost::json::parse(*text).as_object();
  document["official_area_km2"] = {{"value", km2}, {"note", note}};
  if (exchanges_partial) document["exchange_list"] = "partial";
  return boost::json::serialize(document);
}

const ProgrammeParameters& DefaultProgrammeParameters() {
  static const ProgrammeParameters defaults{DefaultAdslParameters(), std::nullopt,
                                            kDefaultWifiRadiusKm};
  return defaults;
}

const AdslParameters& DefaultAdslParameters() {
  static const AdslParameters defaults = [] {
    const auto text = core::FindResource(kAdslDefaultsResource);
    if (!text)
      throw std::runtime_error("embedded resource missing: " + std::string(kAdslDefaultsResource));
    auto params = ParseAdslParametersJson(*text, std::string(kAdslDefaultsResource));
    if (!params) {
      std::string detail = params.error().message_key;
      for (const auto& field : params.error().fields)
        detail += "; " + field.field + ": " + field.message_key;
      throw std::runtime_error("embedded " + std::string(kAdslDefaultsResource) +
                               " is invalid: " + detail);
    }
    return std::move(*params);
  }();
  return defaults;
}

std::optional<double> DbPerKm(const AdslParameters& params) {
  for (const auto& gauge : params.gauges) {
    // Gauges are written with one or two decimals; compare with a tolerance, not ==.
    if (std::abs(gauge.gauge_mm - params.gauge_mm) < 1e-9) return gauge.db_per_km;
  }
  return std::nullopt;
}

core::Status ValidateAdslParameters(const AdslParameters& params) {
  std::vector<FieldError> errors;
  if (!(params.detour_factor >= 1))
    errors.push_back({"detour_factor", "error.reference.detour_below_one"});
  if (!DbPerKm(params)) errors.push_back({"gauge_mm", "error.reference.unknown_gauge"});
  for (const auto& gauge : params.gauges) {
    if (!(gauge.db_per_km > 0)) errors.push_back({"cable_gauges", "error.reference.not_positive"});
  }
  for (auto& error : CheckRateTable(params.rates)) errors.push_back(std::move(error));
  if (!(params.readsl_above_db > 0 && params.readsl_above_db <= params.no_adsl_above_db)) {
    errors.push_back({"readsl.above_db", "error.reference.bad_readsl_band"});
  }
  if (!(params.readsl_mbps >= 0))
    errors.push_back({"readsl.rate_mbps", "error.reference.negative"});
  if (!errors.empty())
    return Error{ErrorCode::kInvalid, "error.reference.invalid_parameters", errors, {}};
  return core::Ok();
}

}  // namespace sohosolo::territory
