// Sheets as an XLSX workbook through libxlsxwriter. The library writes to a file only (Debian's
// 1.1.4 has no memory output), so the workbook goes through a private temporary file.
#include <unistd.h>
#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "documents/document.hpp"

namespace sohosolo::documents {

namespace {

/// A cell that is a plain decimal number (no leading zero but "0", as "01" is a code).
std::optional<double> AsNumber(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  if (text.size() > 1 && text[0] == '0' && text[1] != '.') return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;  // "inf" and "nan" parse, but are no cell's number
  return value;
}

void WriteSheet(lxw_workbook* book, const Sheet& sheet, lxw_format* bold) {
  lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.substr(0, 31).c_str());
  if (!ws) throw std::runtime_error("xlsx: bad sheet name " + sheet.name);
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const auto& cell = sheet.rows[r][c];
      const auto row = static_cast<lxw_row_t>(r);
      const auto col = static_cast<lxw_col_t>(c);
      if (const auto number = r == 0 ? std::nullopt : AsNumber(cell))
        worksheet_write_number(ws, row, col, *number, nullptr);
      else
        worksheet_write_string(ws, row, col, cell.c_str(), r == 0 ? bold : nullptr);
    }
  }
  worksheet_set_column(ws, 0, 0, 34, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
}

}  // namespace

std::string ToXlsx(const std::vector<Sheet>& sheets) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/sohosolo-xlsx-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("xlsx: no temporary file");
  close(fd);
  struct Remove {
    const std::string& path;
    ~Remove() { unlink(path.c_str()); }
  } remove{path};
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) throw std::runtime_error("xlsx: cannot create the workbook");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  try {
    for (const auto& sheet : sheets) WriteSheet(book, sheet, bold);
  } catch (...) {
    workbook_close(book);  // frees the workbook; the file goes with `remove`
    throw;
  }
  if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace sohosolo::documents
