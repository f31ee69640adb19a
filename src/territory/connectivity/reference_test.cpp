#include "territory/connectivity/reference.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/resources.hpp"
#include "territory/geo/csv.hpp"
#include "territory/test_support.hpp"

namespace sohosolo::territory {

namespace {

using testing::HasField;
using testing::kGers;
using testing::kReference;
using testing::ReadFile;

}  // namespace

TEST(TerritoryReference, DefaultsAreEmbeddedWithTheirSources) {
  const auto& params = DefaultAdslParameters();
  EXPECT_DOUBLE_EQ(params.detour_factor, std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(params.gauge_mm, 0.4);
  EXPECT_DOUBLE_EQ(*DbPerKm(params), 15.0);
  EXPECT_DOUBLE_EQ(params.no_adsl_above_db, 78);
  EXPECT_DOUBLE_EQ(params.readsl_above_db, 70);
  EXPECT_DOUBLE_EQ(params.readsl_mbps, 0.512);
  ASSERT_EQ(params.rates.size(), 10u);
  EXPECT_DOUBLE_EQ(params.rates.back().attenuation_db, 60.8);
  EXPECT_DOUBLE_EQ(params.rates.back().adsl2plus_mbps, 3.0);
  EXPECT_EQ(params.origin, kAdslDefaultsResource);
  EXPECT_NE(params.rates_source.find("techno-science.net"), std::string::npos);
  for (const auto& gauge : params.gauges)
    EXPECT_NE(gauge.source.find("https://"), std::string::npos);
  // Every figure of the file cites where it was read.
  const auto text = core::FindResource(kAdslDefaultsResource);
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("ariase.com"), std::string::npos);
  EXPECT_NE(text->find("thinkbroadband.com"), std::string::npos);
}

TEST(TerritoryReference, SharedCsvTablesMatchTheDefaults) {
  SOHOSOLO_NEEDS_SHARED_DATA(!std::filesystem::exists(kReference), kReference);
  const auto gauges = ParseGaugeTableCsv(ReadFile(kReference / "copper-attenuation-300khz.csv"));
  ASSERT_TRUE(gauges);
  const auto rates = ParseRateTableCsv(ReadFile(kReference / "adsl-rate-vs-attenuation.csv"));
  ASSERT_TRUE(rates);
  const auto& defaults = DefaultAdslParameters();
  ASSERT_EQ(gauges->size(), defaults.gauges.size());
  for (std::size_t i = 0; i < gauges->size(); ++i) {
    EXPECT_DOUBLE_EQ((*gauges)[i].gauge_mm, defaults.gauges[i].gauge_mm);
    EXPECT_DOUBLE_EQ((*gauges)[i].db_per_km, defaults.gauges[i].db_per_km);
  }
  ASSERT_EQ(rates->size(), defaults.rates.size());
  for (std::size_t i = 0; i < rates->size(); ++i) {
    EXPECT_DOUBLE_EQ((*rates)[i].attenuation_db, defaults.rates[i].attenuation_db);
    EXPECT_DOUBLE_EQ((*rates)[i].adsl_mbps, defaults.rates[i].adsl_mbps);
    EXPECT_DOUBLE_EQ((*rates)[i].adsl2plus_mbps, defaults.rates[i].adsl2plus_mbps);
  }
}

TEST(TerritoryReference, MalformedRowsAreReportedByLineAndColumn) {
  const auto rates = ParseRateTableCsv(
      "attenuation_db,adsl_mbps,adsl2plus_mbps\n"
      "4.1,8.0,19.4\n"
      "8.4,eight,18.7\n"
      "12.5,8.0\n");
  ASSERT_FALSE(rates);
  EXPECT_EQ(rates.error().code, core::ErrorCode::kMalformed);
  EXPECT_TRUE(HasField(rates.error(), "line 4", "error.csv.cell_count"));

  const auto words =
      ParseRateTableCsv("attenuation_db,adsl_mbps,adsl2plus_mbps\n4.1,8.0,19.4\n8.4,eight,18.7\n");
  ASSERT_FALSE(words);
  EXPECT_TRUE(HasField(words.error(), "line 3: adsl_mbps", "error.csv.not_a_number"));

  const auto missing = ParseGaugeTableCsv("diameter,db\n0.4,15\n");
  ASSERT_FALSE(missing);
  EXPECT_TRUE(HasField(missing.error(), "conductor_diameter_mm", "error.csv.missing_column"));

  const auto quote = ParseGaugeTableCsv("gauge_mm,db_per_km,source\n0.4,15,\"unterminated\n");
  ASSERT_FALSE(quote);
  EXPECT_TRUE(HasField(quote.error(), "line 2", "error.csv.unterminated_quote"));

  EXPECT_FALSE(ParseGaugeTableCsv(""));
  EXPECT_FALSE(ParseGaugeTableCsv("gauge_mm,db_per_km\n0.4,-15\n"));
}

TEST(TerritoryReference, RateTableMustBeInvertible) {
  // Coverage inverts the table, so a rate that rises with attenuation is refused.
  const auto rising =
      ParseRateTableCsv("attenuation_db,adsl_mbps,adsl2plus_mbps\n10,8,18\n20,8.5,14\n");
  ASSERT_FALSE(rising);
  EXPECT_TRUE(HasField(rising.error(), "rates[1]", "error.reference.rate_increasing"));
  const auto unsorted =
      ParseRateTableCsv("attenuation_db,adsl_mbps,adsl2plus_mbps\n20,8,18\n10,7,14\n");
  ASSERT_FALSE(unsorted);
  EXPECT_TRUE(HasField(unsorted.error(), "rates[1]", "error.reference.attenuation_not_increasing"));
}

TEST(TerritoryReference, ProgrammeParametersAreValidated) {
  auto params = DefaultAdslParameters();
  params.gauge_mm = 0.7;
  params.detour_factor = 0.9;
  const auto status = ValidateAdslParameters(params);
  ASSERT_FALSE(status);
  EXPECT_TRUE(HasField(status.error(), "gauge_mm", "error.reference.unknown_gauge"));
  EXPECT_TRUE(HasField(status.error(), "detour_factor", "error.reference.detour_below_one"));

  const auto broken =
      ParseAdslParametersJson(R"({"detour_factor": {"value": "1.4"}})", "mine.json");
  ASSERT_FALSE(broken);
  EXPECT_TRUE(HasField(broken.error(), "detour_factor.value", "error.reference.not_a_number"));
  EXPECT_TRUE(HasField(broken.error(), "cable_gauges", "error.reference.missing"));
  EXPECT_EQ(ParseAdslParametersJson("{", "mine.json").error().code, core::ErrorCode::kMalformed);
}

TEST(TerritoryReference, CsvReaderHandlesQuotesCrlfAndBom) {
  const auto table = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, \"\"y\"\"\",2\r\n\r\n\"multi\nline\",3\n");
  ASSERT_TRUE(table);
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->header[0], "a");
  EXPECT_EQ(table->rows[0].cells[0], "x, \"y\"");
  EXPECT_EQ(table->rows[1].cells[0], "multi\nline");
  EXPECT_EQ(table->rows[1].line, 4);
  EXPECT_FALSE(ParseNumber("1e400"));
  EXPECT_FALSE(ParseNumber("nan"));
  EXPECT_DOUBLE_EQ(*ParseNumber(" 15.5 "), 15.5);
}

}  // namespace sohosolo::territory

