// The amendment's clauses, in French, the language of the contract. Each cites where it comes
// from: Code du travail L1222-9 to L1222-11 (télétravail), L1121-1 and L1222-4 (proportionate
// and announced monitoring), L2242-17 (right to disconnect); the national interprofessional
// agreements (ANI) of 19 July 2005 and 26 November 2020. docs/journeys.md lists the sources.
#include <fmt/format.h>

#include <algorithm>

#include "journeys/amendments/model.hpp"

namespace sohosolo::journeys {

namespace {

std::string DayName(const std::string& day) {
  static const std::array<const char*, 6> kNames = {"lundi", "mardi",    "mercredi",
                                                    "jeudi", "vendredi", "samedi"};
  for (std::size_t i = 0; i < kWorkDays.size(); ++i)
    if (day == kWorkDays[i]) return kNames[i];
  return day;
}

std::string Listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " et " : ", ") + items[i];
  return out;
}

/// "2027-01-04" as "04/01/2027".
std::string FrenchDay(const std::string& day) {
  if (day.size() != 10) return day;
  return day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
}

std::string Parties(const AmendmentFields& f) {
  const std::string basis =
      f.agreement.empty()
          ? "À défaut d'accord collectif ou de charte applicable, le présent avenant formalise "
            "l'accord des parties (article L1222-9, I)."
          : fmt::format("Il est conclu en application de : {}.", f.agreement);
  return fmt::format(
      "Entre {}, {}, représenté par {}, ci-après « l'employeur »,\net {}, {}, ci-après « le "
      "salarié »,\nil est convenu ce qui suit, en application des articles L1222-9 à L1222-11 du "
      "Code du travail. {}",
      f.employer_name, f.employer_address, f.employer_representative, f.employee_name,
      f.employee_job, basis);
}

std::string Places(const AmendmentFields& f) {
  std::vector<std::string> places;
  if (!f.home_address.empty()) places.push_back("à son domicile, " + f.home_address);
  if (!f.site.empty())
    places.push_back("à l'espace de travail partagé « " + f.site +
                     " », tiers-lieu du programme d'accueil de son territoire");
  return fmt::format(
      "Le salarié exerce son activité en télétravail {}. Il informe l'employeur par écrit, au "
      "préalable, de tout autre lieu. Il atteste que son assurance couvre l'exercice d'une "
      "activité professionnelle en ce lieu.",
      Listed(places));
}

std::string Start(const AmendmentFields& f) {
  std::string text = fmt::format("Le télétravail commence le {}.", FrenchDay(f.start_day));
  if (f.adaptation_months == 0)
    return text + " Les parties conviennent de ne pas prévoir de période d'adaptation.";
  return text + fmt::format(
                    " Pendant une période d'adaptation de {} mois, chacune des parties peut y "
                    "mettre fin par écrit, moyennant un délai de prévenance de {} jours ; le "
                    "salarié reprend alors son activité dans les locaux de l'entreprise (ANI du "
                    "19 juillet 2005, article 2).",
                    f.adaptation_months, f.notice_days);
}

std::string Monitoring(const AmendmentFields& f) {
  std::string text =
      "Le salarié veille à la confidentialité et à l'intégrité des données qu'il traite, selon "
      "les règles de l'entreprise qui lui ont été communiquées (ANI du 19 juillet 2005, "
      "article 5 ; règlement (UE) 2016/679). L'employeur respecte la vie privée du salarié "
      "(ANI du 19 juillet 2005, article 6). Tout moyen de contrôle de l'activité est justifié "
      "par la nature de la tâche, proportionné au but recherché (article L1121-1) et porté "
      "préalablement à la connaissance du salarié (article L1222-4).";
  if (f.monitoring.empty())
    return text + " Aucun moyen de contrôle particulier n'est mis en place.";
  return text + " Moyens de contrôle mis en place : " + f.monitoring + ".";
}

}  // namespace

