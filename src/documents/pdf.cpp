// A Document as an A4 PDF: the title, then each block; a table's columns share the width
// equally, the first one twice as wide, figures flush right; a row never breaks across pages.
#include <algorithm>

#include "documents/document.hpp"
#include "documents/pdf_page.hpp"

namespace sohosolo::documents {

namespace {

constexpr const char* kBody = "DejaVu Sans 10";
constexpr const char* kBold = "DejaVu Sans Bold 10";
constexpr const char* kCell = "DejaVu Sans 8.5";
constexpr const char* kHeaderCell = "DejaVu Sans Bold 8.5";

/// A number or a dash: set flush right in its column.
bool IsFigure(const std::string& cell) {
  return !cell.empty() && cell.find_first_not_of("0123456789.,-— %") == std::string::npos;
}

void WriteTable(PdfPages& page, const std::vector<std::vector<std::string>>& rows) {
  std::size_t columns = 0;
  for (const auto& row : rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  // A column of figures (every cell under the header) is set flush right, its header too.
  std::vector<PangoAlignment> align(columns, PANGO_ALIGN_RIGHT);
  align[0] = PANGO_ALIGN_LEFT;
  for (std::size_t r = 1; r < rows.size(); ++r)
    for (std::size_t c = 1; c < rows[r].size(); ++c)
      if (!IsFigure(rows[r][c])) align[c] = PANGO_ALIGN_LEFT;
  const double width = kPageWidth - 2 * kMargin;
  const double unit = width / static_cast<double>(columns + 1);
  const auto x_of = [&](std::size_t c) { return kMargin + (c == 0 ? 0 : unit * (c + 1)); };
  const auto width_of = [&](std::size_t c) { return (c == 0 ? 2 * unit : unit) - 6; };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const char* font = r == 0 ? kHeaderCell : kCell;
    double height = 0;
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      height = std::max(height, page.Measure(rows[r][c], width_of(c), font));
    // The header stays with the first row.
    page.Reserve(height + 3 + (r == 0 ? 30 : 0));
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      page.Text(rows[r][c], x_of(c), width_of(c), font, false, align[c]);
    page.Gap(height + 3);
    if (r == 0) page.Rule();
  }
}

}  // namespace

std::string ToPdf(const Document& document) {
  std::string out;
  PdfPages page(out);
  const double width = kPageWidth - 2 * kMargin;
  page.Text(document.title, kMargin, width, "DejaVu Sans Bold 15");
  if (!document.subtitle.empty()) page.Text(document.subtitle, kMargin, width, "DejaVu Sans 9");
  page.Gap(12);
  for (const auto& block : document.blocks) {
    switch (block.kind) {
      case Block::Kind::kHeading:
        // A heading keeps at least two lines of what follows with it.
        page.Reserve(page.Measure(block.text, width, kBold) + 30);
        page.Gap(6);
        page.Text(block.text, kMargin, width, kBold);
        page.Gap(3);
        break;
      case Block::Kind::kParagraph:
        page.Text(block.text, kMargin, width, kBody, true, PANGO_ALIGN_LEFT);
        page.Gap(5);
        break;
      case Block::Kind::kTable:
        WriteTable(page, block.rows);
        page.Gap(8);
        break;
    }
  }
  page.Finish();
  return out;
}

}  // namespace sohosolo::documents
