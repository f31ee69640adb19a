// The villages store on both engines: villages and their roles, welcome committee, nearby
// services, listings, accompaniment requests and the single-exchange edits, each kept to its
// village and its programme.
#include <limits>

#include "territory/villages/store.hpp"
#include "territory_fixture.hpp"

namespace sohosolo {

namespace {

constexpr long long kNow = kTerritoryNow;
constexpr long long kNoCursor = std::numeric_limits<long long>::max();

/// Auch and Lectoure in both programmes, L'Isle-Jourdain in Gers only.
class VillagesStorage : public TerritoryStorage {
 protected:
  void SetUp() override {
    TerritoryStorage::SetUp();
    Import(gers_, {Auch(), Lectoure(), IsleJourdain()});
    Import(lot_, {Auch(), Lectoure()});
  }
};

}  // namespace

TEST_F(VillagesStorage, AVillageIsCreatedThenChangesRoleKeepingWhatWasSaid) {
  auto lease = pool_->Acquire();
  territory::VillageStore store(lease, gers_);
  const std::string services = R"({"school":true,"doctor":true,"train_station_km":0.8})";
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.UpsertVillage("32013", "host", "Mairie d'Auch, le lundi", services, kNow);
    store.EnsureVillage("32208", kNow);
    store.EnsureVillage("32013", kNow + 1);  // exists: left as it is
    tx.Commit();
  }
  auto auch = store.Village("32013");
  ASSERT_TRUE(auch);
  EXPECT_EQ(auch->code, "32013");
  EXPECT_EQ(auch->role, "host");
  EXPECT_EQ(auch->welcome_committee, "Mairie d'Auch, le lundi");
  EXPECT_EQ(auch->services_json, services);
  EXPECT_EQ(store.Village("32208")->role, "none");
  EXPECT_FALSE(store.Village("32160"));
  // Only host and associated villages are listed.
  auto listed = store.Villages();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].code, "32013");
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.UpsertVillage("32013", "associated", std::nullopt, std::nullopt, kNow + 60);
    store.UpsertVillage("32208", "host", "", std::nullopt, kNow + 60);
    tx.Commit();
  }
  auch = store.Village("32013");
  EXPECT_EQ(auch->role, "associated");
  EXPECT_EQ(auch->welcome_committee, "Mairie d'Auch, le lundi");  // not given: kept
  EXPECT_EQ(auch->services_json, services);
  listed = store.Villages();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].code, "32208");
  EXPECT_EQ(listed[1].role, "host");
  // A village is a commune of its own programme.
  EXPECT_TRUE(store.CommuneExists("32160"));
  EXPECT_FALSE(store.CommuneExists("31555"));
  territory::VillageStore lot(lease, lot_);
  EXPECT_FALSE(lot.CommuneExists("32160"));
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_ANY_THROW(lot.UpsertVillage("32160", "host", std::nullopt, std::nullopt, kNow));
  }
  EXPECT_FALSE(lot.Village("32013"));
  EXPECT_TRUE(lot.Villages().empty());
}

