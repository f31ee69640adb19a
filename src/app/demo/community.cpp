#include "app/demo/community.hpp"

#include "community/profiles/service.hpp"
#include "core/crypto.hpp"

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
};

// Fictitious people; their accounts get random passwords nobody is given.
constexpr DemoMember kDemoMembers[] = {
    {"lea@demo.sohosolo.fr", "Léa Dupont (démo)", "independent", "J",
     "Développement web, Accessibilité numérique", "32147",
     "Développeuse web indépendante, installée à Gimont depuis deux ans. Clients à Toulouse et à "
     "Paris."},
    {"marc@demo.sohosolo.fr", "Marc Lefèvre (démo)", "entrepreneur", "C", "Menuiserie, Ébénisterie",
     "32107", "Atelier de menuiserie ; je cherche à partager des machines avec d'autres artisans."},
    {"amina@demo.sohosolo.fr", "Amina Benali (démo)", "salaried", "M",
     "Comptabilité, Contrôle de gestion", "32013",
     "Contrôleuse de gestion en télétravail quatre jours sur cinq pour une entreprise lyonnaise."},
    {"hugo@demo.sohosolo.fr", "Hugo Martin (démo)", "independent", "R",
     "Photographie, Vidéo, Drone", "32160",
     "Photographe et vidéaste : mariages, entreprises, paysages du Gers."},
};

}  // namespace

void SeedCommunity(db::Pool& pool, auth::Service& accounts, core::ProgrammeId programme,
                   long long member_id) {
  community::Directory directory(pool);
  community::ProfileInput ines;
  ines.listed = true;
  ines.status = "independent";
  ines.sector = "N";
  ines.skills = "Traduction, Rédaction, Occitan";
  ines.village_code = "32107";
  ines.presentation = "Traductrice anglais-français, membre du club depuis son arrivée.";
  ines.shown["village"] = "advisors";
  directory.Save(programme, member_id, "Inès Membre", ines);
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
    directory.Save(programme, *id, m.name, in);
  }
}

}  // namespace sohosolo::app
