// Committees, services and listings of the demo host villages: invented, flagged as demo data
// (is_demo) and said so in every name and title.
#include "app/demo/villages.hpp"

#include <iostream>
#include <string>

namespace sohosolo::app {

namespace {

using territory::EditInput;
using territory::VillagePart;

std::string Number(double v) { return std::to_string(v); }

void Add(territory::VillageService& villages, core::ProgrammeId p, const std::string& code,
         VillagePart part, const EditInput& input) {
  if (!villages.AddItem(p, code, part, input, territory::DataOrigin::kDemo))
    std::cout << "territory: demo row for village " << code << " refused\n";
}

}  // namespace

void SeedVillageDetails(territory::VillageService& villages, core::ProgrammeId p,
                        const std::vector<DemoHost>& hosts) {
  int i = 0;
  for (const auto& host : hosts) {
    const std::string code = host.commune_code;
    Add(villages, p, code, VillagePart::kCommittee,
        {{"name", "Maire (démonstration)"}, {"role", "maire"}, {"contact", "mairie@example.org"}});
    Add(villages, p, code, VillagePart::kCommittee,
        {{"name", "Bénévole d'accueil (démonstration)"},
         {"role", "référent Soho Solo"},
         {"contact", "accueil@example.org"}});
    if (host.school)
      Add(villages, p, code, VillagePart::kServices,
          {{"kind", "school"}, {"name", "École (démonstration)"}, {"distance_km", "0.3"}});
    if (host.doctor)
      Add(villages, p, code, VillagePart::kServices,
          {{"kind", "doctor"},
           {"name", "Cabinet médical (démonstration)"},
           {"distance_km", "0.5"}});
    Add(villages, p, code, VillagePart::kServices,
        {{"kind", "pharmacy"},
         {"name", "Pharmacie (démonstration)"},
         {"distance_km", Number(host.doctor ? 0.4 : 6.0 + i % 5)}});
    Add(villages, p, code, VillagePart::kServices,
        {{"kind", "shop"}, {"name", "Épicerie (démonstration)"}, {"distance_km", "0.2"}});
    Add(villages, p, code, VillagePart::kServices,
        {{"kind", "train_station"},
         {"name", "Gare (démonstration)"},
         {"distance_km", Number(host.train_station_km)}});
    Add(villages, p, code, VillagePart::kListings,
        {{"kind", "home_rent"},
         {"title", "Maison de village à louer (démonstration)"},
         {"description", "Annonce fictive de la démonstration."},
         {"price_eur", std::to_string(480 + 60 * (i % 6))},
         {"surface_m2", std::to_string(60 + 15 * (i % 5))},
         {"rooms", std::to_string(2 + i % 4)}});
    Add(villages, p, code, VillagePart::kListings,
        {{"kind", "home_sale"},
         {"title", "Maison avec jardin à vendre (démonstration)"},
         {"description", "Annonce fictive de la démonstration."},
         {"price_eur", std::to_string(110000 + 20000 * (i % 7))},
         {"surface_m2", std::to_string(90 + 10 * (i % 6))},
         {"rooms", std::to_string(3 + i % 3)}});
    if (i % 3 == 0)
      Add(villages, p, code, VillagePart::kListings,
          {{"kind", "business"},
           {"title", "Commerce à reprendre (démonstration)"},
           {"description", "Annonce fictive de la démonstration."},
           {"price_eur", "45000"}});
    if (i % 4 == 1)
      Add(villages, p, code, VillagePart::kListings,
          {{"kind", "home_rent"},
           {"title", "Appartement déjà loué (démonstration)"},
           {"price_eur", "390"},
           {"rooms", "2"},
           {"available", "false"}});
    ++i;
  }
  std::cout << "territory: the demo host villages have a committee, services and listings, all "
               "demonstration data\n";
}

}  // namespace sohosolo::app