TEST_F(VillagesStorage, ListingsKeepEveryFieldAndAvailableOnesComeFirst) {
  auto lease = pool_->Acquire();
  territory::VillageStore store(lease, gers_);
  territory::Listing house{
      0,    "home_rent", "Maison de village", "Trois chambres, jardin « clos ».", 750, 92.5, 4,
      true, false};
  const territory::Listing bakery{
      0,    "business", "Boulangerie à reprendre", "", std::nullopt, std::nullopt, std::nullopt,
      true, true};
  const territory::Listing school{0,     "home_sale", "Ancienne école", "", 180'000, 210.0, 8,
                                  false, false};
  const territory::Listing premises{
      0, "premises", "Local commercial", "", 400, 60.0, std::nullopt, true, false};
  long long house_id = 0, bakery_id = 0, school_id = 0, premises_id = 0;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.EnsureVillage("32013", kNow);
    store.EnsureVillage("32208", kNow);
    house_id = store.InsertListing("32013", house, kNow);
    bakery_id = store.InsertListing("32013", bakery, kNow);
    school_id = store.InsertListing("32013", school, kNow);
    premises_id = store.InsertListing("32208", premises, kNow);
    tx.Commit();
  }
  // Available first, then by kind, then by id.
  auto listings = store.Listings("32013");
  ASSERT_EQ(listings.size(), 3u);
  EXPECT_EQ(listings[0].id, bakery_id);
  EXPECT_EQ(listings[1].id, house_id);
  EXPECT_EQ(listings[2].id, school_id);
  const auto& got = listings[1];
  EXPECT_EQ(got.kind, "home_rent");
  EXPECT_EQ(got.title, "Maison de village");
  EXPECT_EQ(got.description, "Trois chambres, jardin « clos ».");
  EXPECT_EQ(got.price_eur, 750);
  EXPECT_EQ(got.surface_m2, 92.5);
  EXPECT_EQ(got.rooms, 4);
  EXPECT_TRUE(got.available);
  EXPECT_FALSE(got.is_demo);
  EXPECT_FALSE(listings[0].price_eur);  // absent stays absent
  EXPECT_FALSE(listings[0].surface_m2);
  EXPECT_FALSE(listings[0].rooms);
  EXPECT_TRUE(listings[0].is_demo);
  EXPECT_FALSE(listings[2].available);
  // Every available listing of the programme, by village.
  auto available = store.AllAvailableListings();
  ASSERT_EQ(available.size(), 2u);
  ASSERT_EQ(available["32013"].size(), 2u);
  EXPECT_EQ(available["32013"][0].id, house_id);
  EXPECT_EQ(available["32208"].at(0).id, premises_id);
  // An update changes the listing of its village only.
  house.id = house_id;
  house.price_eur = 800;
  house.rooms = std::nullopt;
  house.available = false;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(store.UpdateListing("32013", house, kNow + 60));
    EXPECT_FALSE(store.UpdateListing("32208", house, kNow + 60));
    EXPECT_FALSE(territory::VillageStore(lease, lot_).UpdateListing("32013", house, kNow + 60));
    tx.Commit();
  }
  listings = store.Listings("32013");
  ASSERT_EQ(listings.size(), 3u);
  EXPECT_EQ(listings[0].id, bakery_id);  // the house is unavailable now: after the bakery
  EXPECT_EQ(listings[1].id, house_id);
  EXPECT_FALSE(listings[1].available);
  EXPECT_EQ(listings[1].price_eur, 800);
  EXPECT_FALSE(listings[1].rooms);
  EXPECT_EQ(listings[1].surface_m2, 92.5);
  EXPECT_EQ(store.AllAvailableListings()["32013"].size(), 1u);
  // Deleted once, and only through its village and programme.
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_FALSE(store.DeleteRow("village_listings", "32208", house_id));
    EXPECT_FALSE(
        territory::VillageStore(lease, lot_).DeleteRow("village_listings", "32013", house_id));
    EXPECT_TRUE(store.DeleteRow("village_listings", "32013", house_id));
    EXPECT_FALSE(store.DeleteRow("village_listings", "32013", house_id));
    tx.Commit();
  }
  EXPECT_EQ(store.Listings("32013").size(), 2u);
}

