// The portal's programmes on both engines: created and found by slug and by host, one programme
// per slug and per host, and each programme's settings read back as written.
#include <algorithm>

#include "fixture.hpp"
#include "portal/service.hpp"
#include "portal/store.hpp"

namespace sohosolo {

namespace {

/// The programmes a Host header value leads to in the stored host table (slugs).
std::vector<std::string> SlugsOfHost(portal::ProgrammeStore& store, const std::string& host) {
  std::vector<std::string> out;
  for (const auto& [h, slug] : store.Hosts())
    if (h == host) out.push_back(slug);
  return out;
}

}  // namespace

TEST_F(Storage, AProgrammeIsCreatedAndFoundBySlug) {
  auto lease = pool_->Acquire();
  portal::ProgrammeStore store(lease);
  long long tarn = 0;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    tarn = store.Create("tarn", "Soho Solo Tarn", "Télétravail dans le Tarn « rural »");
    tx.Commit();
  }
  EXPECT_NE(tarn, gers_.value);
  EXPECT_NE(tarn, lot_.value);
  const auto found = store.FindBySlug("tarn");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id.value, tarn);
  EXPECT_EQ(found->slug, "tarn");
  EXPECT_EQ(found->name, "Soho Solo Tarn");
  EXPECT_EQ(found->description, "Télétravail dans le Tarn « rural »");
  EXPECT_TRUE(found->public_url.empty());
  EXPECT_EQ(store.FindBySlug("gers")->id, gers_);
  EXPECT_FALSE(store.FindBySlug("Tarn"));  // a slug is matched exactly
  EXPECT_FALSE(store.FindBySlug("tar"));
  // Oldest first.
  const auto all = store.All();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].slug, "gers");
  EXPECT_EQ(all[1].slug, "lot");
  EXPECT_EQ(all[2].slug, "tarn");
  EXPECT_EQ(all[2].description, "Télétravail dans le Tarn « rural »");
  // The readers other modules use say the same.
  EXPECT_EQ(portal::FindProgramme(*pool_, "tarn")->id.value, tarn);
  EXPECT_FALSE(portal::FindProgramme(*pool_, "aveyron"));
  EXPECT_EQ(portal::AllProgrammes(*pool_).size(), 3u);
}

