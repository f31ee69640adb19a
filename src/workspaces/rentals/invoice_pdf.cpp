#include "workspaces/rentals/invoice_pdf.hpp"

#include <algorithm>

#include "documents/pdf_page.hpp"

namespace sohosolo::workspaces {

namespace {

using documents::kMargin;
using documents::kPageWidth;

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

}  // namespace

std::string InvoicePdf(const InvoiceText& text) {
  std::string out;
  {
    documents::PdfPages page(out);
    const double width = kPageWidth - 2 * kMargin;
    const double half = width / 2 - 10;
    page.Text(text.title, kMargin, width, "DejaVu Sans Bold 16");
    if (!text.demo_notice.empty())
      page.Text(text.demo_notice, kMargin, width, "DejaVu Sans Bold 10");
    page.Gap(14);
    const double top = page.y();
    const double left = page.Text(Joined(text.seller), kMargin, half, "DejaVu Sans 9.5", false);
    const double right =
        page.Text(Joined(text.buyer), kMargin + width / 2 + 10, half, "DejaVu Sans 9.5", false);
    page.set_y(top + std::max(left, right) + 14);
    page.Text(Joined(text.dates), kMargin, width, "DejaVu Sans 9.5");
    page.Gap(16);
    const double amount_width = 110;
    page.Text(text.line_heading, kMargin, width - amount_width, "DejaVu Sans Bold 9.5", false);
    page.Text(text.amount_heading, kPageWidth - kMargin - amount_width, amount_width,
              "DejaVu Sans Bold 9.5", true, PANGO_ALIGN_RIGHT);
    page.Rule();
    const double line =
        page.Text(text.line, kMargin, width - amount_width - 10, "DejaVu Sans 9.5", false);
    page.Text(text.line_amount, kPageWidth - kMargin - amount_width, amount_width,
              "DejaVu Sans 9.5", false, PANGO_ALIGN_RIGHT);
    page.Gap(line + 4);
    page.Rule();
    for (const auto& [label, amount] : text.totals) {
      page.Text(label, kMargin + width / 2, half - amount_width + 10, "DejaVu Sans 9.5", false);
      page.Text(amount, kPageWidth - kMargin - amount_width, amount_width, "DejaVu Sans Bold 9.5",
                true, PANGO_ALIGN_RIGHT);
    }
    page.Gap(20);
    for (const auto& mention : text.mentions) {
      page.Text(mention, kMargin, width, "DejaVu Sans 8.5");
      page.Gap(4);
    }
    page.Finish();
  }
  return out;
}

}  // namespace sohosolo::workspaces
