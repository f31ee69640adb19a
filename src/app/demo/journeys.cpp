#include "app/demo/journeys.hpp"

#include "journeys/service.hpp"

namespace sohosolo::app {

namespace {

struct DemoFile {
  const char* name;
  int adults;
  const char* children;
  const char* status;
  const char* sector;
  const char* activity;
  const char* villages;
  const char* stage;
  const char* reason;  ///< for "abandoned"
};

// Fictitious households; one file per stage, a few more settled ones.
constexpr DemoFile kDemoFiles[] = {
    {"Famille Moreau (démo)", 2, "3", "independent", "J", "Développeur d'applications", "32147",
     "first_contact", ""},
    {"Camille Petit (démo)", 1, "", "salaried", "M", "Juriste en télétravail", "32013 32107",
     "information_sent", ""},
    {"Famille Laurent (démo)", 2, "6, 11", "entrepreneur", "C", "Atelier de céramique", "32160",
     "visit_planned", ""},
    {"Julien Roux (démo)", 1, "", "independent", "J", "Graphiste", "32107", "visit_done", ""},
    {"Famille Girard (démo)", 2, "1", "salaried", "J", "Cheffe de projet informatique", "32013",
     "project_validated", ""},
    {"Sophie Blanc (démo)", 1, "8", "independent", "N", "Traductrice", "32147", "settling", ""},
    {"Famille Fournier (démo)", 2, "5, 9", "independent", "J", "Consultant en cybersécurité",
     "32147", "settled", ""},
    {"Marc et Lina Garnier (démo)", 2, "", "salaried", "J", "Data analysts en télétravail", "32013",
     "followed_6", ""},
    {"Famille Chevalier (démo)", 2, "2, 4, 7", "entrepreneur", "R", "Photographe", "32160",
     "followed_12", ""},
    {"Nadia Faure (démo)", 1, "", "independent", "M", "Architecte", "32107", "followed_24", ""},
    {"Famille Robin (démo)", 2, "10", "salaried", "K", "Analyste financier", "32013", "abandoned",
     "employment"},
};

}  // namespace

void SeedJourneys(db::Pool& pool, core::ProgrammeId programme, long long advisor_id) {
  journeys::Journeys files(pool, {});
  const journeys::Actor actor{advisor_id, "Élodie Conseillère"};
  for (const auto& f : kDemoFiles) {
    journeys::JourneyInput in;
    in.name = f.name;
    in.adults = f.adults;
    in.children_ages = f.children;
    in.status = f.status;
    in.sector = f.sector;
    in.activity = f.activity;
    in.villages = f.villages;
    in.consent_committees = true;
    auto created = files.Create(programme, actor, in, true);
    if (!created) continue;
    // Through the stages in order, as an advisor would have moved it.
    const std::string target = f.stage;
    if (target == "abandoned") {
      files.Change(programme, actor, created->id, {},
                   journeys::StageMove{"abandoned", f.reason, ""});
      continue;
    }
    for (const char* stage : journeys::kStages) {
      if (std::string(stage) == "first_contact") {
        if (target == stage) break;
        continue;
      }
      files.Change(programme, actor, created->id, {}, journeys::StageMove{stage, "", ""});
      if (target == stage) break;
    }
  }
}

}  // namespace sohosolo::app
