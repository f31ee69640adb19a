#include "territory/geo/geo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "territory/test_support.hpp"

namespace sohosolo::territory {

namespace {

using testing::HasField;
using testing::kGers;
using testing::kReference;
using testing::ReadFile;

std::string Describe(const core::Error& error) {
  std::string out = error.message_key;
  for (const auto& f : error.fields) out += "\n  " + f.field + ": " + f.message_key;
  return out;
}

// A FeatureCollection of one commune whose polygon is `ring` (a JSON array of positions).
std::string OneCommune(const std::string& code, const std::string& ring) {
  return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":")" +
         code + R"(","nom":"Test"},"geometry":{"type":"Polygon","coordinates":[)" + ring + "]}}]}";
}

const std::string kSquare = "[[0.5,43.5],[0.51,43.5],[0.51,43.51],[0.5,43.51],[0.5,43.5]]";

}  // namespace

TEST(TerritoryGeo, ProjectsToTheOriginsOfLambert93AndLaea) {
  // Both CRSs are defined by a natural origin with a false easting and northing.
  const Projector lambert93(Crs::kWgs84, Crs::kLambert93);
  const Xy origin = lambert93.Forward({3, 46.5});
  EXPECT_NEAR(origin.x, 700000, 0.01);
  EXPECT_NEAR(origin.y, 6600000, 0.01);
  const Projector laea(Crs::kWgs84, Crs::kLaea3035);
  const Xy centre = laea.Forward({10, 52});
  EXPECT_NEAR(centre.x, 4321000, 0.01);
  EXPECT_NEAR(centre.y, 3210000, 0.01);
  const Xy back = laea.Inverse(centre);
  EXPECT_NEAR(back.x, 10, 1e-9);
  EXPECT_NEAR(back.y, 52, 1e-9);

  // One degree of latitude near Auch is about 111.1 km on the ellipsoid.
  const Xy a = lambert93.Forward({0.58, 43.0});
  const Xy b = lambert93.Forward({0.58, 44.0});
  EXPECT_NEAR(std::hypot(b.x - a.x, b.y - a.y), 111100, 150);
}

TEST(TerritoryGeo, ReadsTheGersCommunes) {
  SOHOSOLO_NEEDS_SHARED_DATA(!std::filesystem::exists(kGers), kGers);
  const auto communes = ParseCommunesGeoJson(ReadFile(kGers / "communes-32-gers-cog2026.geojson"));
  ASSERT_TRUE(communes) << Describe(communes.error());
  ASSERT_EQ(communes->size(), 458u);
  double area = 0;
  std::int64_t population = 0;
  std::size_t multipolygons = 0;
  for (const auto& commune : *communes) {
    area += commune.area_km2;
    population += commune.population.value_or(0);
    multipolygons += commune.polygons.size() > 1;
  }
  // PROVENANCE.md: 6,300.65 km² (geodesic, and the same on EPSG:3035), 192,645 inhabitants.
  EXPECT_NEAR(area, 6300.65, 6300.65 * 0.001);
  EXPECT_EQ(population, 192645);
  EXPECT_EQ(multipolygons, 1u);

  const auto auch = std::find_if(communes->begin(), communes->end(),
                                 [](const Commune& c) { return c.code == "32013"; });
  ASSERT_NE(auch, communes->end());
  EXPECT_EQ(auch->name, "Auch");
  EXPECT_EQ(auch->population, 22428);
  EXPECT_NEAR(auch->area_km2, 73.347, 0.01);
  // The representative point agrees with the shared CSV's centroid.
  EXPECT_NEAR(auch->point.lon, 0.57496, 1e-3);
  EXPECT_NEAR(auch->point.lat, 43.65327, 1e-3);
}

