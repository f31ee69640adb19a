#include "territory/communes/pages.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace sohosolo::territory {
namespace {

// French groups thousands with U+202F (narrow no-break space) and writes a decimal comma, as
// CLDR and the browsers' Intl.NumberFormat("fr") do, so the pages and map.js's popups agree.
constexpr const char* kNnbsp = "\u202f";

TEST(FormatNumber, FrenchDecimalCommaAndGroups) {
  EXPECT_EQ(FormatNumber(2.8, 1, "fr"), "2,8");
  EXPECT_EQ(FormatNumber(2.849, 1, "fr"), "2,8");
  EXPECT_EQ(FormatNumber(4108, 0, "fr"), std::string("4") + kNnbsp + "108");
  EXPECT_EQ(FormatNumber(192645, 0, "fr"), std::string("192") + kNnbsp + "645");
  EXPECT_EQ(FormatNumber(6300.65, 2, "fr"), std::string("6") + kNnbsp + "300,65");
  EXPECT_EQ(FormatNumber(1234567.5, 1, "fr"), std::string("1") + kNnbsp + "234" + kNnbsp + "567,5");
  EXPECT_EQ(FormatNumber(999, 0, "fr"), "999");
  EXPECT_EQ(FormatNumber(0, 1, "fr"), "0,0");
}

TEST(FormatNumber, EnglishDecimalPointAndCommas) {
  EXPECT_EQ(FormatNumber(2.8, 1, "en"), "2.8");
  EXPECT_EQ(FormatNumber(6300.65, 2, "en"), "6,300.65");
  EXPECT_EQ(FormatNumber(192645, 0, "en"), "192,645");
}

TEST(FormatNumber, SignsAndOddValues) {
  EXPECT_EQ(FormatNumber(-0.1146, 4, "fr"), "-0,1146");
  EXPECT_EQ(FormatNumber(-1234.5, 1, "en"), "-1,234.5");
  // A negative value that rounds to zero has no sign.
  EXPECT_EQ(FormatNumber(-0.04, 1, "fr"), "0,0");
  EXPECT_EQ(FormatNumber(0.25, 1, "en"), "0.2");  // exactly half: to even, as printf does
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::quiet_NaN(), 1, "fr"), "—");
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::infinity(), 1, "fr"), "—");
}

TEST(FormatPercent, OneDecimalWithTheLanguagesSpacing) {
  EXPECT_EQ(FormatPercent(0.0512, "fr"), std::string("5,1") + kNnbsp + "%");
  EXPECT_EQ(FormatPercent(0.127, "en"), "12.7%");
  EXPECT_EQ(FormatPercent(1, "fr"), std::string("100,0") + kNnbsp + "%");
  EXPECT_EQ(FormatPercent(0.5, "fr", 0), std::string("50") + kNnbsp + "%");
}

TEST(AtCommune, FrenchContractsTheArticle) {
  EXPECT_EQ(AtCommune("Eauze", "fr"), "À Eauze");
  EXPECT_EQ(AtCommune("Le Houga", "fr"), "Au Houga");
  EXPECT_EQ(AtCommune("Les Angles", "fr"), "Aux Angles");
  EXPECT_EQ(AtCommune("La Romieu", "fr"), "À La Romieu");
  EXPECT_EQ(AtCommune("L'Isle-Jourdain", "fr"), "À L'Isle-Jourdain");
  // Only the article as a word: "Lectoure" and "Lestrade" keep theirs.
  EXPECT_EQ(AtCommune("Lectoure", "fr"), "À Lectoure");
  EXPECT_EQ(AtCommune("Lestrade", "fr"), "À Lestrade");
  EXPECT_EQ(AtCommune("Le Houga", "en"), "In Le Houga");
}

TEST(RateBand, ClassesThenTheCoverageThresholds) {
  EXPECT_EQ(RateBand(LineClass::kUnknown, 0), "unknown");
  EXPECT_EQ(RateBand(LineClass::kNone, 0), "0");
  EXPECT_EQ(RateBand(LineClass::kReadsl, 0.512), "1");
  EXPECT_EQ(RateBand(LineClass::kAdsl, 1.99), "2");
  EXPECT_EQ(RateBand(LineClass::kAdsl, 2), "3");
  EXPECT_EQ(RateBand(LineClass::kAdsl, 2.8), "3");
  EXPECT_EQ(RateBand(LineClass::kAdsl, 8), "4");
  EXPECT_EQ(RateBand(LineClass::kAdsl, 14.99), "4");
  EXPECT_EQ(RateBand(LineClass::kAdsl, 15), "5");
  EXPECT_EQ(RateBand(LineClass::kAdsl, 19.4), "5");
}

}  // namespace
}  // namespace sohosolo::territory
