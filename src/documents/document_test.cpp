#include "documents/document.hpp"

#include <gtest/gtest.h>

// fontconfig (under pango) keeps its configuration and font cache for the life of the process:
// the leak check of this binary (ASAN_OPTIONS=detect_leaks=1) is told it is not ours.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace sohosolo::documents {
namespace {

Document Sample() {
  Document d;
  d.title = "Rapport — été";
  d.Heading("Villages").Table({{"Village", "Foyers"}, {"Vic-Fezensac", "3"}}).Paragraph("Fin.");
  return d;
}

TEST(Documents, AnOdtIsAZipWithItsMimetypeFirstAndStored) {
  const auto odt = ToOdt(Sample());
  ASSERT_GT(odt.size(), 200u);
  EXPECT_EQ(odt.substr(0, 2), "PK");
  EXPECT_EQ(odt.substr(30, 8), "mimetype");
  EXPECT_EQ(odt.substr(38, 39), "application/vnd.oasis.opendocument.text");
}

TEST(Documents, APdfIsAPdf) {
  const auto pdf = ToPdf(Sample());
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST(Documents, AnXlsxIsAZipOfSheets) {
  const auto xlsx = ToXlsx({{"Villages", {{"Village", "Foyers"}, {"Vic", "3"}}}, {"Vide", {}}});
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
  EXPECT_NE(xlsx.find("xl/worksheets/sheet2.xml"), std::string::npos);
}

}  // namespace
}  // namespace sohosolo::documents
