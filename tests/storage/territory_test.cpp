// The territory store on both engines: communes (upsert counts, outlines, search by folded name
// and its keyset paging), exchanges and their territory flag, parameters, the import log that
// versions a programme's data and the lock that serialises its imports; and the isolation of
// every territory table between Gers and Lot. Villages are in villages_test.cpp.
#include <atomic>
#include <chrono>
#include <future>
#include <limits>
#include <thread>

#include "territory/villages/store.hpp"
#include "territory_fixture.hpp"

namespace sohosolo {

namespace {

using territory::CommuneRecord;
using territory::ExchangeRecord;
using territory::UpsertCounts;

constexpr long long kNow = kTerritoryNow;
constexpr long long kNoCursor = std::numeric_limits<long long>::max();

/// Auch's outline as a later import redraws it.
const std::string kAuchRedrawn =
    R"({"type":"Polygon","coordinates":[[[0.54,43.61],[0.63,43.61],[0.63,43.69],[0.54,43.61]]]})";

std::vector<std::string> Codes(const std::vector<CommuneRecord>& communes) {
  std::vector<std::string> out;
  for (const auto& c : communes) out.push_back(c.code);
  return out;
}

}  // namespace

TEST_F(TerritoryStorage, CommunesComeBackAsWrittenWithOrWithoutTheirOutline) {
  const auto counts = Import(gers_, {Lectoure(), Auch(), IsleJourdain()});
  EXPECT_EQ(counts.inserted, 3u);
  auto lease = pool_->Acquire();
  territory::Store store(lease, gers_);
  const auto all = store.Communes(true);
  EXPECT_EQ(Codes(all), (std::vector<std::string>{"32013", "32160", "32208"}));  // by code
  ASSERT_EQ(all.size(), 3u);
  const auto& auch = all[0];
  EXPECT_EQ(auch.name, "Auch");
  EXPECT_EQ(auch.name_folded, "auch");
  EXPECT_EQ(auch.population, 22'896);
  EXPECT_EQ(auch.postcodes, "32000");
  EXPECT_EQ(auch.area_km2, 72.4817);  // exactly: the upsert compares stored and given values
  EXPECT_EQ(auch.point.lon, 0.585716);
  EXPECT_EQ(auch.point.lat, 43.646554);
  EXPECT_EQ(auch.geometry, kAuchOutline);
  EXPECT_EQ(all[2].geometry, kLectoureOutline);
  // A commune from a CSV: no population and no outline stay absent, not 0 and "".
  const auto& isle = all[1];
  EXPECT_EQ(isle.name, "L'Isle-Jourdain");
  EXPECT_EQ(isle.name_folded, "lislejourdain");
  EXPECT_FALSE(isle.population);
  EXPECT_FALSE(isle.geometry);
  EXPECT_EQ(isle.postcodes, "32600 32601");
  EXPECT_EQ(isle.point.lon, 1.0821);
  // Without geometry: the same rows, outlines left out.
  const auto light = store.Communes(false);
  ASSERT_EQ(light.size(), 3u);
  EXPECT_FALSE(light[0].geometry);
  EXPECT_EQ(light[0].population, 22'896);
  EXPECT_EQ(light[0].area_km2, 72.4817);
}

TEST_F(TerritoryStorage, AnUpsertCountsInsertedUpdatedAndUnchangedRows) {
  auto auch = Auch();
  const auto first = Import(gers_, {auch, Lectoure()});
  EXPECT_EQ(first.inserted, 2u);
  EXPECT_EQ(first.updated, 0u);
  EXPECT_EQ(first.unchanged, 0u);
  // The same rows again change nothing: what comes back from the engine equals what was given.
  const auto again = Import(gers_, {auch, Lectoure()});
  EXPECT_EQ(again.inserted, 0u);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, 2u);
  auch.population = 23'000;
  const auto third = Import(gers_, {auch, Lectoure(), IsleJourdain()}, kNow + 60);
  EXPECT_EQ(third.inserted, 1u);
  EXPECT_EQ(third.updated, 1u);
  EXPECT_EQ(third.unchanged, 1u);
  // A population that goes away is a change too.
  auch.population = std::nullopt;
  EXPECT_EQ(Import(gers_, {auch}).updated, 1u);
  // Codes missing from an import are kept.
  EXPECT_EQ(Import(gers_, {IsleJourdain()}).unchanged, 1u);
  auto lease = pool_->Acquire();
  const auto all = territory::Store(lease, gers_).Communes(false);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_FALSE(all[0].population);
  EXPECT_EQ(all[2].population, 3'700);
}

TEST_F(TerritoryStorage, ARowWithoutOutlineKeepsTheStoredOutlineAreaAndPoint) {
  Import(gers_, {Auch()});
  // A CSV of populations: no outline, no area, no point.
  auto from_csv = Commune("32013", "Auch", 23'500);
  from_csv.postcodes = "32000";
  const auto counts = Import(gers_, {from_csv});
  EXPECT_EQ(counts.updated, 1u);
  auto lease = pool_->Acquire();
  territory::Store store(lease, gers_);
  auto auch = store.Communes(true).at(0);
  EXPECT_EQ(auch.population, 23'500);
  EXPECT_EQ(auch.geometry, kAuchOutline);
  EXPECT_EQ(auch.area_km2, 72.4817);
  EXPECT_EQ(auch.point.lat, 43.646554);
  // The same CSV again changes nothing.
  EXPECT_EQ(Import(gers_, {from_csv}).unchanged, 1u);
  // A new outline replaces the stored one.
  auto redrawn = Auch();
  redrawn.geometry = kAuchRedrawn;
  EXPECT_EQ(Import(gers_, {redrawn}).updated, 1u);
  EXPECT_EQ(store.Communes(true).at(0).geometry, kAuchRedrawn);
}

TEST_F(TerritoryStorage, SearchPagesByFoldedNameThenCodeAfterTheLastRowSeen) {
  Import(gers_, {Commune("32013", "Auch"), Commune("32015", "Aubiet"), Commune("32017", "Auterive"),
                 Commune("32033", "Beaumont"), Commune("32032", "Beaumont"),
                 Commune("32119", "Éauze"), Commune("32208", "Lectoure"), IsleJourdain()});
  auto lease = pool_->Acquire();
  territory::Store store(lease, gers_);
  // Pages of two, each starting after the last row of the one before; the two Beaumont fall on
  // either side of a page boundary and are told apart by their code.
  std::vector<std::string> seen;
  territory::SearchAfter after;
  for (int page = 0; page < 10; ++page) {
    const auto rows = store.Search("au", after, 2);
    if (rows.empty()) break;
    EXPECT_LE(rows.size(), 2u);
    for (const auto& r : rows) seen.push_back(r.code);
    after = {rows.back().name_folded, rows.back().code};
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"32015", "32013", "32017", "32032", "32033", "32119"}));
  EXPECT_EQ(Codes(store.Search("au", {"beaumont", "32032"}, 10)),
            (std::vector<std::string>{"32033", "32119"}));
  const auto first = store.Search("au", {}, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].name, "Aubiet");
  EXPECT_FALSE(first[0].geometry);
  EXPECT_EQ(store.CountMatching("au"), 6);
  EXPECT_EQ(store.CountMatching(territory::FoldForSearch("l'isle jourdain")), 1);
  EXPECT_EQ(store.CountMatching(""), 8);
  // LIKE's wildcards in the search text are plain characters.
  EXPECT_EQ(store.CountMatching("_"), 0);
  EXPECT_EQ(store.CountMatching("a%e"), 0);
  EXPECT_TRUE(store.Search("a_ch", {}, 10).empty());
  // Lot has no commune.
  territory::Store lot(lease, lot_);
  EXPECT_EQ(lot.CountMatching("au"), 0);
  EXPECT_TRUE(lot.Search("au", {}, 10).empty());
}

TEST_F(TerritoryStorage, ExchangesUpsertAndTheirTerritoryFlagChangesOnlyWhereItDiffers) {
  auto lectoure = Exchange("LEC32", "Lectoure", 0.6241, 43.9347, std::nullopt, "copper", false);
  const std::vector<ExchangeRecord> exchanges{
      Exchange("AUC32", "Auch Central", 0.5861, 43.6459, 12'000, "copper adsl2plus vdsl2", true),
      lectoure, Exchange("AGE47", "Agen", 0.6163, 44.2031, 30'000, "copper", false)};
  EXPECT_EQ(ImportExchanges(gers_, exchanges).inserted, 3u);
  auto lease = pool_->Acquire();
  territory::Store store(lease, gers_);
  auto stored = store.Exchanges();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].exchange.code, "AGE47");  // by code
  const auto& auch = stored[1];
  EXPECT_EQ(auch.exchange.name, "Auch Central");
  EXPECT_EQ(auch.exchange.lon, 0.5861);
  EXPECT_EQ(auch.exchange.lat, 43.6459);
  EXPECT_EQ(auch.lines, 12'000);
  EXPECT_EQ(auch.technologies, "copper adsl2plus vdsl2");
  EXPECT_TRUE(auch.exchange.in_territory);
  EXPECT_FALSE(stored[2].lines);  // no line count stays absent
  EXPECT_FALSE(stored[2].exchange.in_territory);
  // Again: nothing changes; then one line count.
  EXPECT_EQ(ImportExchanges(gers_, exchanges).unchanged, 3u);
  lectoure.lines = 800;
  const auto counts = ImportExchanges(gers_, {lectoure});
  EXPECT_EQ(counts.updated, 1u);
  EXPECT_EQ(store.Exchanges()[2].lines, 800);
  // The flag: Lectoure goes in, Auch goes out, Agen stays out, an unknown code is ignored.
  std::vector<territory::Exchange> flags{{"AGE47", "", 0, 0, false},
                                         {"LEC32", "", 0, 0, true},
                                         {"AUC32", "", 0, 0, false},
                                         {"TLS31", "", 0, 0, true}};
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_EQ(store.SetInTerritory(flags), 2u);
    EXPECT_EQ(store.SetInTerritory(flags), 0u);
    EXPECT_EQ(territory::Store(lease, lot_).SetInTerritory({{"AUC32", "", 0, 0, true}}), 0u);
    tx.Commit();
  }
  stored = store.Exchanges();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_FALSE(stored[0].exchange.in_territory);
  EXPECT_FALSE(stored[1].exchange.in_territory);
  EXPECT_TRUE(stored[2].exchange.in_territory);
  EXPECT_EQ(stored[1].lines, 12'000);  // only the flag moved
  EXPECT_EQ(stored[1].exchange.name, "Auch Central");
  EXPECT_TRUE(territory::Store(lease, lot_).Exchanges().empty());
}

TEST_F(TerritoryStorage, ParametersAreReplacedWithTheirRevisionIncremented) {
  auto lease = pool_->Acquire();
  territory::Store store(lease, gers_);
  EXPECT_FALSE(store.Parameters());
  EXPECT_EQ(store.ParametersRevision(), 0);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.LockImports();
    store.SaveParameters(R"({"adsl":{"detour_factor":1.5}})", "gers.json", kNow);
    tx.Commit();
  }
  auto saved = store.Parameters();
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->document, R"({"adsl":{"detour_factor":1.5}})");
  EXPECT_EQ(saved->source, "gers.json");
  EXPECT_EQ(saved->revision, 1);
  EXPECT_EQ(saved->updated_at, kNow);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.LockImports();
    store.SaveParameters(R"({"adsl":{"detour_factor":1.4}})", "gers-2.json", kNow + 60);
    tx.Commit();
  }
  saved = store.Parameters();
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->document, R"({"adsl":{"detour_factor":1.4}})");
  EXPECT_EQ(saved->source, "gers-2.json");
  EXPECT_EQ(saved->revision, 2);
  EXPECT_EQ(saved->updated_at, kNow + 60);
  EXPECT_EQ(store.ParametersRevision(), 2);
  // A save that is rolled back leaves the revision as it was.
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.SaveParameters("{}", "rolled-back.json", kNow + 120);
  }
  EXPECT_EQ(store.ParametersRevision(), 2);
  EXPECT_EQ(store.Parameters()->source, "gers-2.json");
}