namespace sohosolo::territory {

namespace {

/// The embedded defaults with `member` set to `value` (JSON text).
std::string DefaultsWith(const std::string& member, const std::string& value) {
  auto document = boost::json::parse(*core::FindResource(kAdslDefaultsResource)).as_object();
  document[member] = boost::json::parse(value);
  return boost::json::serialize(document);
}

}  // namespace

TEST(TerritoryProgrammeParameters, DefaultsHaveNoOfficialAreaAndTheDefaultRadius) {
  const auto& params = DefaultProgrammeParameters();
  EXPECT_FALSE(params.official_area_km2.has_value());
  EXPECT_DOUBLE_EQ(params.wifi_radius_km, kDefaultWifiRadiusKm);
  EXPECT_EQ(params.adsl.origin, kAdslDefaultsResource);
  const auto parsed = ParseProgrammeParametersJson(*core::FindResource(kAdslDefaultsResource), "x");
  ASSERT_TRUE(parsed);
  EXPECT_FALSE(parsed->official_area_km2.has_value());
  EXPECT_DOUBLE_EQ(parsed->wifi_radius_km, kDefaultWifiRadiusKm);
}

TEST(TerritoryProgrammeParameters, ReadsTheOfficialAreaAndRadiusBareOrWithNotes) {
  auto bare = ParseProgrammeParametersJson(DefaultsWith("official_area_km2", "6257"), "gers.json");
  ASSERT_TRUE(bare);
  EXPECT_DOUBLE_EQ(*bare->official_area_km2, 6257);
  EXPECT_EQ(bare->adsl.origin, "gers.json");
  auto noted = ParseProgrammeParametersJson(
      DefaultsWith("wifi_radius_km", R"({"value": 3.5, "note": "hills"})"), "gers.json");
  ASSERT_TRUE(noted);
  EXPECT_DOUBLE_EQ(noted->wifi_radius_km, 3.5);
  const auto demo = ParseProgrammeParametersJson(DefaultsWithOfficialArea(6257, "published"), "d");
  ASSERT_TRUE(demo);
  EXPECT_DOUBLE_EQ(*demo->official_area_km2, 6257);
  EXPECT_DOUBLE_EQ(demo->adsl.detour_factor, DefaultAdslParameters().detour_factor);
}

TEST(TerritoryProgrammeParameters, RefusesBadAreasAndRadiiByName) {
  for (const auto& [member, value] :
       std::vector<std::pair<std::string, std::string>>{{"official_area_km2", "0"},
                                                        {"official_area_km2", "-6257"},
                                                        {"wifi_radius_km", "51"},
                                                        {"wifi_radius_km", "0"}}) {
    const auto parsed = ParseProgrammeParametersJson(DefaultsWith(member, value), "bad.json");
    ASSERT_FALSE(parsed) << member << " " << value;
    EXPECT_TRUE(HasField(parsed.error(), member, "error.reference.out_of_range")) << value;
  }
  for (const auto& value : {R"("6257")", R"({"note": "no value"})"}) {
    const auto parsed = ParseProgrammeParametersJson(DefaultsWith("official_area_km2", value), "b");
    ASSERT_FALSE(parsed) << value;
    EXPECT_TRUE(HasField(parsed.error(), "official_area_km2", "error.reference.not_a_number"));
  }
  // The ADSL model's own checks still apply.
  const auto detour =
      ParseProgrammeParametersJson(DefaultsWith("detour_factor", R"({"value": 0.9})"), "b");
  ASSERT_FALSE(detour);
  EXPECT_TRUE(HasField(detour.error(), "detour_factor", "error.reference.detour_below_one"));
}

}  // namespace sohosolo::territory
