// The community stores against both engines: profiles come back as written, the search index
// follows each save (SQLite's FTS5 table, PostgreSQL's generated tsvectors), and nothing of one
// programme is found from another; the club's events keep their seats, their line and their
// reminders on both engines.
#include "community/board/service.hpp"
#include "community/board/store.hpp"
#include "community/events/service.hpp"
#include "community/events/store.hpp"
#include "community/newsletters/service.hpp"
#include "community/newsletters/store.hpp"
#include "community/profiles/service.hpp"
#include "community/profiles/store.hpp"
#include "fixture.hpp"

namespace sohosolo {
namespace {

using community::Directory;
using community::DirectoryQuery;
using community::ProfileInput;

class CommunityStorage : public Storage {
 protected:
  void SetUp() override {
    Storage::SetUp();
    elodie_ = AddAccount(*pool_, gers_, "elodie@example.org", "member", "Élodie Durand");
    marc_ = AddAccount(*pool_, gers_, "marc@example.org", "member", "Marc Lefèvre");
  }
  std::vector<std::string> Found(core::ProgrammeId p, const std::string& text, bool staff = false) {
    DirectoryQuery q;
    q.text = text;
    auto page = Directory(*pool_).Search(p, staff, q);
    EXPECT_TRUE(page);
    std::vector<std::string> out;
    for (const auto& m : page->items) out.push_back(m.display_name);
    return out;
  }
  long long elodie_ = 0, marc_ = 0;
};

TEST_F(CommunityStorage, AProfileComesBackAsWritten) {
  Directory directory(*pool_);
  ProfileInput in;
  in.listed = true;
  in.status = "independent";
  in.sector = "J";
  in.skills = "Développement web, Accessibilité\nDéveloppement Web";
  in.village_code = "32147";
  in.presentation = "Ligne 1\nLigne 2 — « guillemets »";
  in.website = "https://elodie.example.org/portfolio";
  in.languages = "français, occitan";
  in.shown["website"] = "advisors";
  ASSERT_TRUE(directory.Save(gers_, elodie_, "Élodie Durand", in));
  auto lease = pool_->Acquire();
  const auto found = community::ProfileStore(lease, gers_).Find(elodie_);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->listed);
  EXPECT_EQ(found->display_name, "Élodie Durand");
  const std::vector<std::string> skills{"Développement web", "Accessibilité"};
  EXPECT_EQ(found->skills, skills);  // the duplicate (same folded form) dropped
  EXPECT_EQ(found->presentation, "Ligne 1\nLigne 2 — « guillemets »");
  EXPECT_EQ(found->website, "https://elodie.example.org/portfolio");
  EXPECT_EQ(found->ShownTo("website"), "advisors");
  EXPECT_EQ(found->ShownTo("skills"), "members");
  EXPECT_FALSE(community::ProfileStore(lease, lot_).Find(elodie_));
}

TEST_F(CommunityStorage, TheSearchFollowsEverySave) {
  Directory directory(*pool_);
  ProfileInput in;
  in.listed = true;
  in.skills = "Menuiserie";
  ASSERT_TRUE(directory.Save(gers_, marc_, "Marc Lefèvre", in));
  EXPECT_EQ(Found(gers_, "menuis"), std::vector<std::string>{"Marc Lefèvre"});
  in.skills = "Ébénisterie";
  ASSERT_TRUE(directory.Save(gers_, marc_, "Marc Lefèvre", in));
  EXPECT_TRUE(Found(gers_, "menuis").empty()) << "the old words are gone from the index";
  EXPECT_EQ(Found(gers_, "ebenist"), std::vector<std::string>{"Marc Lefèvre"});
  in.shown["skills"] = "advisors";
  ASSERT_TRUE(directory.Save(gers_, marc_, "Marc Lefèvre", in));
  EXPECT_TRUE(Found(gers_, "ebenist").empty());
  EXPECT_EQ(Found(gers_, "ebenist", true), std::vector<std::string>{"Marc Lefèvre"});
  directory.Rename(marc_, "Marcel Lefèvre");
  EXPECT_EQ(Found(gers_, "marcel"), std::vector<std::string>{"Marcel Lefèvre"});
  EXPECT_TRUE(Found(gers_, "marc ").size() == 1);
  in.listed = false;
  ASSERT_TRUE(directory.Save(gers_, marc_, "Marcel Lefèvre", in));
  EXPECT_TRUE(Found(gers_, "marcel").empty());
}

TEST_F(CommunityStorage, NothingOfGersIsFoundFromLot) {
  Directory directory(*pool_);
  ProfileInput in;
  in.listed = true;
  in.skills = "Photographie";
  ASSERT_TRUE(directory.Save(gers_, elodie_, "Élodie Durand", in));
  EXPECT_EQ(Found(gers_, "photo").size(), 1u);
  EXPECT_TRUE(Found(lot_, "photo").empty());
  EXPECT_TRUE(Found(lot_, "", true).empty());
  in.skills = "Vidéo";
  ASSERT_TRUE(directory.Save(lot_, elodie_, "Élodie Durand", in));
  EXPECT_EQ(Found(gers_, "photo").size(), 1u);
  EXPECT_EQ(Found(lot_, "video").size(), 1u);
  EXPECT_TRUE(Found(lot_, "photo").empty());
  auto lease = pool_->Acquire();
  EXPECT_EQ(community::ProfileStore::ProgrammesOf(lease, elodie_).size(), 2u);
}

TEST_F(CommunityStorage, AnInvalidProfileStoresNothing) {
  Directory directory(*pool_);
  ProfileInput in;
  in.listed = true;
  in.website = "javascript:alert(1)";
  in.sector = "Z";
  const auto refused = directory.Save(gers_, elodie_, "Élodie Durand", in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.size(), 2u);
  auto lease = pool_->Acquire();
  EXPECT_FALSE(community::ProfileStore(lease, gers_).Find(elodie_));
}

}  // namespace
}  // namespace sohosolo

