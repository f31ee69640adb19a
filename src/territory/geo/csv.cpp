#include "territory/geo/csv.hpp"

#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace sohosolo::territory {

namespace {

using core::Error;
using core::ErrorCode;

// Splits the text into records; a quoted field may hold commas, quotes ("") and line breaks.
struct Reader {
  std::string_view text;
  std::size_t pos = 0;
  int line = 1;

  bool AtEnd() const { return pos >= text.size(); }

  // Reads one record starting at `pos`; false on an unterminated quote.
  bool Next(std::vector<std::string>& cells) {
    cells.assign(1, std::string());
    while (pos < text.size()) {
      const char c = text[pos];
      if (c == '"' && cells.back().empty()) {
        if (!ReadQuoted(cells.back())) return false;
        continue;
      }
      ++pos;
      if (c == ',') {
        cells.emplace_back();
      } else if (c == '\n') {
        ++line;
        break;
      } else if (c != '\r') {
        cells.back() += c;
      }
    }
    return true;
  }

  bool ReadQuoted(std::string& cell) {
    ++pos;  // opening quote
    while (pos < text.size()) {
      const char c = text[pos++];
      if (c == '\n') ++line;
      if (c != '"') {
        cell += c;
        continue;
      }
      if (pos < text.size() && text[pos] == '"') {
        cell += '"';
        ++pos;
        continue;
      }
      return true;
    }
    return false;
  }
};

bool IsBlank(const std::vector<std::string>& cells) {
  return cells.size() == 1 && core::Trim(cells.front()).empty();
}

}  // namespace

std::optional<std::size_t> CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

core::FieldError LineError(int line, std::string_view column, std::string key) {
  std::string where = "line " + std::to_string(line);
  if (!column.empty()) where += ": " + std::string(column);
  return {std::move(where), std::move(key)};
}

core::Result<CsvTable> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Reader reader{text};
  CsvTable table;
  std::vector<std::string> cells;
  // The header is the first non-blank record.
  while (!reader.AtEnd() && table.header.empty()) {
    const int line = reader.line;
    if (!reader.Next(cells)) {
      return Error{ErrorCode::kMalformed,
                   "error.csv.malformed",
                   {LineError(line, "", "error.csv.unterminated_quote")},
                   {}};
    }
    if (IsBlank(cells)) continue;
    for (auto& cell : cells) table.header.emplace_back(core::Trim(cell));
  }
  if (table.header.empty()) return Error::Of(ErrorCode::kMalformed, "error.csv.empty");

  std::vector<core::FieldError> errors;
  while (!reader.AtEnd()) {
    const int line = reader.line;
    if (!reader.Next(cells)) {
      errors.push_back(LineError(line, "", "error.csv.unterminated_quote"));
      break;
    }
    if (IsBlank(cells)) continue;
    if (cells.size() != table.header.size()) {
      errors.push_back(LineError(line, "", "error.csv.cell_count"));
      continue;
    }
    table.rows.push_back({line, cells});
  }
  if (!errors.empty()) return Error{ErrorCode::kMalformed, "error.csv.malformed", errors, {}};
  return table;
}

std::optional<double> ParseNumber(std::string_view cell) {
  cell = core::Trim(cell);
  if (cell.starts_with('+')) cell.remove_prefix(1);
  double value = 0;
  const auto* end = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), end, value);
  if (cell.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace sohosolo::territory
