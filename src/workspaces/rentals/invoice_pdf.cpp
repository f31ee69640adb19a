#include "workspaces/rentals/invoice_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

namespace sohosolo::workspaces {

namespace {

constexpr double kPageWidth = 595.28;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.0;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

/// Lays text out top to bottom on as many pages as it needs.
class PageWriter {
 public:
  explicit PageWriter(std::string& out)
      : surface_(cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth, kPageHeight),
                 cairo_surface_destroy),
        cr_(cairo_create(surface_.get()), cairo_destroy),
        layout_(pango_cairo_create_layout(cr_.get()), g_object_unref) {
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error("cairo: no PDF surface");
  }

  /// Writes `text` at `x` within `width`; returns its height. `advance` false keeps y (columns).
  double Text(const std::string& text, double x, double width, const char* font,
              bool advance = true, PangoAlignment align = PANGO_ALIGN_LEFT) {
    std::unique_ptr<PangoFontDescription, void (*)(PangoFontDescription*)> desc(
        pango_font_description_from_string(font), pango_font_description_free);
    pango_layout_set_font_description(layout_.get(), desc.get());
    pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_.get(), align);
    pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout_.get(), &w, &h);
    if (y_ + h > kPageHeight - kMargin) NewPage();
    cairo_move_to(cr_.get(), x, y_);
    pango_cairo_show_layout(cr_.get(), layout_.get());
    if (advance) y_ += h;
    return h;
  }

  void Gap(double points) { y_ += points; }
  void Rule() {
    cairo_set_line_width(cr_.get(), 0.6);
    cairo_move_to(cr_.get(), kMargin, y_);
    cairo_line_to(cr_.get(), kPageWidth - kMargin, y_);
    cairo_stroke(cr_.get());
    y_ += 6;
  }
  double y() const { return y_; }
  void set_y(double y) { y_ = y; }

  void Finish() {
    cairo_show_page(cr_.get());
    cairo_surface_finish(surface_.get());
  }

 private:
  void NewPage() {
    cairo_show_page(cr_.get());
    y_ = kMargin;
  }

  std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface_;
  std::unique_ptr<cairo_t, void (*)(cairo_t*)> cr_;
  std::unique_ptr<PangoLayout, void (*)(void*)> layout_;
  double y_ = kMargin;
};

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

}  // namespace

std::string InvoicePdf(const InvoiceText& text) {
  std::string out;
  {
    PageWriter page(out);
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