namespace sohosolo {
namespace {

TEST_F(CommunityStorage, BothSearchPlansFindTheSameProfilesInTheSameOrder) {
  Directory directory(*pool_);
  const char* skills[] = {"Menuiserie", "Comptabilité", "Vidéo", "Menuiserie, Vidéo"};
  for (int i = 0; i < 12; ++i) {
    const auto id = AddAccount(*pool_, gers_, "m" + std::to_string(i) + "@example.org", "member",
                               "Membre " + std::to_string(i % 5) + " " + std::to_string(i));
    ProfileInput in;
    in.listed = i != 7;
    in.skills = skills[i % 4];
    in.sector = i % 2 ? "J" : "M";
    in.presentation = i % 3 ? "Installé à Gimont" : "Installée à Auch";
    if (i == 4) in.shown["skills"] = "advisors";
    ASSERT_TRUE(
        directory.Save(gers_, id, "Membre " + std::to_string(i % 5) + " " + std::to_string(i), in));
  }
  auto lease = pool_->Acquire();
  community::ProfileStore store(lease, gers_);
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> queries = {
      {{"gimont"}, {}},
      {{}, {"skillmenuiserie"}},
      {{"membre", "auch"}, {"sectorm"}},
      {{"installe"}, {"skillvideo", "sectorj"}},
      {{"nobody"}, {}},
  };
  for (const bool staff : {false, true}) {
    for (const auto& [words, facets] : queries) {
      community::StoreQuery q;
      q.words = words;
      q.facets = facets;
      q.limit = 50;
      const auto count = store.CountMatches(q, staff, 1000);
      q.selective_below = 0;  // walk the directory's order
      const auto walked = store.Search(q, staff);
      q.selective_below = 1000000;  // start from the full-text index
      const auto indexed = store.Search(q, staff);
      ASSERT_EQ(walked.size(), indexed.size()) << words.size() << " words, staff " << staff;
      for (std::size_t i = 0; i < walked.size(); ++i)
        EXPECT_EQ(walked[i].profile.account_id, indexed[i].profile.account_id);
      EXPECT_GE(count, static_cast<long long>(walked.size()));  // the count includes unlisted ones
      q.limit = 2;  // pages of two, following the position of the last one
      std::vector<long long> paged;
      for (int page = 0; page < 20; ++page) {
        const auto rows = store.Search(q, staff);
        for (const auto& r : rows) paged.push_back(r.profile.account_id);
        if (rows.size() < 2) break;
        q.after = rows.back().position;
      }
      ASSERT_EQ(paged.size(), indexed.size());
    }
  }
  community::StoreQuery hidden;
  hidden.facets = {"skillmenuiserie"};
  EXPECT_EQ(store.Search(hidden, true).size(), store.Search(hidden, false).size() + 1)
      << "profile 4 shows its skills to advisors only";
}

class ClubStorage : public CommunityStorage {
 protected:
  community::Club Club() {
    return community::Club(*pool_, [](core::ProgrammeId) {
      return std::vector<community::EventPlace>{{7, "Télécentre de Marciac", "Place de l'Église"}};
    });
  }
  long long Create(core::ProgrammeId p, int capacity, core::UnixSeconds start) {
    community::EventInput in;
    in.title = "Apéro « du club »";
    in.site_id = 7;
    in.start = start;
    in.end = start + 7200;
    in.capacity = capacity;
    auto club = Club();
    auto created = club.Create(p, elodie_, in);
    EXPECT_TRUE(created);
    return created ? created->front().id : 0;
  }
};

TEST_F(ClubStorage, AnEventComesBackWithItsPlaceAndCounts) {
  const auto start = core::Now() + 5 * 86400;
  const auto id = Create(gers_, 1, start);
  auto club = Club();
  ASSERT_EQ(club.Register(gers_, id, elodie_)->seat, community::Seat::kRegistered);
  ASSERT_EQ(club.Register(gers_, id, marc_)->seat, community::Seat::kWaitlisted);
  const auto seen = club.Find(gers_, id, marc_);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->title, "Apéro « du club »");
  EXPECT_EQ(seen->place, "Télécentre de Marciac, Place de l'Église");
  EXPECT_EQ(seen->site_id, 7);
  EXPECT_EQ(seen->start, start);
  EXPECT_EQ(seen->registered, 1);
  EXPECT_EQ(seen->waitlisted, 1);
  EXPECT_EQ(seen->mine, community::Seat::kWaitlisted);
  EXPECT_FALSE(club.Find(lot_, id, 0));  // another programme's event does not exist there
  EXPECT_FALSE(club.Register(lot_, id, marc_));
  // The one registered leaves: the one in line has the seat, and a mail says so.
  ASSERT_TRUE(club.Unregister(gers_, id, elodie_));
  EXPECT_EQ(club.Find(gers_, id, marc_)->mine, community::Seat::kRegistered);
  auto lease = pool_->Acquire();
  long long mails = 0;
  lease.sql() << "SELECT COUNT(*) FROM outbox WHERE kind = 'club_promoted' AND recipient = "
                 "'marc@example.org'",
      soci::into(mails);
  EXPECT_EQ(mails, 1);
}

TEST_F(ClubStorage, RemindersAreQueuedOnceForEventsOfTheNextDay) {
  const auto now = core::Now();
  const auto tomorrow = Create(gers_, 5, now + 20 * 3600);
  const auto later = Create(lot_, 5, now + 3 * 86400);
  auto club = Club();
  ASSERT_TRUE(club.Register(gers_, tomorrow, elodie_));
  ASSERT_TRUE(club.Register(lot_, later, marc_));
  EXPECT_EQ(club.QueueReminders(now), 1);
  EXPECT_EQ(club.QueueReminders(now), 0);
  EXPECT_EQ(club.QueueReminders(now + 2 * 86400 + 3600), 1);  // the later one, in its programme
  auto lease = pool_->Acquire();
  long long lot_mails = 0;
  lease.sql() << "SELECT COUNT(*) FROM outbox WHERE kind = 'club_reminder' AND programme_id = :p",
      soci::use(lot_.value), soci::into(lot_mails);
  EXPECT_EQ(lot_mails, 1);
}

TEST_F(ClubStorage, AnInvalidEventStoresNothing) {
  community::EventInput in;
  in.title = "Sans lieu";
  in.site_id = 99;  // not one of the programme's places
  in.start = core::Now() + 86400;
  in.end = in.start - 1;
  in.capacity = 0;
  in.occurrences = 30;
  auto club = Club();
  const auto refused = club.Create(gers_, elodie_, in);
  ASSERT_FALSE(refused);
  std::vector<std::string> fields;
  for (const auto& f : refused.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"site_id", "place", "end", "capacity", "occurrences"}));
  EXPECT_TRUE(club.Upcoming(gers_, 0, true).empty());
}

