#include "territory/villages/edit.hpp"

#include <gtest/gtest.h>

#include "territory/accompaniment/service.hpp"
#include "territory/exchanges/service.hpp"

namespace sohosolo::territory {
namespace {

bool HasError(const std::vector<core::FieldError>& errors, const std::string& field,
              const std::string& key) {
  for (const auto& e : errors)
    if (e.field == field && e.message_key == key) return true;
  return false;
}

TEST(VillageEdit, ListingNeedsKindAndTitle) {
  Listing l;
  const auto errors = ApplyListing(l, {}, EditMode::kCreate);
  EXPECT_TRUE(HasError(errors, "kind", "error.field.required"));
  EXPECT_TRUE(HasError(errors, "title", "error.field.required"));
}

TEST(VillageEdit, ListingFieldsAreCheckedOneByOne) {
  Listing l;
  const auto errors = ApplyListing(l,
                                   {{"kind", "castle"},
                                    {"title", "  "},
                                    {"price_eur", "12.5"},
                                    {"surface_m2", "-3"},
                                    {"rooms", "0"},
                                    {"available", "maybe"}},
                                   EditMode::kCreate);
  EXPECT_TRUE(HasError(errors, "kind", "error.village.bad_kind"));
  EXPECT_TRUE(HasError(errors, "title", "error.field.required"));
  EXPECT_TRUE(HasError(errors, "price_eur", "error.village.bad_integer"));
  EXPECT_TRUE(HasError(errors, "surface_m2", "error.village.out_of_range"));
  EXPECT_TRUE(HasError(errors, "rooms", "error.village.out_of_range"));
  EXPECT_TRUE(HasError(errors, "available", "error.field.boolean"));
  EXPECT_EQ(errors.size(), 6u);
}

TEST(VillageEdit, ListingUpdateAppliesOnlyWhatIsGiven) {
  Listing l;
  ASSERT_TRUE(ApplyListing(l,
                           {{"kind", "home_rent"},
                            {"title", "T3 près de l'école"},
                            {"price_eur", "650"},
                            {"surface_m2", "72,5"},
                            {"rooms", "3"}},
                           EditMode::kCreate)
                  .empty());
  EXPECT_EQ(l.price_eur, 650);
  EXPECT_DOUBLE_EQ(*l.surface_m2, 72.5);
  ASSERT_TRUE(
      ApplyListing(l, {{"available", "false"}, {"surface_m2", ""}}, EditMode::kUpdate).empty());
  EXPECT_FALSE(l.available);
  EXPECT_FALSE(l.surface_m2);  // An empty optional field clears it.
  EXPECT_EQ(l.title, "T3 près de l'école");
  EXPECT_EQ(l.rooms, 3);
}

TEST(VillageEdit, ServiceDistanceOrPosition) {
  NearbyService s;
  EXPECT_TRUE(HasError(ApplyService(s, {{"kind", "school"}}, EditMode::kCreate, {0.5, 43.6}),
                       "distance_km", "error.village.distance_or_position"));
  EXPECT_TRUE(HasError(
      ApplyService(s, {{"kind", "school"}, {"lon", "0.6"}}, EditMode::kCreate, {0.5, 43.6}), "lat",
      "error.village.position_pair"));
  ASSERT_TRUE(ApplyService(s, {{"kind", "doctor"}, {"lon", "0.6"}, {"lat", "43.6"}},
                           EditMode::kCreate, {0.5, 43.6})
                  .empty());
  // 0.1 degree of longitude at 43.6 N: 8.05 km, as the finder measures it.
  EXPECT_NEAR(s.distance_km, 8.05, 0.02);
  ASSERT_TRUE(s.position);
  ASSERT_TRUE(ApplyService(s, {{"distance_km", "2"}}, EditMode::kUpdate, {0.5, 43.6}).empty());
  EXPECT_DOUBLE_EQ(s.distance_km, 2);
  EXPECT_FALSE(s.position);  // A typed distance replaces the position.
  EXPECT_TRUE(HasError(ApplyService(s, {{"distance_km", "250"}}, EditMode::kUpdate, {0.5, 43.6}),
                       "distance_km", "error.village.out_of_range"));
}

TEST(VillageEdit, MemberNameRequiredAndTextsBounded) {
  CommitteeMember m;
  EXPECT_TRUE(HasError(ApplyMember(m, {{"role", "maire"}}, EditMode::kCreate), "name",
                       "error.field.required"));
  EXPECT_TRUE(HasError(ApplyMember(m, {{"name", std::string(121, 'a')}}, EditMode::kCreate), "name",
                       "error.village.too_long"));
  // 120 characters of two bytes each are still 120 characters.
  std::string accents;
  for (int i = 0; i < 120; ++i) accents += "é";
  EXPECT_TRUE(ApplyMember(m, {{"name", accents}}, EditMode::kCreate).empty());
}

TEST(Accompany, RequestValidation) {
  AccompanimentRequest r;
  r.name = "Léa";
  r.email = "lea@example.org";
  r.message = "Nous cherchons une maison.";
  EXPECT_TRUE(ValidateRequest(r).empty());
  r.email = "lea@example";
  EXPECT_TRUE(HasError(ValidateRequest(r), "email", "error.accompany.bad_email"));
  r.email = "lea@example.org";
  r.phone = "06 12 34 56 78";
  EXPECT_TRUE(ValidateRequest(r).empty());
  r.phone = "call me";
  EXPECT_TRUE(HasError(ValidateRequest(r), "phone", "error.accompany.bad_phone"));
  r.phone.clear();
  r.name = "Léa\r\nBcc: x@example.org";
  EXPECT_TRUE(HasError(ValidateRequest(r), "name", "error.field.one_line"));
  r.name = "Léa";
  r = {};
  const auto errors = ValidateRequest(r);
  EXPECT_TRUE(HasError(errors, "name", "error.field.required"));
  EXPECT_TRUE(HasError(errors, "email", "error.field.required"));
  EXPECT_TRUE(HasError(errors, "message", "error.field.required"));
}

TEST(Exchanges, Codes) {
  EXPECT_TRUE(IsExchangeCode("32121END"));
  EXPECT_TRUE(IsExchangeCode("nra_32-1"));
  EXPECT_FALSE(IsExchangeCode(""));
  EXPECT_FALSE(IsExchangeCode("a b"));
  EXPECT_FALSE(IsExchangeCode(std::string(33, 'a')));
}

}  // namespace
}  // namespace sohosolo::territory
