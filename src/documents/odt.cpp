// A Document as an OpenDocument text package: libodfgen writes the ODF vocabulary (content,
// styles, meta, manifest) through librevenge's text interface; libzip packs the streams, the
// uncompressed "mimetype" first as the format requires.
#include <librevenge/librevenge.h>
#include <zip.h>

#include <libodfgen/libodfgen.hxx>
#include <map>
#include <memory>
#include <stdexcept>

#include "documents/document.hpp"

namespace sohosolo::documents {

namespace {

/// Serialises what libodfgen emits into one XML stream.
class XmlStream : public OdfDocumentHandler {
 public:
  void startDocument() override { xml_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }
  void endDocument() override {}
  void startElement(const char* name, const librevenge::RVNGPropertyList& attributes) override {
    xml_ += '<';
    xml_ += name;
    librevenge::RVNGPropertyList::Iter it(attributes);
    for (it.rewind(); it.next();) {
      if (it.child()) continue;
      xml_ += ' ';
      xml_ += it.key();
      xml_ += "=\"";
      xml_ += librevenge::RVNGString::escapeXML(it()->getStr()).cstr();
      xml_ += '"';
    }
    xml_ += '>';
  }
  void endElement(const char* name) override {
    xml_ += "</";
    xml_ += name;
    xml_ += '>';
  }
  void characters(const librevenge::RVNGString& text) override {
    xml_ += librevenge::RVNGString::escapeXML(text).cstr();
  }
  const std::string& xml() const { return xml_; }

 private:
  std::string xml_;
};

librevenge::RVNGPropertyList Span(bool bold, double points) {
  librevenge::RVNGPropertyList span;
  span.insert("style:font-name", "DejaVu Sans");
  span.insert("fo:font-size", points, librevenge::RVNG_POINT);
  if (bold) span.insert("fo:font-weight", "bold");
  return span;
}

/// A paragraph of one run of text; line breaks in `text` stay line breaks.
void WriteParagraph(OdtGenerator& odt, const librevenge::RVNGPropertyList& paragraph,
                    const librevenge::RVNGPropertyList& span, const std::string& text) {
  odt.openParagraph(paragraph);
  odt.openSpan(span);
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    odt.insertText(librevenge::RVNGString(text.substr(start, end - start).c_str()));
    if (end == std::string::npos) break;
    odt.insertLineBreak();
    start = end + 1;
  }
  odt.closeSpan();
  odt.closeParagraph();
}

void WriteTable(OdtGenerator& odt, const std::vector<std::vector<std::string>>& rows) {
  std::size_t columns = 0;
  for (const auto& row : rows) columns = std::max(columns, row.size());
  librevenge::RVNGPropertyListVector widths;
  for (std::size_t c = 0; c < columns; ++c) {
    librevenge::RVNGPropertyList column;
    column.insert("style:column-width", c == 0 ? 2.4 : 6.6 / static_cast<double>(columns),
                  librevenge::RVNG_INCH);
    widths.append(column);
  }
  librevenge::RVNGPropertyList table;
  table.insert("librevenge:table-columns", widths);
  odt.openTable(table);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    librevenge::RVNGPropertyList row;
    if (r == 0) row.insert("librevenge:is-header-row", true);
    odt.openTableRow(row);
    for (const auto& cell : rows[r]) {
      odt.openTableCell(librevenge::RVNGPropertyList());
      WriteParagraph(odt, librevenge::RVNGPropertyList(), Span(r == 0, 9), cell);
      odt.closeTableCell();
    }
    odt.closeTableRow();
  }
  odt.closeTable();
}

void WriteBody(OdtGenerator& odt, const Document& document) {
  librevenge::RVNGPropertyList title;
  title.insert("text:outline-level", 1);
  WriteParagraph(odt, title, Span(true, 16), document.title);
  librevenge::RVNGPropertyList body;
  body.insert("fo:margin-bottom", 0.08, librevenge::RVNG_INCH);
  if (!document.subtitle.empty()) WriteParagraph(odt, body, Span(false, 9), document.subtitle);
  librevenge::RVNGPropertyList heading;
  heading.insert("text:outline-level", 2);
  heading.insert("fo:margin-top", 0.12, librevenge::RVNG_INCH);
  heading.insert("fo:keep-with-next", "always");
  for (const auto& block : document.blocks) {
    switch (block.kind) {
      case Block::Kind::kHeading:
        WriteParagraph(odt, heading, Span(true, 11), block.text);
        break;
      case Block::Kind::kParagraph:
        WriteParagraph(odt, body, Span(false, 10), block.text);
        break;
      case Block::Kind::kTable:
        WriteTable(odt, block.rows);
        break;
    }
  }
}

/// Packs the streams into a zip in memory.
std::string Package(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw std::runtime_error("libzip: no buffer");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    throw std::runtime_error("libzip: cannot open the buffer");
  }
  zip_source_keep(buffer);
  for (const auto& [name, data] : entries) {
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    const auto index = source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source) zip_source_free(source);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("libzip: cannot add " + name);
    }
    if (name == "mimetype") zip_set_file_compression(archive, index, ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("libzip: cannot write the package");
  }
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> owned(buffer, zip_source_free);
  zip_stat_t stat;
  if (zip_source_stat(buffer, &stat) != 0 || zip_source_open(buffer) != 0)
    throw std::runtime_error("libzip: cannot read the package");
  std::string out(stat.size, '\0');
  const auto read = zip_source_read(buffer, out.data(), stat.size);
  zip_source_close(buffer);
  if (read != static_cast<zip_int64_t>(stat.size)) throw std::runtime_error("libzip: short read");
  return out;
}

}  // namespace

std::string ToOdt(const Document& document) {
  std::map<OdfStreamType, XmlStream> streams;
  OdtGenerator odt;
  for (const auto type : {ODF_CONTENT_XML, ODF_STYLES_XML, ODF_META_XML, ODF_MANIFEST_XML})
    odt.addDocumentHandler(&streams[type], type);
  librevenge::RVNGPropertyList meta;
  meta.insert("dc:title", document.title.c_str());
  odt.setDocumentMetaData(meta);
  odt.startDocument(librevenge::RVNGPropertyList());
  librevenge::RVNGPropertyList page;  // A4, 2 cm margins
  page.insert("fo:page-width", 21.0 / 2.54, librevenge::RVNG_INCH);
  page.insert("fo:page-height", 29.7 / 2.54, librevenge::RVNG_INCH);
  for (const char* side :
       {"fo:margin-left", "fo:margin-right", "fo:margin-top", "fo:margin-bottom"})
    page.insert(side, 2.0 / 2.54, librevenge::RVNG_INCH);
  odt.openPageSpan(page);
  WriteBody(odt, document);
  odt.closePageSpan();
  odt.endDocument();
  return Package({{"mimetype", "application/vnd.oasis.opendocument.text"},
                  {"content.xml", streams[ODF_CONTENT_XML].xml()},
                  {"styles.xml", streams[ODF_STYLES_XML].xml()},
                  {"meta.xml", streams[ODF_META_XML].xml()},
                  {"META-INF/manifest.xml", streams[ODF_MANIFEST_XML].xml()}});
}

}  // namespace sohosolo::documents
