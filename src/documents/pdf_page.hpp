#pragma once
// Text laid out top to bottom on A4 PDF pages: cairo draws, pango sets the text (accents, the
// euro sign), a new page starts when the next block does not fit.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace sohosolo::documents {

inline constexpr double kPageWidth = 595.28;  // A4 in points
inline constexpr double kPageHeight = 841.89;
inline constexpr double kMargin = 56.0;

class PdfPages {
 public:
  /// Pages written to `out` as they are finished.
  explicit PdfPages(std::string& out);

  /// Writes `text` at `x` within `width` (on a new page when it does not fit); returns its
  /// height. `advance` false keeps y, for the columns of one line.
  double Text(const std::string& text, double x, double width, const char* font,
              bool advance = true, PangoAlignment align = PANGO_ALIGN_LEFT);
  /// The height `text` would take, without writing it.
  double Measure(const std::string& text, double width, const char* font);
  void Gap(double points) { y_ += points; }
  /// A horizontal line across the page.
  void Rule();
  /// Starts a new page unless `height` points still fit on this one.
  void Reserve(double height);
  double y() const { return y_; }
  void set_y(double y) { y_ = y; }
  /// Ends the last page and the file.
  void Finish();

 private:
  void Layout(const std::string& text, double width, const char* font, PangoAlignment align);

  std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface_;
  std::unique_ptr<cairo_t, void (*)(cairo_t*)> cr_;
  std::unique_ptr<PangoLayout, void (*)(void*)> layout_;
  double y_ = kMargin;
};

}  // namespace sohosolo::documents