class NewsletterStorage : public ClubStorage {
 protected:
  long long Count(const std::string& sql) {
    auto lease = pool_->Acquire();
    long long n = 0;
    lease.sql() << sql, soci::into(n);
    return n;
  }
};

TEST_F(NewsletterStorage, ASegmentGoesOutOnceToEachAddressButNeverTwiceNorToOptOuts) {
  auto club = Club();
  community::Letters letters(*pool_, club);
  community::NewsletterInput in;
  in.subject = "Lettre « été »";
  in.markdown = "Bonjour **à tous**";
  auto n = letters.Create(gers_, elodie_, in);
  ASSERT_TRUE(n);
  {
    auto lease = pool_->Acquire();
    community::NewsletterStore store(lease, gers_);
    store.OptOut("marc@example.org", core::Now());
  }
  auto sent = letters.Send(gers_, n->id, "https://gers.example.org");
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->state, "sent");
  EXPECT_EQ(sent->recipients, 1);  // Élodie; Marc opted out
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter' AND html LIKE "
                  "'%<strong>à tous</strong>%' AND unsubscribe_url LIKE "
                  "'https://gers.example.org/newsletter/unsubscribe/%'"),
            1);
  const auto again = letters.Send(gers_, n->id, "https://gers.example.org");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter'"), 1);
  EXPECT_FALSE(letters.Send(lot_, n->id, "https://lot.example.org"));  // not Lot's newsletter
  const auto progress = letters.ProgressOf(gers_, n->id);
  EXPECT_EQ(progress->recipients, 1);
  EXPECT_EQ(progress->left, 1);
}

