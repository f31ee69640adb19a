#include "journeys/documents/model.hpp"

#include <gtest/gtest.h>

#include "documents/document.hpp"

namespace sohosolo::journeys {
namespace {

TEST(DocumentType, RecognisesAcceptedKindsFromTheirBytes) {
  EXPECT_EQ(DocumentType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(DocumentType(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(16, '\0')), "image/png");
  documents::Document d;
  d.title = "Bail";
  EXPECT_EQ(DocumentType(documents::ToOdt(d)), "application/vnd.oasis.opendocument.text");
  const std::string docx = std::string("PK\x03\x04", 4) + std::string(26, '\0') +
                           "[Content_Types].xml ... word/document.xml";
  EXPECT_EQ(DocumentType(docx),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST(DocumentType, RefusesEverythingElseWithoutReadingPastTheEnd) {
  const std::string docm =
      std::string("PK\x03\x04", 4) + "[Content_Types].xml word/document.xml word/vbaProject.bin";
  EXPECT_EQ(DocumentType(docm), "") << "a document with macros";
  for (const std::string bytes :
       {std::string(), std::string("PK\x03\x04", 4), std::string("PK\x03\x04 zip", 8),
        std::string("MZ\x90"), std::string("<html>"), std::string("%PDF"), std::string(30, 'P')})
    EXPECT_EQ(DocumentType(bytes), "") << bytes;
}

}  // namespace
}  // namespace sohosolo::journeys
