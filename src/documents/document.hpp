#pragma once
// A document as plain blocks (a title, headings, paragraphs, tables), written out as an ODT
// package (libodfgen), a PDF (cairo and pango) or, for tables, an XLSX workbook
// (libxlsxwriter). The modules say what a document holds; this part only says how it looks.

#include <string>
#include <vector>

namespace sohosolo::documents {

struct Block {
  enum class Kind { kHeading, kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  std::string text;                            ///< A heading's or a paragraph's.
  std::vector<std::vector<std::string>> rows;  ///< A table's; the first row is its header.
};

struct Document {
  std::string title;
  std::string subtitle;  ///< Under the title (a date, a demo notice); may be empty.
  std::vector<Block> blocks;

  Document& Heading(std::string text);
  Document& Paragraph(std::string text);
  Document& Table(std::vector<std::vector<std::string>> rows);
};

/// A table of a workbook: its sheet's name (31 characters at most) and its rows, header first.
struct Sheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;
};

/// The document as an OpenDocument text package (.odt), in memory.
std::string ToOdt(const Document& document);
/// The document as an A4 PDF, in memory.
std::string ToPdf(const Document& document);
/// The sheets as an XLSX workbook, in memory; a cell that reads as a number is written as one.
std::string ToXlsx(const std::vector<Sheet>& sheets);

}  // namespace sohosolo::documents
