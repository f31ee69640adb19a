#include "journeys/documents/model.hpp"

#include "core/crypto.hpp"

namespace sohosolo::journeys {

namespace {

constexpr std::string_view kOdt = "application/vnd.oasis.opendocument.text";
constexpr std::string_view kDocx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string DocumentType(std::string_view bytes) {
  if (StartsWith(bytes, "%PDF-")) return "application/pdf";
  if (auto image = core::ImageType(bytes); !image.empty()) return image;
  if (!StartsWith(bytes, "PK\x03\x04")) return "";
  // An ODF package stores its "mimetype" entry first, uncompressed: the type is in clear at 38.
  if (bytes.size() >= 38 + kOdt.size() && bytes.substr(30, 8) == "mimetype" &&
      bytes.substr(38, kOdt.size()) == kOdt)
    return std::string(kOdt);
  // An Office Open XML package names its parts in the local headers; a Word document has a
  // word/document.xml part, and one with macros (vbaProject.bin, a .docm) is not accepted.
  if (bytes.find("[Content_Types].xml") != std::string_view::npos &&
      bytes.find("word/document.xml") != std::string_view::npos &&
      bytes.find("vbaProject.bin") == std::string_view::npos)
    return std::string(kDocx);
  return "";
}

std::string DocumentExtension(std::string_view content_type) {
  if (content_type == "application/pdf") return "pdf";
  if (content_type == "image/jpeg") return "jpg";
  if (content_type == "image/png") return "png";
  if (content_type == kOdt) return "odt";
  if (content_type == kDocx) return "docx";
  return "bin";
}

}  // namespace sohosolo::journeys
