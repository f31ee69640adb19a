// The imports' extra attributes (import_extras.hpp) from GeoJSON properties and CSV columns.
#include "territory/communes/import_extras.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <initializer_list>

#include "core/text.hpp"
#include "territory/geo/csv.hpp"

namespace sohosolo::territory::communes_internal {

namespace {

namespace json = boost::json;

/// Words of a cell or property ("32290 32291", "32290,32291" or a JSON array), space-joined.
std::string Words(std::string_view text) {
  std::string out;
  for (auto word : core::Split(text, ' ')) {
    for (auto part : core::Split(word, ',')) {
      for (auto piece : core::Split(part, ';')) {
        piece = core::Trim(piece);
        if (piece.empty()) continue;
        if (!out.empty()) out += ' ';
        out += piece;
      }
    }
  }
  return out;
}

std::string WordsOf(const json::value* value) {
  if (!value) return {};
  if (value->is_string()) return Words(value->as_string());
  std::string out;
  if (!value->is_array()) return out;
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) continue;
    const auto words = Words(item.as_string());
    if (words.empty()) continue;
    if (!out.empty()) out += ' ';
    out += words;
  }
  return out;
}

/// Lower-case, de-duplicated technologies ("copper", "adsl2plus", ...).
std::string Technologies(std::initializer_list<std::string> sources) {
  std::vector<std::string> seen;
  for (const auto& source : sources) {
    for (auto word : core::Split(source, ' ')) {
      if (word.empty()) continue;
      auto lower = core::AsciiLower(word);
      if (std::find(seen.begin(), seen.end(), lower) == seen.end())
        seen.push_back(std::move(lower));
    }
  }
  std::string out;
  for (const auto& t : seen) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

bool AlphanumericWords(std::string_view words) {
  return std::all_of(words.begin(), words.end(), [](char c) {
    return c == ' ' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

/// A line count: absent or null is unknown, else a non-negative integer.
bool ReadLines(const json::value* value, std::optional<std::int64_t>& out) {
  if (!value || value->is_null()) return true;
  if (value->is_int64() && value->as_int64() >= 0) out = value->as_int64();
  if (value->is_uint64()) out = static_cast<std::int64_t>(value->as_uint64());
  return out.has_value();
}

bool ReadLines(std::string_view cell, std::optional<std::int64_t>& out) {
  cell = core::Trim(cell);
  if (cell.empty()) return true;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || ptr != cell.data() + cell.size() || value < 0) return false;
  out = value;
  return true;
}

/// The features' properties, or nothing when the document is not a FeatureCollection (the
/// model's parser reports that).
std::vector<const json::object*> FeatureProperties(const json::value& root) {
  std::vector<const json::object*> out;
  const auto* object = root.if_object();
  const auto* features = object ? object->if_contains("features") : nullptr;
  if (!features || !features->is_array()) return out;
  for (const auto& feature : features->as_array()) {
    const auto* f = feature.if_object();
    const auto* props = f ? f->if_contains("properties") : nullptr;
    out.push_back(props && props->is_object() ? &props->as_object() : nullptr);
  }
  return out;
}

void AddGeoJsonExtras(std::string_view text, bool exchanges, Extras& extras) {
  json::error_code ec;
  const auto root = json::parse(text, ec);
  if (ec) return;
  const auto properties = FeatureProperties(root);
  for (std::size_t i = 0; i < properties.size(); ++i) {
    const auto* props = properties[i];
    extras.where.push_back("feature " + std::to_string(i + 1));
    auto& postcodes = extras.postcodes.emplace_back();
    auto& lines = extras.lines.emplace_back();
    auto& technologies = extras.technologies.emplace_back();
    if (!props) continue;
    const auto get = [props](const char* name) { return props->if_contains(name); };
    if (!exchanges) {
      postcodes = WordsOf(get("codes_postaux") ? get("codes_postaux") : get("postcodes"));
      if (!AlphanumericWords(postcodes))
        extras.errors.push_back({extras.where.back(), "error.territory.bad_postcode"});
      continue;
    }
    if (!ReadLines(get("lines"), lines))
      extras.errors.push_back({extras.where.back(), "error.territory.bad_lines"});
    technologies = Technologies(
        {WordsOf(get("technologies")), WordsOf(get("telecom_medium")), WordsOf(get("dslam_tech"))});
  }
}

void AddCsvExtras(std::string_view text, bool exchanges, Extras& extras) {
  auto table = ParseCsv(text);
  if (!table) return;
  const auto column = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (const char* name : names) {
      if (auto c = table->Column(name)) return c;
    }
    return std::nullopt;
  };
  const auto postcodes = column({"codes_postaux", "postcodes"});
  const auto lines = column({"lines"});
  const auto technologies = column({"technologies"});
  const auto medium = column({"telecom_medium"});
  const auto dslam = column({"dslam_tech"});
  const auto cell = [](const CsvTable::Row& row, std::optional<std::size_t> c) {
    return c ? Words(row.cells[*c]) : std::string();
  };
  for (const auto& row : table->rows) {
    extras.where.push_back("line " + std::to_string(row.line));
    extras.postcodes.push_back(exchanges ? std::string() : cell(row, postcodes));
    auto& count = extras.lines.emplace_back();
    extras.technologies.push_back(
        exchanges ? Technologies({cell(row, technologies), cell(row, medium), cell(row, dslam)})
                  : std::string());
    if (!exchanges && !AlphanumericWords(extras.postcodes.back()))
      extras.errors.push_back(LineError(row.line, "codes_postaux", "error.territory.bad_postcode"));
    if (exchanges && lines && !ReadLines(row.cells[*lines], count))
      extras.errors.push_back(LineError(row.line, "lines", "error.territory.bad_lines"));
  }
}

}  // namespace

Extras ReadExtras(std::string_view text, FileFormat format, bool exchanges) {
  Extras extras;
  if (format == FileFormat::kGeoJson) {
    AddGeoJsonExtras(text, exchanges, extras);
  } else {
    AddCsvExtras(text, exchanges, extras);
  }
  return extras;
}

}  // namespace sohosolo::territory::communes_internal
