#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sohosolo::territory {

/// A CSV file read into memory: its header and its data rows.
struct CsvTable {
  struct Row {
    int line = 0;  ///< Line number in the file (1 is the header), for error messages.
    std::vector<std::string> cells;
  };
  std::vector<std::string> header;
  std::vector<Row> rows;

  /// Index of the column named `name`, if the header has it.
  std::optional<std::size_t> Column(std::string_view name) const;
};

/// Reads RFC 4180 CSV: comma-separated, quoted fields with "" escapes (they may span lines),
/// LF or CRLF line ends, an optional UTF-8 byte order mark; blank lines are skipped. Fails with
/// kMalformed on empty input, an unterminated quote, or rows whose cell count differs from the
/// header's (one field error "line N" per such row).
core::Result<CsvTable> ParseCsv(std::string_view text);

/// A decimal number cell (surrounding spaces allowed); nullopt when it is not a finite number.
std::optional<double> ParseNumber(std::string_view cell);

/// A field error located at `line` of a CSV file, e.g. {"line 12: population", key}.
core::FieldError LineError(int line, std::string_view column, std::string key);

}  // namespace sohosolo::territory