documents::Document AmendmentDocument(const Amendment& a) {
  const auto& f = a.fields;
  documents::Document d;
  d.title = "Avenant au contrat de travail — télétravail";
  d.subtitle = fmt::format(
      "Version {} du {}. Modèle établi avec le programme d'accueil, à relire par les parties : il "
      "ne remplace pas le conseil d'un juriste.",
      a.version, FrenchDay(core::FormatRfc3339Paris(a.created_at).substr(0, 10)));
  std::vector<std::string> days;
  for (const auto& day : f.days) days.push_back(DayName(day));
  d.Paragraph(Parties(f))
      .Heading("Article 1 — Objet")
      .Paragraph(
          "Le présent avenant organise le télétravail régulier du salarié : l'exécution hors des "
          "locaux de l'employeur, de façon volontaire et au moyen des technologies de "
          "l'information et de la communication, d'un travail qui aurait pu être exécuté dans "
          "ces locaux (article L1222-9, I). Il repose sur le volontariat des deux parties (ANI du "
          "19 juillet 2005, article 2 ; ANI du 26 novembre 2020). Les autres clauses du contrat "
          "de travail demeurent inchangées.")
      .Heading("Article 2 — Date d'effet et période d'adaptation")
      .Paragraph(Start(f))
      .Heading("Article 3 — Lieux de travail")
      .Paragraph(Places(f))
      .Heading("Article 4 — Jours de télétravail")
      .Paragraph(fmt::format(
          "Le salarié télétravaille le {} de chaque semaine ; les autres jours travaillés, il "
          "exerce son activité dans les locaux de l'entreprise. La durée du travail, les temps "
          "de repos et leur décompte sont ceux de son contrat et de la convention applicable.",
          Listed(days)))
      .Heading("Article 5 — Plages de contact et droit à la déconnexion")
      .Paragraph(fmt::format(
          "L'employeur peut habituellement contacter le salarié pendant les plages horaires "
          "suivantes : {} (article L1222-9, II, 4°). En dehors de ces plages, le salarié n'est "
          "pas tenu de répondre aux sollicitations et exerce son droit à la déconnexion "
          "(article L2242-17, 7° ; ANI du 26 novembre 2020).",
          f.contact_hours))
      .Heading("Article 6 — Équipements")
      .Paragraph(fmt::format(
          "L'employeur fournit, installe et entretient les équipements suivants : {}. Il en "
          "reste propriétaire ; le salarié en prend soin, signale sans délai toute panne et les "
          "restitue à la fin du télétravail (ANI du 19 juillet 2005, article 7). L'employeur "
          "informe le salarié de toute restriction à l'usage des équipements, outils "
          "informatiques et services de communication électronique, et des sanctions en cas de "
          "non-respect (article L1222-10, 1°).",
          f.equipment))
      .Heading("Article 7 — Frais")
      .Paragraph(fmt::format(
          "Prise en charge des frais liés au télétravail : {}. Les frais engagés par le "
          "salarié pour les besoins de son activité professionnelle sont supportés par "
          "l'employeur (ANI du 26 novembre 2020).",
          f.costs))
      .Heading("Article 8 — Protection des données et contrôle de l'activité")
      .Paragraph(Monitoring(f));
  d.Heading("Article 9 — Santé et sécurité")
      .Paragraph(
          "Les dispositions légales et conventionnelles relatives à la santé et à la sécurité au "
          "travail s'appliquent au salarié en télétravail (ANI du 19 juillet 2005, article 8). "
          "L'accident survenu sur le lieu du télétravail pendant l'exercice de l'activité "
          "professionnelle est présumé être un accident du travail (article L1222-9, III).")
      .Heading("Article 10 — Mêmes droits")
      .Paragraph(
          "Le salarié en télétravail a les mêmes droits que le salarié qui exécute son travail "
          "dans les locaux de l'entreprise (article L1222-9, III ; ANI du 19 juillet 2005, "
          "article 4) : accès à la formation, à l'information et aux activités de l'entreprise, "
          "droits collectifs, déroulement de carrière.")
      .Heading("Article 11 — Charge de travail et entretien annuel")
      .Paragraph(
          "La charge de travail et les délais sont équivalents à ceux d'un travail comparable "
          "dans les locaux de l'entreprise. Un entretien a lieu chaque année ; il porte "
          "notamment sur les conditions d'activité du salarié et sa charge de travail (article "
          "L1222-10, 3°).")
      .Heading("Article 12 — Réversibilité")
      .Paragraph(fmt::format(
          "Chacune des parties peut mettre fin au télétravail par écrit, moyennant un délai de "
          "prévenance de {} jours ; le salarié reprend alors son activité dans les locaux de "
          "l'entreprise (ANI du 19 juillet 2005, article 3). L'employeur lui donne priorité pour "
          "occuper ou reprendre un poste sans télétravail qui correspond à ses qualifications et "
          "compétences, et porte à sa connaissance la disponibilité de tout poste de cette "
          "nature (article L1222-10, 2°).",
          f.notice_days))
      .Heading("Article 13 — Circonstances exceptionnelles")
      .Paragraph(
          "En cas de circonstances exceptionnelles, notamment de menace d'épidémie, ou en cas de "
          "force majeure, le télétravail peut être mis en œuvre au-delà des jours prévus, comme "
          "un aménagement du poste de travail rendu nécessaire pour permettre la continuité de "
          "l'activité et garantir la protection des salariés (article L1222-11).")
      .Paragraph("Fait en deux exemplaires, à ____________________, le ____________________.")
      .Paragraph(fmt::format("L'employeur, {}\n\n\nLe salarié, {}", f.employer_representative,
                             f.employee_name));
  return d;
}

}  // namespace sohosolo::journeys
