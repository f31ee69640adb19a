#include "app/demo/community.hpp"

#include <date/date.h>

#include "community/board/service.hpp"
#include "community/events/service.hpp"
#include "community/events/store.hpp"
#include "community/newsletters/service.hpp"
#include "community/newsletters/store.hpp"
#include "community/profiles/service.hpp"
#include "core/crypto.hpp"
#include "workspaces/bookings/service.hpp"

namespace sohosolo::app {

namespace {

struct DemoMember {
  const char* email;
  const char* name;
  const char* status;
  const char* sector;
  const char* skills;
  const char* village;
  const char* presentation;
  const char* arrival_month;
  bool on_village_page;  ///< Village, status, skills, presentation and arrival shown publicly.
};

// Fictitious people; their accounts get random passwords nobody is given.
constexpr DemoMember kDemoMembers[] = {
    {"lea@demo.sohosolo.fr", "Léa Dupont (démo)", "independent", "J",
     "Développement web, Accessibilité numérique", "32147",
     "Développeuse web indépendante, installée à Gimont depuis deux ans. Clients à Toulouse et à "
     "Paris.",
     "2024-09", true},
    {"marc@demo.sohosolo.fr", "Marc Lefèvre (démo)", "entrepreneur", "C", "Menuiserie, Ébénisterie",
     "32107", "Atelier de menuiserie ; je cherche à partager des machines avec d'autres artisans.",
     "2023-04", false},
    {"amina@demo.sohosolo.fr", "Amina Benali (démo)", "salaried", "M",
     "Comptabilité, Contrôle de gestion", "32013",
     "Contrôleuse de gestion en télétravail quatre jours sur cinq pour une entreprise lyonnaise.",
     "2025-06", false},
    {"hugo@demo.sohosolo.fr", "Hugo Martin (démo)", "independent", "R",
     "Photographie, Vidéo, Drone", "32160",
     "Photographe et vidéaste : mariages, entreprises, paysages du Gers.", "2022-11", true},
};

/// The instant of `minute` past midnight, `days_ahead` days from today in the club's zone.
core::UnixSeconds DayAt(long long days_ahead, int minute) {
  const auto today = core::ToLocal(core::Now(), community::kClubZone).days;
  return core::FromLocal(today + days_ahead, minute, community::kClubZone);
}

/// The first Thursday of next month, 18:30, in the club's zone.
core::UnixSeconds FirstThursdayNextMonth() {
  using namespace date;
  const year_month_day today{sys_days{days{core::ToLocal(core::Now(), community::kClubZone).days}}};
  const auto month = today.year() / today.month() + months{1};
  const sys_days day{month / Thursday[1]};
  return core::FromLocal(day.time_since_epoch().count(), 18 * 60 + 30, community::kClubZone);
}

long long CreateEvent(community::Club& club, core::ProgrammeId p, community::EventInput in) {
  in.demo = true;
  auto created = club.Create(p, 0, in);
  return created ? created->front().id : 0;
}

/// A past newsletter in the archive, public, marked as demo. It is recorded as sent three weeks
/// ago without queueing anything: the demo's people are fictitious.
void SeedNewsletter(db::Pool& pool, core::ProgrammeId programme, community::Club& club) {
  community::Letters letters(pool, club);
  community::NewsletterInput in;
  in.subject = "La lettre des Soho Solos — novembre (démo)";
  in.markdown =
      "## Bienvenue aux nouveaux arrivants\n\n"
      "Ce mois-ci, **trois foyers** se sont installés : à Gimont, à Condom et à Marciac. "
      "Retrouvez-les au prochain club, le premier jeudi du mois.\n\n"
      "## Au télécentre\n\n"
      "- la salle de réunion de Marciac a une nouvelle caméra de visioconférence ;\n"
      "- l'espace de coworking d'Auch ouvre le samedi matin.\n\n"
      "*Lettre de démonstration : les informations ne sont pas réelles.*\n";
  in.is_public = true;
  in.demo = true;
  auto created = letters.Create(programme, 0, in);
  if (!created) return;
  auto lease = pool.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  community::NewsletterStore(lease, programme).MarkSent(created->id, DayAt(-21, 10 * 60));
  tx.Commit();
}

}  // namespace

void SeedClub(db::Pool& pool, core::ProgrammeId programme, const std::vector<long long>& members) {
  workspaces::Service workspaces(pool, {});
  community::Club club(pool, [&workspaces](core::ProgrammeId p) {
    std::vector<community::EventPlace> places;
    for (const auto& s : workspaces.Sites(p))
      places.push_back({s.site.id, s.site.name, s.site.address});
    return places;
  });
  const auto places = club.PlacesOf(programme);
  const auto place = [&](const char* name) {
    for (const auto& s : places)
      if (s.name == name) return s.site_id;
    return 0LL;
  };
  // The monthly club: the first Thursday of each month, for six months.
  community::EventInput monthly;
  monthly.title = "Club des Soho Solos (démo)";
  monthly.theme =
      "Le rendez-vous mensuel : tour de table des nouveaux arrivants, une activité "
      "présentée par un membre, puis un verre ensemble.";
  monthly.site_id = place("Télécentre de Marciac (démo)");
  monthly.start = FirstThursdayNextMonth();
  monthly.end = monthly.start + 2 * 3600;
  monthly.capacity = 40;
  monthly.occurrences = 6;
  const auto first = CreateEvent(club, programme, monthly);
  for (std::size_t i = 0; first && i + 1 < members.size(); ++i)
    club.Register(programme, first, members[i]);
  // A workshop already full: whoever registers now joins the waiting list.
  community::EventInput workshop;
  workshop.title = "Atelier : facturer en ligne quand on est indépendant (démo)";
  workshop.theme = "Outils, obligations de facturation électronique, retours d'expérience.";
  workshop.site_id = place("Espace de coworking d'Auch (démo)");
  workshop.start = DayAt(9, 14 * 60);
  workshop.end = workshop.start + 2 * 3600;
  workshop.capacity = static_cast<long long>(members.size()) - 1;
  const auto full = CreateEvent(club, programme, workshop);
  for (std::size_t i = 1; full && i < members.size(); ++i)
    club.Register(programme, full, members[i]);
  // A past welcome evening, with its attendance.
  community::EventInput welcome;
  welcome.title = "Soirée d'accueil des nouveaux arrivants (démo)";
  welcome.place = "Salle des fêtes, Gimont";
  welcome.start = DayAt(-20, 19 * 60);
  welcome.end = welcome.start + 2 * 3600;
  welcome.capacity = 30;
  const auto past = CreateEvent(club, programme, welcome);
  {
    auto lease = pool.Acquire();  // the demo's pool has one connection: given back below
    db::Transaction tx(lease, db::TxMode::kWrite);
    community::EventStore store(lease, programme);
    for (std::size_t i = 0; past && i < members.size(); ++i) {
      store.PutRegistration(past, members[i], community::Seat::kRegistered, welcome.start - 86400);
      store.SetAttended(past, members[i], i % 3 != 2);
    }
    tx.Commit();
  }
  SeedNewsletter(pool, programme, club);
}

void SeedCommunity(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                   long long member_id) {
  community::Directory directory(pool);
  // The programme's list of skills: offered on the profile form, the skills map's categories.
  directory.SetSkills(programme,
                      "Numérique : Développement web, Accessibilité numérique, Graphisme\n"
                      "Artisanat : Menuiserie, Ébénisterie, Céramique\n"
                      "Gestion et langues : Comptabilité, Contrôle de gestion, Traduction, "
                      "Rédaction\n"
                      "Image : Photographie, Vidéo, Drone");
  community::ProfileInput ines;
  ines.listed = true;
  ines.status = "independent";
  ines.sector = "N";
  ines.skills = "Traduction, Rédaction, Occitan";
  ines.village_code = "32107";
  ines.presentation = "Traductrice anglais-français, membre du club depuis son arrivée.";
  ines.shown["village"] = "advisors";
  directory.Save(programme, member_id, "Inès Membre", ines);
  std::vector<long long> members{member_id};
  for (const auto& m : kDemoMembers) {
    const auto id =
        accounts.CreateAccount(programme, m.email, m.name, "member", core::RandomToken(18), "fr");
    if (!id) continue;
    community::ProfileInput in;
    in.listed = true;
    in.status = m.status;
    in.sector = m.sector;
    in.skills = m.skills;
    in.village_code = m.village;
    in.presentation = m.presentation;
    in.arrival_month = m.arrival_month;
    if (m.on_village_page)
      for (const char* field : {"village", "status", "skills", "presentation", "arrival"})
        in.shown[field] = "public";
    directory.Save(programme, *id, m.name, in);
    members.push_back(*id);
  }
  SeedClub(pool, programme, members);
  SeedBoard(pool, programme, members);
}

void SeedBoard(db::Pool& pool, core::ProgrammeId programme, const std::vector<long long>& members) {
  if (members.size() < 4) return;
  community::Board board(pool);
  // Published at once, as the demo's advisors would have: {author, true} skips the queue.
  const community::PostInput posts[] = {
      {"offer", "equipment", "Machines d'atelier à partager à Condom (démo)",
       "Scie à format et raboteuse disponibles deux jours par semaine pour d'autres artisans.", "",
       true},
      {"request", "skills", "Cherche graphiste pour une plaquette (démo)",
       "Plaquette de quatre pages pour un cabinet de contrôle de gestion ; travail à distance.", "",
       true},
      {"offer", "mission", "Reportages photo pour vos sites web (démo)",
       "Photographe à L'Isle-Jourdain : portraits, locaux, produits ; devis sur demande.", "",
       true}};
  board.Create(programme, {members[2], true}, posts[0]);
  board.Create(programme, {members[3], true}, posts[1]);
  board.Create(programme, {members[4 % members.size()], true}, posts[2]);
}

}  // namespace sohosolo::app
