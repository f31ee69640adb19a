#include <gtest/gtest.h>

#include <algorithm>

#include "journeys/amendments/model.hpp"

namespace sohosolo::journeys {
namespace {

AmendmentFields Complete() {
  AmendmentFields f;
  f.employer_name = "Banque du Gers";
  f.employer_address = "1 rue de la Gare, 32000 Auch";
  f.employer_representative = "M. Paul Martin, directeur";
  f.employee_name = "Inès Roux";
  f.employee_job = "Analyste";
  f.start_day = "2027-03-01";
  f.home_address = "2 place de l'Église, 32190 Vic-Fezensac";
  f.days = {"mon", "thu", "fri"};
  f.contact_hours = "10 h – 12 h";
  f.equipment = "Un ordinateur portable";
  f.costs = "20 € par mois";
  return f;
}

std::string AllText(const documents::Document& d) {
  std::string out = d.title + "\n" + d.subtitle;
  for (const auto& b : d.blocks) out += "\n" + b.text;
  return out;
}

std::vector<std::string> Fields(const std::vector<core::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(AmendmentCheck, ACompleteFormPasses) { EXPECT_TRUE(CheckAmendment(Complete()).empty()); }

TEST(AmendmentCheck, NamesEveryMissingRequiredField) {
  const auto fields = Fields(CheckAmendment(AmendmentFields{}));
  for (const char* required :
       {"employer_name", "employer_address", "employer_representative", "employee_name",
        "employee_job", "start_day", "contact_hours", "equipment", "costs", "days", "home_address"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), required), fields.end()) << required;
  for (const char* optional : {"agreement", "monitoring", "site_id"})
    EXPECT_EQ(std::find(fields.begin(), fields.end(), optional), fields.end()) << optional;
}

TEST(AmendmentCheck, ASiteAloneIsAPlaceOfWork) {
  auto f = Complete();
  f.home_address.clear();
  f.site_id = 4;
  EXPECT_TRUE(CheckAmendment(f).empty());
}

TEST(AmendmentCheck, RefusesBadDaysDatesAndBounds) {
  auto f = Complete();
  f.days = {"sun"};
  f.start_day = "2027-02-29";
  f.adaptation_months = 13;
  f.notice_days = 181;
  f.employee_job = "Analyste\r\nBcc: x";
  EXPECT_EQ(Fields(CheckAmendment(f)),
            (std::vector<std::string>{"employee_job", "start_day", "days", "adaptation_months",
                                      "notice_days"}));
}

TEST(AmendmentDocument, WritesTheFactsIntoTheClauses) {
  Amendment a{7, 2, Complete(), "Claire", 1'800'000'000};
  const auto text = AllText(AmendmentDocument(a));
  for (const char* expected :
       {"Version 2", "Banque du Gers", "Inès Roux", "lundi, jeudi et vendredi", "le 01/03/2027",
        "10 h – 12 h", "20 € par mois", "période d'adaptation de 3 mois",
        "délai de prévenance de 30 jours", "À défaut d'accord collectif ou de charte",
        "Aucun moyen de contrôle particulier", "L1222-11", "L2242-17"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

TEST(AmendmentDocument, SaysTheAgreementTheSiteAndNoAdaptationWhenGiven) {
  auto f = Complete();
  f.agreement = "Accord de branche du 1er avril 2024";
  f.site = "Télécentre de Vic, 1 place de la Mairie";
  f.adaptation_months = 0;
  f.monitoring = "un point hebdomadaire";
  const auto text = AllText(AmendmentDocument({7, 1, f, "Claire", 1'800'000'000}));
  EXPECT_NE(text.find("en application de : Accord de branche du 1er avril 2024"),
            std::string::npos);
  EXPECT_NE(text.find("« Télécentre de Vic, 1 place de la Mairie »"), std::string::npos);
  EXPECT_NE(text.find("de ne pas prévoir de période d'adaptation"), std::string::npos);
  EXPECT_NE(text.find("Moyens de contrôle mis en place : un point hebdomadaire"),
            std::string::npos);
  EXPECT_EQ(text.find("À défaut d'accord"), std::string::npos);
}

}  // namespace
}  // namespace sohosolo::journeys