TEST_F(TerritoryStorage, EachRecordedImportIsANewVersionOfItsProgrammeOnly) {
  auto lease = pool_->Acquire();
  territory::Store gers(lease, gers_);
  territory::Store lot(lease, lot_);
  EXPECT_EQ(gers.Version(), 0);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    gers.LockImports();
    gers.RecordImport("communes", "communes.geojson", 3, {3, 0, 0}, kNow);
    tx.Commit();
  }
  const auto first = gers.Version();
  EXPECT_GT(first, 0);
  EXPECT_EQ(lot.Version(), 0);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    lot.LockImports();
    lot.RecordImport("exchanges", "nra.csv", 2, {2, 0, 0}, kNow);
    tx.Commit();
  }
  EXPECT_GT(lot.Version(), 0);
  EXPECT_EQ(gers.Version(), first);  // Lot's import is not a new version of Gers
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    gers.RecordImport("exchanges", "nra.csv", 4, {1, 2, 1}, kNow + 60);
    tx.Commit();
  }
  const auto second = gers.Version();
  EXPECT_GT(second, first);
  // An import rolled back is no version.
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    gers.RecordImport("communes", "broken.geojson", 1, {}, kNow + 120);
    EXPECT_GT(gers.Version(), second);  // seen inside its own transaction
  }
  EXPECT_EQ(gers.Version(), second);
}