TEST(TerritoryGeo, ReadsCommunesAndExchangesFromCsv) {
  SOHOSOLO_NEEDS_SHARED_DATA(!std::filesystem::exists(kGers), kGers);
  const auto communes = ParseCommunesCsv(ReadFile(kGers / "communes-32-gers-cog2026.csv"));
  ASSERT_TRUE(communes) << Describe(communes.error());
  EXPECT_EQ(communes->size(), 458u);
  EXPECT_EQ(communes->front().code, "32001");
  EXPECT_NEAR(communes->front().point.lon, 0.08729, 1e-9);

  const auto exchanges = ParseExchangesCsv(ReadFile(kGers / "nra-osm-gers.csv"));
  ASSERT_TRUE(exchanges) << Describe(exchanges.error());
  ASSERT_EQ(exchanges->size(), 27u);
  // The NRA code when OpenStreetMap has one, else the OSM id.
  EXPECT_EQ((*exchanges)[0].code, "node/2296517234");
  EXPECT_EQ((*exchanges)[2].code, "32121END");

  const auto geojson = ParseExchangesGeoJson(ReadFile(kGers / "nra-osm-gers.geojson"));
  ASSERT_TRUE(geojson) << Describe(geojson.error());
  EXPECT_EQ(geojson->size(), 27u);
}

TEST(TerritoryGeo, SimpleCsvCommunes) {
  const auto communes = ParseCommunesCsv(
      "code,nom,population,lon,lat\n32013,Auch,22428,0.575,43.653\n32999,Nowhere,,0.1,43.1\n");
  ASSERT_TRUE(communes) << Describe(communes.error());
  EXPECT_EQ((*communes)[0].population, 22428);
  EXPECT_FALSE((*communes)[1].population);

  const auto bad = ParseCommunesCsv(
      "code,nom,population,lon,lat\n"
      "32013,Auch,22428,0.575,43.653\n"
      "32013,Auch again,1,0.575,43.653\n"
      "32014,Far,-3,200,43.1\n");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(
      HasField(bad.error(), "line 3: code (same as line 2)", "error.territory.duplicate_code"));
  EXPECT_TRUE(HasField(bad.error(), "line 4: population", "error.territory.bad_population"));
  EXPECT_TRUE(HasField(bad.error(), "line 4: lon", "error.territory.lon_lat_out_of_range"));
}

