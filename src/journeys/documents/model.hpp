#pragma once
// Documents on a newcomer's file (an attestation, a lease, a plan): uploads of a few kinds,
// each recognised from its bytes, never from what the browser says. Plain data.

#include <string>
#include <string_view>

#include "core/time.hpp"

namespace sohosolo::journeys {

/// An upload fits in a request of the server's default body limit (1 MiB) with its form.
inline constexpr std::size_t kMaxDocumentBytes = 900 * 1024;
inline constexpr std::size_t kMaxDocumentNameChars = 120;
/// A file holds at most this many documents.
inline constexpr int kMaxDocumentsPerFile = 50;

struct FileDocument {
  long long id = 0;
  long long journey_id = 0;
  std::string name;          ///< As uploaded (shown, never used as a path).
  std::string content_type;  ///< From DocumentType.
  long long size = 0;
  bool shared = false;  ///< The newcomer sees it on their page.
  std::string by_name;
  core::UnixSeconds created_at = 0;
  std::string bytes;  ///< Only when the document itself is read.
};

/// The media type of an accepted document from its first bytes: application/pdf, image/jpeg,
/// image/png, application/vnd.oasis.opendocument.text (an ODF package whose mimetype says so)
/// or the Word document type (an Office Open XML package without macros); empty for anything
/// else.
std::string DocumentType(std::string_view bytes);
/// The file name extension for an accepted type ("pdf", "odt"...).
std::string DocumentExtension(std::string_view content_type);

}  // namespace sohosolo::journeys