TEST_F(VillagesStorage, ACommitteeAndNearbyServicesBelongToTheirVillage) {
  auto lease = pool_->Acquire();
  territory::VillageStore store(lease, gers_);
  territory::CommitteeMember mayor{0, "Christian Laprébende", "Maire", "mairie@auch.example.org",
                                   false};
  territory::NearbyService school{
      0, "school", "École Jean-Jaurès", 0.4, territory::LonLat{0.5902, 43.6511}, false};
  long long volunteer = 0, station = 0, doctor = 0;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.EnsureVillage("32013", kNow);
    store.EnsureVillage("32208", kNow);
    mayor.id = store.InsertMember("32013", mayor, kNow);
    volunteer = store.InsertMember("32013", {0, "Inès Martin", "Bénévole", "", true}, kNow);
    school.id = store.InsertService("32013", school, kNow);
    station =
        store.InsertService("32013", {0, "train_station", "Gare d'Auch", 1.2, {}, false}, kNow);
    doctor = store.InsertService("32013", {0, "doctor", "Maison de santé", 0.9, {}, true}, kNow);
    store.InsertService("32208", {0, "pharmacy", "Pharmacie", 0.3, {}, false}, kNow);
    tx.Commit();
  }
  const auto committee = store.Committee("32013");
  ASSERT_EQ(committee.size(), 2u);
  EXPECT_EQ(committee[0].id, mayor.id);
  EXPECT_EQ(committee[0].name, "Christian Laprébende");
  EXPECT_EQ(committee[0].role, "Maire");
  EXPECT_EQ(committee[0].contact, "mairie@auch.example.org");
  EXPECT_FALSE(committee[0].is_demo);
  EXPECT_TRUE(committee[1].is_demo);
  EXPECT_TRUE(store.Committee("32208").empty());
  // A village's services by kind, then distance; every village's by id.
  auto services = store.Services("32013");
  ASSERT_EQ(services.size(), 3u);
  EXPECT_EQ(services[0].id, doctor);
  EXPECT_TRUE(services[0].is_demo);
  EXPECT_EQ(services[1].id, school.id);
  EXPECT_EQ(services[1].name, "École Jean-Jaurès");
  EXPECT_EQ(services[1].distance_km, 0.4);
  ASSERT_TRUE(services[1].position);
  EXPECT_EQ(services[1].position->lon, 0.5902);
  EXPECT_EQ(services[1].position->lat, 43.6511);
  EXPECT_EQ(services[2].id, station);
  EXPECT_FALSE(services[2].position);
  auto all = store.AllServices();
  ASSERT_EQ(all.size(), 2u);
  ASSERT_EQ(all["32013"].size(), 3u);
  EXPECT_EQ(all["32013"][0].id, school.id);
  EXPECT_EQ(all["32208"].at(0).kind, "pharmacy");
  // Updates reach the row of their village only; a position given up is gone.
  mayor.contact = "05 62 61 21 00";
  school.position = std::nullopt;
  school.distance_km = 0.5;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(store.UpdateMember("32013", mayor, kNow + 60));
    EXPECT_FALSE(store.UpdateMember("32208", mayor, kNow + 60));
    EXPECT_FALSE(territory::VillageStore(lease, lot_).UpdateMember("32013", mayor, kNow + 60));
    EXPECT_TRUE(store.UpdateService("32013", school, kNow + 60));
    EXPECT_FALSE(territory::VillageStore(lease, lot_).UpdateService("32013", school, kNow + 60));
    EXPECT_TRUE(store.DeleteRow("village_committee", "32013", volunteer));
    EXPECT_FALSE(store.DeleteRow("village_services", "32208", station));
    EXPECT_TRUE(store.DeleteRow("village_services", "32013", station));
    tx.Commit();
  }
  ASSERT_EQ(store.Committee("32013").size(), 1u);
  EXPECT_EQ(store.Committee("32013")[0].contact, "05 62 61 21 00");
  services = store.Services("32013");
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[1].id, school.id);
  EXPECT_EQ(services[1].distance_km, 0.5);
  EXPECT_FALSE(services[1].position);
}