TEST_F(NewsletterStorage, AnUnsubscribeLinkWorksInItsProgrammeOnly) {
  auto club = Club();
  community::Letters letters(*pool_, club);
  community::NewsletterInput in;
  in.subject = "Lettre";
  in.markdown = "Texte";
  auto n = letters.Create(gers_, elodie_, in);
  ASSERT_TRUE(letters.Send(gers_, n->id, "https://gers.example.org"));
  std::string url;
  {
    auto lease = pool_->Acquire();
    lease.sql() << "SELECT unsubscribe_url FROM outbox WHERE kind = 'newsletter' AND recipient = "
                   "'elodie@example.org'",
        soci::into(url);
  }
  const auto token = url.substr(url.rfind('/') + 1);
  EXPECT_FALSE(letters.Unsubscribe(lot_, token));
  EXPECT_TRUE(letters.Receives(gers_, "elodie@example.org"));
  EXPECT_EQ(*letters.UnsubscribeAddress(gers_, token), "e***@example.org");
  EXPECT_TRUE(letters.Unsubscribe(gers_, token));
  EXPECT_TRUE(letters.Unsubscribe(gers_, token));  // twice is harmless
  EXPECT_FALSE(letters.Receives(gers_, "Elodie@Example.org"));
  EXPECT_TRUE(letters.Receives(lot_, "elodie@example.org"));
}

