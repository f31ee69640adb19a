#include "documents/document.hpp"

namespace sohosolo::documents {

Document& Document::Heading(std::string text) {
  blocks.push_back({Block::Kind::kHeading, std::move(text), {}});
  return *this;
}

Document& Document::Paragraph(std::string text) {
  blocks.push_back({Block::Kind::kParagraph, std::move(text), {}});
  return *this;
}

Document& Document::Table(std::vector<std::vector<std::string>> rows) {
  blocks.push_back({Block::Kind::kTable, {}, std::move(rows)});
  return *this;
}

}  // namespace sohosolo::documents
