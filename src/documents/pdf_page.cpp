#include "documents/pdf_page.hpp"

#include <cairo-pdf.h>

#include <stdexcept>

namespace sohosolo::documents {

namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

PdfPages::PdfPages(std::string& out)
    : surface_(cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth, kPageHeight),
               cairo_surface_destroy),
      cr_(cairo_create(surface_.get()), cairo_destroy),
      layout_(pango_cairo_create_layout(cr_.get()), g_object_unref) {
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo: no PDF surface");
}

void PdfPages::Layout(const std::string& text, double width, const char* font,
                      PangoAlignment align) {
  std::unique_ptr<PangoFontDescription, void (*)(PangoFontDescription*)> desc(
      pango_font_description_from_string(font), pango_font_description_free);
  pango_layout_set_font_description(layout_.get(), desc.get());
  pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout_.get(), align);
  pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
}

double PdfPages::Measure(const std::string& text, double width, const char* font) {
  Layout(text, width, font, PANGO_ALIGN_LEFT);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout_.get(), &w, &h);
  return h;
}

double PdfPages::Text(const std::string& text, double x, double width, const char* font,
                      bool advance, PangoAlignment align) {
  Layout(text, width, font, align);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout_.get(), &w, &h);
  Reserve(h);
  cairo_move_to(cr_.get(), x, y_);
  pango_cairo_show_layout(cr_.get(), layout_.get());
  if (advance) y_ += h;
  return h;
}

void PdfPages::Rule() {
  cairo_set_line_width(cr_.get(), 0.6);
  cairo_move_to(cr_.get(), kMargin, y_);
  cairo_line_to(cr_.get(), kPageWidth - kMargin, y_);
  cairo_stroke(cr_.get());
  y_ += 6;
}

void PdfPages::Reserve(double height) {
  if (y_ + height <= kPageHeight - kMargin) return;
  cairo_show_page(cr_.get());
  y_ = kMargin;
}

void PdfPages::Finish() {
  cairo_show_page(cr_.get());
  cairo_surface_finish(surface_.get());
}

}  // namespace sohosolo::documents
