#include "app/demo/journeys.hpp"

#include "core/time.hpp"
#include "journeys/amendments/service.hpp"
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

/// The telework amendment of the demo's salaried newcomer, as an advisor would have written it.
journeys::AmendmentFields DemoAmendment(const std::string& employee) {
  journeys::AmendmentFields f;
  f.employer_name = "Cabinet Juridique du Sud-Ouest (démo)";
  f.employer_address = "10 allées Jean-Jaurès, 31000 Toulouse";
  f.employer_representative = "Mme Hélène Durand, associée gérante";
  f.employee_name = employee;
  f.employee_job = "Juriste";
  f.start_day = core::FormatRfc3339Paris(core::Now() + 60 * 86400).substr(0, 10);
  f.home_address = "Place de la Mairie, 32190 Vic-Fezensac";
  f.days = {"mon", "tue", "thu"};
  f.contact_hours = "9 h 30 – 12 h et 14 h – 17 h";
  f.equipment = "Un ordinateur portable, un écran, un casque et un téléphone";
  f.costs = "Une allocation forfaitaire de 30 € par mois";
  return f;
}

/// Tasks an advisor would have on the files at these stages: one due in a few days, one today.
void AddDemoTasks(journeys::Journeys& files, core::ProgrammeId programme,
                  const journeys::Actor& actor, long long id, const std::string& stage) {
  const auto day = [](int in_days) {
    return core::FormatRfc3339Paris(core::Now() + in_days * 86400LL).substr(0, 10);
  };
  if (stage == "visit_planned")
    files.AddTask(programme, actor, id, "Envoyer la liste des maisons à louer", day(3),
                  actor.account_id);
  if (stage == "project_validated")
    files.AddTask(programme, actor, id, "Appeler la mairie pour la place en crèche", day(0),
                  actor.account_id);
  if (stage == "settled")
    files.AddTask(programme, actor, id, "Présenter la famille au club du mois", day(10),
                  actor.account_id);
}

}  // namespace

void SeedJourneys(db::Pool& pool, core::ProgrammeId programme, long long advisor_id) {
  journeys::Links links;
  links.is_staff = [advisor_id](core::ProgrammeId, long long id) { return id == advisor_id; };
  journeys::Journeys files(pool, links);
  journeys::Amendments amendments(pool, files, {});
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
    AddDemoTasks(files, programme, actor, created->id, f.stage);
    if (std::string(f.status) == "salaried" && std::string(f.stage) == "information_sent")
      amendments.Generate(programme, actor, created->id, DemoAmendment(f.name));
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