TEST_F(VillagesStorage, AccompanimentRequestsComeNewestFirstAndAreHandledOnce) {
  const auto advisor = AddAccount(*pool_, gers_, "conseil@example.org", "advisor", "Paul Durand");
  auto lease = pool_->Acquire();
  territory::VillageStore store(lease, gers_);
  territory::AccompanimentRequest r;
  r.commune_code = "32013";
  r.name = "Inès Martin";
  r.email = "ines@example.org";
  r.phone = "05 62 00 00 00";
  r.message = "Nous cherchons une maison près d'une école,\navec la fibre.";
  r.needs = "fibre=1&school=1";
  r.client_address = "203.0.113.7";
  r.created_at = kNow;
  long long first = 0, second = 0, third = 0;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    first = store.InsertRequest(r);
    auto other = r;
    other.commune_code = "";  // no village chosen
    other.client_address = "198.51.100.4";
    other.created_at = kNow + 100;
    second = store.InsertRequest(other);
    r.created_at = kNow + 200;
    third = store.InsertRequest(r);
    tx.Commit();
  }
  const auto ids = [](const std::vector<territory::AccompanimentRequest>& rs) {
    std::vector<long long> out;
    for (const auto& x : rs) out.push_back(x.id);
    return out;
  };
  EXPECT_EQ(ids(store.Requests(10, kNoCursor)), (std::vector<long long>{third, second, first}));
  EXPECT_EQ(ids(store.Requests(2, kNoCursor)), (std::vector<long long>{third, second}));
  EXPECT_EQ(ids(store.Requests(2, second)), (std::vector<long long>{first}));
  const auto got = store.Request(first);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->commune_code, "32013");
  EXPECT_EQ(got->name, "Inès Martin");
  EXPECT_EQ(got->email, "ines@example.org");
  EXPECT_EQ(got->phone, "05 62 00 00 00");
  EXPECT_EQ(got->message, r.message);
  EXPECT_EQ(got->needs, "fibre=1&school=1");
  EXPECT_EQ(got->client_address, "203.0.113.7");
  EXPECT_EQ(got->status, "new");
  EXPECT_FALSE(got->handled_by);
  EXPECT_FALSE(got->handled_at);
  EXPECT_EQ(got->created_at, kNow);
  EXPECT_EQ(store.Request(second)->commune_code, "");
  // Counted per address from an instant on, to slow down floods.
  EXPECT_EQ(store.CountRequestsFrom("203.0.113.7", kNow), 2);
  EXPECT_EQ(store.CountRequestsFrom("203.0.113.7", kNow + 1), 1);
  EXPECT_EQ(store.CountRequestsFrom("198.51.100.4", kNow), 1);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(store.MarkHandled(second, advisor, "Paul Durand", kNow + 300));
    EXPECT_FALSE(store.MarkHandled(second, advisor, "Paul Durand", kNow + 400));
    EXPECT_FALSE(territory::VillageStore(lease, lot_).MarkHandled(first, advisor, "X", kNow));
    tx.Commit();
  }
  const auto handled = store.Request(second);
  ASSERT_TRUE(handled);
  EXPECT_EQ(handled->status, "handled");
  EXPECT_EQ(handled->handled_by, advisor);
  EXPECT_EQ(handled->handled_by_name, "Paul Durand");
  EXPECT_EQ(handled->handled_at, kNow + 300);
  EXPECT_EQ(store.Request(first)->status, "new");
  EXPECT_EQ(ids(store.Requests(10, kNoCursor, "handled")), (std::vector<long long>{second}));
  EXPECT_EQ(ids(store.Requests(10, kNoCursor, "new")), (std::vector<long long>{third, first}));
  EXPECT_EQ(ids(store.Requests(1, third, "new")), (std::vector<long long>{first}));
}

TEST_F(VillagesStorage, OneExchangeIsReadAndDeletedThroughTheVillageStore) {
  ImportExchanges(gers_,
                  {Exchange("AUC32", "Auch Central", 0.5861, 43.6459, 12'000, "copper", true),
                   Exchange("LEC32", "Lectoure", 0.6241, 43.9347, std::nullopt, "", false)});
  auto lease = pool_->Acquire();
  territory::VillageStore store(lease, gers_);
  const auto auch = store.Exchange("AUC32");
  ASSERT_TRUE(auch);
  EXPECT_EQ(auch->exchange.name, "Auch Central");
  EXPECT_EQ(auch->lines, 12'000);
  EXPECT_TRUE(auch->exchange.in_territory);
  EXPECT_FALSE(store.Exchange("TLS31"));
  territory::VillageStore lot(lease, lot_);
  EXPECT_FALSE(lot.Exchange("AUC32"));
  db::Transaction tx(lease, db::TxMode::kWrite);
  EXPECT_FALSE(lot.DeleteExchange("AUC32"));
  EXPECT_TRUE(store.DeleteExchange("AUC32"));
  EXPECT_FALSE(store.DeleteExchange("AUC32"));
  tx.Commit();
  ASSERT_EQ(territory::Store(lease, gers_).Exchanges().size(), 1u);
  EXPECT_EQ(territory::Store(lease, gers_).Exchanges()[0].exchange.code, "LEC32");
}

}  // namespace sohosolo