TEST_F(Storage, ASlugNamesOneProgrammeOnly) {
  auto lease = pool_->Acquire();
  portal::ProgrammeStore store(lease);
  try {
    store.Create("gers", "Un autre Gers", "");
    ADD_FAILURE() << "a second programme took the slug gers";
  } catch (const std::exception& e) {
    EXPECT_TRUE(db::IsUniqueViolation(e)) << e.what();
  }
  EXPECT_EQ(store.All().size(), 2u);
  EXPECT_EQ(store.FindBySlug("gers")->name, "Soho Solo Gers");
  // The service refuses it before the engine has to.
  portal::Programmes programmes(*pool_);
  const auto again = programmes.Create("gers", "Un autre Gers", "", {"autre.localhost"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_TRUE(SlugsOfHost(store, "autre.localhost").empty());
}

TEST_F(Storage, AHostLeadsToOneProgrammeAndStaysWithIt) {
  auto lease = pool_->Acquire();
  portal::ProgrammeStore store(lease);
  EXPECT_EQ(SlugsOfHost(store, "gers.localhost"), std::vector<std::string>{"gers"});
  EXPECT_EQ(SlugsOfHost(store, "lot.localhost"), std::vector<std::string>{"lot"});
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.AddHost("soho.example.org", lot_.value);
    tx.Commit();
  }
  {
    // Given again, for another programme, it is refused (programme add says the host serves
    // another programme), and the transaction is rolled back.
    db::Transaction tx(lease, db::TxMode::kWrite);
    try {
      store.AddHost("soho.example.org", gers_.value);
      ADD_FAILURE() << "the host moved to another programme";
    } catch (const std::exception& e) {
      EXPECT_TRUE(db::IsUniqueViolation(e)) << e.what();
    }
  }
  EXPECT_EQ(SlugsOfHost(store, "soho.example.org"), std::vector<std::string>{"lot"});
  EXPECT_EQ(store.Hosts().size(), 3u);
  // What a server makes of them: a Host header, port and case aside, picks its programme; an
  // unknown host gets the default one.
  portal::Programmes programmes(*pool_);
  ASSERT_TRUE(programmes.Load("gers"));
  EXPECT_EQ(programmes.ForHost("SOHO.Example.org:8080").slug, "lot");
  EXPECT_EQ(programmes.ForHost("lot.localhost").id, lot_);
  EXPECT_EQ(programmes.ForHost("gers.localhost:443").id, gers_);
  EXPECT_EQ(programmes.ForHost("elsewhere.example.org").slug, "gers");
  EXPECT_EQ(programmes.Default().slug, "gers");
  EXPECT_FALSE(programmes.Load("aveyron"));
}

TEST_F(Storage, AProgrammesSettingsComeBackAsWritten) {
  portal::Programmes programmes(*pool_);
  const auto tarn = programmes.Create("tarn", "  Soho Solo Tarn ", "Le Tarn",
                                      {"Tarn.Example.ORG", "tarn.localhost"},
                                      "https://soho-solo.tarn.example.org");
  ASSERT_TRUE(tarn);
  auto lease = pool_->Acquire();
  portal::ProgrammeStore store(lease);
  auto found = store.FindBySlug("tarn");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id.value, *tarn);
  EXPECT_EQ(found->name, "Soho Solo Tarn");
  EXPECT_EQ(found->description, "Le Tarn");
  EXPECT_EQ(found->public_url, "https://soho-solo.tarn.example.org");
  EXPECT_TRUE(found->https());
  EXPECT_EQ(SlugsOfHost(store, "tarn.example.org"), std::vector<std::string>{"tarn"});
  EXPECT_EQ(SlugsOfHost(store, "tarn.localhost"), std::vector<std::string>{"tarn"});
  // A new address replaces the old one and nothing else; one that is not an address is refused.
  ASSERT_TRUE(programmes.SetPublicUrl("tarn", "http://tarn.example.org/soho"));
  EXPECT_FALSE(programmes.SetPublicUrl("tarn", "ftp://tarn.example.org"));
  EXPECT_FALSE(programmes.SetPublicUrl("aveyron", "https://aveyron.example.org"));
  found = store.FindBySlug("tarn");
  EXPECT_EQ(found->public_url, "http://tarn.example.org/soho");
  EXPECT_FALSE(found->https());
  EXPECT_EQ(found->name, "Soho Solo Tarn");
  EXPECT_TRUE(store.FindBySlug("gers")->public_url.empty());
  // Loaded by a server: a programme keeps its own address, the others get the instance's.
  ASSERT_TRUE(programmes.Load("gers"));
  programmes.SetFallbackUrl("https://soho-solo.example.org");
  EXPECT_EQ(programmes.Default().public_url, "https://soho-solo.example.org");
  EXPECT_EQ(programmes.ForHost("tarn.localhost").public_url, "http://tarn.example.org/soho");
}

TEST_F(Storage, ProgrammesKeepTheirHostsAndPublicAddress) {
  auto lease = pool_->Acquire();
  portal::ProgrammeStore store(lease);
  const auto gers = store.FindBySlug("gers");
  ASSERT_TRUE(gers);
  EXPECT_EQ(gers->name, "Soho Solo Gers");
  EXPECT_TRUE(gers->public_url.empty());
  EXPECT_TRUE(store.SetPublicUrl("gers", "https://soho-solo.example.org"));
  EXPECT_EQ(store.FindBySlug("gers")->public_url, "https://soho-solo.example.org");
  EXPECT_FALSE(store.SetPublicUrl("nowhere", "https://x.example.org"));
  EXPECT_FALSE(store.FindBySlug("nowhere"));
  const auto hosts = store.Hosts();
  EXPECT_NE(std::find(hosts.begin(), hosts.end(),
                      std::pair<std::string, std::string>{"lot.localhost", "lot"}),
            hosts.end());
  EXPECT_EQ(store.All().size(), 2u);
}

}  // namespace sohosolo