TEST_F(NewsletterStorage, ASubscriptionCountsOnlyOnceConfirmed) {
  auto club = Club();
  community::Letters letters(*pool_, club);
  ASSERT_TRUE(letters.Subscribe(gers_, "Voisine@Example.org", "fr", "https://gers.example.org"));
  EXPECT_FALSE(letters.Subscribe(gers_, "pas une adresse", "fr", "https://gers.example.org"));
  std::string body;
  {
    auto lease = pool_->Acquire();
    lease.sql() << "SELECT body FROM outbox WHERE kind = 'newsletter_confirm'", soci::into(body);
  }
  const auto start = body.find("/newsletter/confirm/") + std::string("/newsletter/confirm/").size();
  const auto token = body.substr(start, body.find('\n', start) - start);
  community::NewsletterInput in;
  in.subject = "Au public";
  in.markdown = "Texte";
  in.segment_kind = "subscribers";
  auto before = letters.Create(gers_, elodie_, in);
  EXPECT_EQ(letters.Send(gers_, before->id, "https://gers.example.org")->recipients, 0);
  EXPECT_FALSE(letters.Confirm(lot_, token));
  EXPECT_TRUE(letters.Confirm(gers_, token));
  EXPECT_FALSE(letters.Confirm(gers_, token));  // a link confirms once
  auto after = letters.Create(gers_, elodie_, in);
  EXPECT_EQ(letters.Send(gers_, after->id, "https://gers.example.org")->recipients, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter' AND recipient = "
                  "'Voisine@Example.org'"),
            1);
}

TEST_F(CommunityStorage, ABoardPostAndItsMessagesStayInTheirProgramme) {
  community::Board board(*pool_);
  community::PostInput in{"offer", "equipment", "Imprimante « 3D »", "À Gimont.\nLe mardi.", ""};
  auto post = board.Create(gers_, {elodie_, false}, in);
  ASSERT_TRUE(post);
  EXPECT_EQ(post->state, "pending");
  EXPECT_EQ(post->author_name, "Élodie Durand");
  EXPECT_TRUE(board.Published(gers_, "", "").empty());
  EXPECT_FALSE(board.Moderate(lot_, post->id, {marc_, true}, true, ""));
  ASSERT_TRUE(board.Moderate(gers_, post->id, {marc_, true}, true, ""));
  ASSERT_EQ(board.Published(gers_, "offer", "equipment").size(), 1u);
  EXPECT_TRUE(board.Published(gers_, "request", "").empty());
  EXPECT_TRUE(board.Published(lot_, "", "").empty());
  EXPECT_FALSE(board.Find(lot_, post->id, {marc_, false}));
  const auto sent =
      board.Write(gers_, post->id, {marc_, false}, 0, "Bonjour « Élodie »", "https://x.org");
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->to_id, elodie_);
  EXPECT_EQ(sent->from_name, "Marc Lefèvre");
  const auto page = board.Find(gers_, post->id, {elodie_, false});
  ASSERT_EQ(page->messages.size(), 1u);
  EXPECT_EQ(page->messages[0].body, "Bonjour « Élodie »");
  EXPECT_EQ(page->post.body, "À Gimont.\nLe mardi.");
}

}  // namespace
}  // namespace sohosolo