TEST_F(TerritoryStorage, ASecondImportOfAProgrammeWaitsForTheFirstAndSeesItsRows) {
  const std::vector<CommuneRecord> communes{Auch(), Lectoure()};
  std::promise<void> locked;
  std::atomic<bool> first_committed = false;
  std::jthread first([&] {  // joined even when the second import throws
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    territory::Store store(lease, gers_);
    store.LockImports();
    store.UpsertCommunes(communes, kNow);
    locked.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first_committed = true;
    tx.Commit();
  });
  locked.get_future().wait();
  UpsertCounts counts;
  bool waited = false;
  {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    territory::Store store(lease, gers_);
    store.LockImports();
    waited = first_committed;
    counts = store.UpsertCommunes(communes, kNow);
    tx.Commit();
  }
  first.join();
  EXPECT_TRUE(waited);
  EXPECT_EQ(counts.inserted, 0u);
  EXPECT_EQ(counts.unchanged, 2u);
}

TEST_F(TerritoryStorage, NothingOfGersIsVisibleThroughTheStoresOfLot) {
  Import(gers_, {Auch(), Lectoure()});
  ImportExchanges(gers_, {Exchange("AUC32", "Auch Central", 0.5861, 43.6459, 12'000, "", true)});
  auto lease = pool_->Acquire();
  long long request = 0;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    territory::Store gers(lease, gers_);
    gers.LockImports();
    gers.SaveParameters("{}", "gers.json", kNow);
    gers.RecordImport("communes", "communes.geojson", 2, {2, 0, 0}, kNow);
    territory::VillageStore villages(lease, gers_);
    villages.UpsertVillage("32013", "host", "Mairie", "{}", kNow);
    villages.InsertMember("32013", {0, "Maire", "Maire", "", false}, kNow);
    villages.InsertService("32013", {0, "school", "École", 0.4, {}, false}, kNow);
    villages.InsertListing("32013", {0, "home_rent", "Maison", "", 700, 80.0, 4, true, false},
                           kNow);
    territory::AccompanimentRequest r;
    r.commune_code = "32013";
    r.name = "Inès Martin";
    r.email = "ines@example.org";
    r.message = "Bonjour";
    r.client_address = "203.0.113.7";
    r.created_at = kNow;
    request = villages.InsertRequest(r);
    tx.Commit();
  }
  territory::Store lot(lease, lot_);
  EXPECT_EQ(lot.Version(), 0);
  EXPECT_TRUE(lot.Communes(true).empty());
  EXPECT_TRUE(lot.Exchanges().empty());
  EXPECT_TRUE(lot.Search("", {}, 10).empty());
  EXPECT_EQ(lot.CountMatching(""), 0);
  EXPECT_FALSE(lot.Parameters());
  EXPECT_EQ(lot.ParametersRevision(), 0);
  territory::VillageStore lot_villages(lease, lot_);
  EXPECT_TRUE(lot_villages.Villages().empty());
  EXPECT_FALSE(lot_villages.Village("32013"));
  EXPECT_FALSE(lot_villages.CommuneExists("32013"));
  EXPECT_TRUE(lot_villages.Committee("32013").empty());
  EXPECT_TRUE(lot_villages.Services("32013").empty());
  EXPECT_TRUE(lot_villages.AllServices().empty());
  EXPECT_TRUE(lot_villages.Listings("32013").empty());
  EXPECT_TRUE(lot_villages.AllAvailableListings().empty());
  EXPECT_TRUE(lot_villages.Requests(10, kNoCursor).empty());
  EXPECT_FALSE(lot_villages.Request(request));
  EXPECT_EQ(lot_villages.CountRequestsFrom("203.0.113.7", 0), 0);
  EXPECT_FALSE(lot_villages.Exchange("AUC32"));
  // Lot's writes with the same codes make Lot's own rows and leave Gers's as they were.
  auto lot_auch = Auch();
  lot_auch.population = 1;
  EXPECT_EQ(Import(lot_, {lot_auch}).inserted, 1u);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    lot.SaveParameters("{}", "lot.json", kNow);
    lot.SaveParameters("{}", "lot.json", kNow);
    tx.Commit();
  }
  territory::Store gers(lease, gers_);
  EXPECT_EQ(gers.Communes(false).at(0).population, 22'896);
  EXPECT_EQ(gers.ParametersRevision(), 1);
  EXPECT_EQ(lot.ParametersRevision(), 2);
}

}  // namespace sohosolo