TEST(TerritoryGeo, RefusesMalformedOrEmptyGeoJson) {
  const auto empty = ParseCommunesGeoJson("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, core::ErrorCode::kMalformed);
  EXPECT_EQ(empty.error().message_key, "error.territory.empty");
  EXPECT_EQ(ParseCommunesGeoJson("  \n ").error().message_key, "error.territory.empty");

  const auto broken =
      ParseCommunesGeoJson("{\"type\": \"FeatureCollection\",\n \"features\": [}\n");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().message_key, "error.territory.bad_json");
  ASSERT_EQ(broken.error().fields.size(), 1u);
  EXPECT_EQ(broken.error().fields[0].field.rfind("line 2, column", 0), 0u)
      << broken.error().fields[0].field;

  EXPECT_EQ(ParseCommunesGeoJson("[1, 2]").error().message_key,
            "error.territory.not_feature_collection");
  EXPECT_EQ(
      ParseCommunesGeoJson(R"({"type":"FeatureCollection","features":[]})").error().message_key,
      "error.territory.no_features");

  // A file in Lambert-93 declares it (old GeoJSON) and has coordinates in metres.
  const auto projected = ParseCommunesGeoJson(
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},"features":[]})");
  EXPECT_EQ(projected.error().message_key, "error.territory.crs_not_wgs84");
  EXPECT_TRUE(ParseCommunesGeoJson(
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[{"type":"Feature","properties":{"code":"1","nom":"A"},"geometry":{"type":"Polygon","coordinates":[)" +
      kSquare + "]}}]}"));
}

TEST(TerritoryGeo, RefusesBadGeometryWithTheFeatureAndTheReason) {
  const auto ok = ParseCommunesGeoJson(OneCommune("32900", kSquare));
  ASSERT_TRUE(ok) << Describe(ok.error());
  EXPECT_NEAR((*ok)[0].area_km2, 0.01 * 111.1 * 0.01 * 111.3 * std::cos(43.505 * M_PI / 180), 0.02);
  EXPECT_FALSE((*ok)[0].population);

  const auto open = ParseCommunesGeoJson(
      OneCommune("32900", "[[0.5,43.5],[0.51,43.5],[0.51,43.51],[0.5,43.51]]"));
  ASSERT_FALSE(open);
  EXPECT_TRUE(HasField(open.error(), "feature 1 (32900) ring 1", "error.territory.ring_not_closed"))
      << Describe(open.error());

  const auto unclosed = ParseCommunesGeoJson(
      OneCommune("32900", "[[0.5,43.5],[0.51,43.5],[0.51,43.51],[0.5,43.51],[0.5,43.52]]"));
  EXPECT_TRUE(
      HasField(unclosed.error(), "feature 1 (32900) ring 1", "error.territory.ring_not_closed"));

  const auto range =
      ParseCommunesGeoJson(OneCommune("32900", "[[0.5,43.5],[181,43.5],[0.51,43.51],[0.5,43.5]]"));
  ASSERT_FALSE(range);
  EXPECT_TRUE(HasField(range.error(), "feature 1 (32900) ring 1 point 2",
                       "error.territory.lon_lat_out_of_range"))
      << Describe(range.error());
  // Metres where degrees were expected, a common mistake with Lambert-93 exports.
  const auto metres = ParseCommunesGeoJson(
      OneCommune("32900", "[[500000,6280000],[501000,6280000],[501000,6281000],[500000,6280000]]"));
  EXPECT_TRUE(HasField(metres.error(), "feature 1 (32900) ring 1 point 1",
                       "error.territory.lon_lat_out_of_range"));

  const auto bowtie = ParseCommunesGeoJson(
      OneCommune("32900", "[[0.5,43.5],[0.51,43.51],[0.51,43.5],[0.5,43.51],[0.5,43.5]]"));
  ASSERT_FALSE(bowtie);
  ASSERT_EQ(bowtie.error().fields.size(), 1u);
  EXPECT_EQ(bowtie.error().fields[0].message_key, "error.territory.self_intersection");
  EXPECT_EQ(bowtie.error().fields[0].field.rfind("feature 1 (32900) near 0.505", 0), 0u)
      << bowtie.error().fields[0].field;
}

TEST(TerritoryGeo, ReportsEveryRejectedFeatureAndDuplicatedCodes) {
  const std::string feature =
      R"({"type":"Feature","properties":{"code":"32013","nom":"Auch"},"geometry":{"type":"Polygon","coordinates":[)" +
      kSquare + "]}}";
  const std::string text =
      R"({"type":"FeatureCollection","features":[)" + feature + "," + feature +
      R"(,{"type":"Feature","properties":{"nom":"No code","population":"many"},"geometry":null},)" +
      R"({"type":"Feature","properties":{"code":"32014","nom":"Point"},"geometry":{"type":"Point","coordinates":[0.5,43.5]}}]})";
  const auto communes = ParseCommunesGeoJson(text);
  ASSERT_FALSE(communes);
  EXPECT_EQ(communes.error().code, core::ErrorCode::kInvalid);
  const auto& e = communes.error();
  EXPECT_TRUE(
      HasField(e, "feature 2 (32013) same code as feature 1", "error.territory.duplicate_code"))
      << Describe(e);
  EXPECT_TRUE(HasField(e, "feature 3", "error.territory.missing_code")) << Describe(e);
  EXPECT_TRUE(HasField(e, "feature 3", "error.territory.bad_population"));
  EXPECT_TRUE(HasField(e, "feature 3", "error.territory.not_polygon"));
  EXPECT_TRUE(HasField(e, "feature 4 (32014)", "error.territory.not_polygon"));
}

TEST(TerritoryGeo, RefusesBadExchanges) {
  const auto bad = ParseExchangesGeoJson(
      R"({"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Point","coordinates":[0.5,43.5]}},)"
      R"({"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Point","coordinates":[0.6,43.5]}},)"
      R"({"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Point","coordinates":[0.6,95]}}]})");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(HasField(bad.error(), "feature 2 (A) same code as feature 1",
                       "error.territory.duplicate_code"))
      << Describe(bad.error());
  EXPECT_TRUE(HasField(bad.error(), "feature 3 (B)", "error.territory.lon_lat_out_of_range"))
      << Describe(bad.error());
  EXPECT_EQ(ParseExchangesCsv("").error().message_key, "error.csv.empty");
  EXPECT_EQ(ParseExchangesCsv("code,name,lon,lat\n").error().message_key, "error.csv.no_rows");
}

}  // namespace sohosolo::territory