namespace sohosolo {
namespace {

/// A database that had profiles before migration 0018 (a third audience, arrival, household,
/// photo): they come through the upgrade whole, still found by the directory's search.
class ProfileUpgrade : public Storage {
 protected:
  int MigrateUpTo() const override { return 17; }
};

TEST_F(ProfileUpgrade, ProfilesOfBeforeComeThroughWholeAndStillFound) {
  const auto elodie = AddAccount(*pool_, gers_, "elodie@example.org", "member", "Élodie Durand");
  {
    auto lease = pool_->Acquire();
    lease.sql() << "INSERT INTO member_profiles (programme_id, account_id, display_name, listed, "
                   "status, skills, village_code, presentation, show_presentation, name_key, "
                   "search_members, search_staff, facets_members, facets_staff, updated_at) "
                   "VALUES (:p, :a, 'Élodie Durand', 1, 'independent', 'Céramique', '32147', "
                   "'Potière', 'advisors', 'elodiedurand', 'elodie durand ceramique', "
                   "'elodie durand ceramique potiere', 'skillceramique', 'skillceramique', 1)",
        soci::use(gers_.value), soci::use(elodie);
    if (lease.dialect() == db::Dialect::kSqlite) {
      lease.sql() << "INSERT INTO member_profiles_fts (rowid, search_members, search_staff, "
                     "facets_members, facets_staff) SELECT id, search_members, search_staff, "
                     "facets_members, facets_staff FROM member_profiles";
    }
  }
  const auto roles = [this] {
    long long n = 0;
    pool_->Acquire().sql() << "SELECT COUNT(*) FROM account_roles", soci::into(n);
    return n;
  };
  const auto roles_before = roles();
  EXPECT_EQ(db::Migrate(*pool_), db::LatestVersion(pool_->dialect()) - 17);
  EXPECT_EQ(roles(), roles_before);  // account_roles rebuilt for the committee role, whole
  Directory directory(*pool_);
  const auto mine = directory.Mine(gers_, elodie, "Élodie Durand");
  EXPECT_TRUE(mine.listed);
  EXPECT_EQ(mine.presentation, "Potière");
  EXPECT_EQ(mine.ShownTo("presentation"), "advisors");
  EXPECT_EQ(mine.ShownTo("photo"), "members");
  EXPECT_EQ(mine.arrival_month, "");
  EXPECT_EQ(mine.photo_updated_at, 0);
  DirectoryQuery q;
  q.text = "ceram";
  auto page = directory.Search(gers_, false, q);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  q.text = "potiere";
  EXPECT_TRUE(directory.Search(gers_, false, q)->items.empty());
  EXPECT_EQ(directory.Search(gers_, true, q)->items.size(), 1u);
  // The new audience is accepted by the upgraded table.
  ProfileInput in;
  in.listed = true;
  in.village_code = "32147";
  in.shown["village"] = "public";
  ASSERT_TRUE(directory.Save(gers_, elodie, "Élodie Durand", in));
  EXPECT_EQ(directory.AtVillage(gers_, "32147").size(), 1u);
}

TEST_F(CommunityStorage, PhotosAndSkillListsStayInTheirProgramme) {
  Directory directory(*pool_);
  const std::string png("\x89PNG\r\n\x1A\nrest", 12);
  ASSERT_TRUE(directory.SetPhoto(gers_, elodie_, "Élodie Durand", png, "image/png"));
  EXPECT_FALSE(directory.Photo(lot_, elodie_, community::Viewer::kStaff, 0));
  const auto own = directory.Photo(gers_, elodie_, community::Viewer::kMember, elodie_);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->bytes, png);
  EXPECT_EQ(own->content_type, "image/png");
  // Not listed (the photo made an empty profile): another member does not see it.
  EXPECT_FALSE(directory.Photo(gers_, elodie_, community::Viewer::kMember, marc_));
  EXPECT_FALSE(directory.SetPhoto(gers_, elodie_, "Élodie Durand", "GIF89a", ""));
  EXPECT_EQ(directory.Photo(gers_, elodie_, community::Viewer::kStaff, 0)->bytes, png);

  ASSERT_TRUE(directory.SetSkills(gers_, "Numérique : Web, Graphisme\nArtisanat : Céramique"));
  EXPECT_FALSE(directory.SetSkills(gers_, "Numérique : Web, web"));  // twice, folded
  EXPECT_EQ(directory.Skills(gers_).size(), 3u);
  EXPECT_TRUE(directory.Skills(lot_).empty());
  EXPECT_EQ(directory.SkillsText(gers_), "Numérique : Web, Graphisme\nArtisanat : Céramique");
  EXPECT_FALSE(directory.SkillsMap(lot_, false, "Numérique"));  // no such category there
}

}  // namespace
}  // namespace sohosolo
