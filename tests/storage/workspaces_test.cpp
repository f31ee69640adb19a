// The workspaces stores on both engines: places (sites, hours, resources, closures), bookings
// (no double booking, every column, status changes), the waitlist, calendar feeds, site hosts
// and photos.
#include <chrono>
#include <thread>

#include "fixture.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/places.hpp"
#include "workspaces/sites/store.hpp"

namespace sohosolo {

namespace {

using workspaces::Booking;
using workspaces::Period;

/// An hour-aligned instant well in the future, so that nothing here meets "now".
constexpr core::UnixSeconds kT0 = 1'900'000'000 / 3600 * 3600;
constexpr core::UnixSeconds kHour = 3600;

class WorkspacesStorage : public Storage {
 protected:
  void SetUp() override {
    Storage::SetUp();
    member_ = AddAccount(*pool_, gers_, "ines@example.org");
    other_ = AddAccount(*pool_, gers_, "paul@example.org", "member", "Paul Durand");
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    workspaces::PlaceStore places(lease, gers_);
    workspaces::Site site;
    site.name = "Télécentre de Lectoure";
    site.kind = "telecentre";
    site.commune_code = "32208";
    site.latitude = 43.934;
    site.hours = {{2, 540, 720}, {1, 840, 1080}, {1, 540, 720}};
    site_ = places.CreateSite(site);
    workspaces::Resource office;
    office.site_id = site_;
    office.kind = "office";
    office.name = "Bureau 1";
    office.rules.buffer_minutes = 30;
    office_ = places.CreateResource(office);
    tx.Commit();
  }

  /// Inserts a confirmed booking of the office in its own write transaction.
  std::variant<long long, Booking> Book(long long account, core::UnixSeconds start,
                                        core::UnixSeconds end, core::UnixSeconds buffer = 0) {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    Booking b{0, office_, account, {start, end}, "note"};
    b.blocked_end = end + buffer;
    auto made = workspaces::Store(lease, gers_).InsertIfFree(b);
    tx.Commit();
    return made;
  }

  long long member_ = 0, other_ = 0, site_ = 0, office_ = 0;
};

}  // namespace

TEST_F(WorkspacesStorage, PlacesKeepEveryFieldAndBelongToTheirProgramme) {
  auto lease = pool_->Acquire();
  workspaces::PlaceStore gers(lease, gers_);
  const auto site = gers.FindSite(site_);
  ASSERT_TRUE(site);
  EXPECT_EQ(site->name, "Télécentre de Lectoure");
  EXPECT_EQ(site->commune_code, "32208");
  ASSERT_TRUE(site->latitude);
  EXPECT_DOUBLE_EQ(*site->latitude, 43.934);
  EXPECT_FALSE(site->longitude);  // NULL stays absent, not 0
  EXPECT_EQ(site->time_zone, "Europe/Paris");
  // Opening hours come back by weekday, then by opening time.
  const auto hours = gers.Hours(site_);
  ASSERT_EQ(hours.size(), 3u);
  EXPECT_EQ(hours[0].weekday, 1);
  EXPECT_EQ(hours[0].opens, 540);
  EXPECT_EQ(hours[1].opens, 840);
  EXPECT_EQ(hours[2].weekday, 2);
  const auto office = gers.FindResource(office_);
  ASSERT_TRUE(office);
  EXPECT_EQ(office->rules.buffer_minutes, 30);
  EXPECT_TRUE(office->bookable);
  EXPECT_FALSE(office->rules.requires_approval);
  EXPECT_EQ(gers.Resources(site_).size(), 1u);
  // Lot sees none of it.
  workspaces::PlaceStore lot(lease, lot_);
  EXPECT_FALSE(lot.FindSite(site_));
  EXPECT_FALSE(lot.FindResource(office_));
  EXPECT_TRUE(lot.Sites().empty());
  EXPECT_TRUE(lot.AllResources().empty());
}

TEST_F(WorkspacesStorage, AResourceWithItsSiteInOneReadIsWhatTheSeparateReadsSay) {
  auto lease = pool_->Acquire();
  workspaces::PlaceStore gers(lease, gers_);
  const auto place = gers.FindResourcePlace(office_);
  ASSERT_TRUE(place);
  EXPECT_EQ(place->resource.name, "Bureau 1");
  EXPECT_EQ(place->resource.rules.buffer_minutes, 30);
  EXPECT_EQ(place->site.name, "Télécentre de Lectoure");
  EXPECT_FALSE(place->site.longitude);
  // Every interval, in the order Hours gives them.
  const auto hours = gers.Hours(site_);
  ASSERT_EQ(place->site.hours.size(), hours.size());
  for (std::size_t i = 0; i < hours.size(); ++i) {
    EXPECT_EQ(place->site.hours[i].weekday, hours[i].weekday);
    EXPECT_EQ(place->site.hours[i].opens, hours[i].opens);
    EXPECT_EQ(place->site.hours[i].closes, hours[i].closes);
  }
  // A site without opening hours still gives its resource, with no hours.
  db::Transaction tx(lease, db::TxMode::kWrite);
  workspaces::Site bare;
  bare.name = "Coworking sans horaires";
  bare.kind = "coworking";
  bare.commune_code = "32013";
  workspaces::Resource desk;
  desk.site_id = gers.CreateSite(bare);
  desk.kind = "desk";
  desk.name = "Poste 1";
  const auto desk_id = gers.CreateResource(desk);
  tx.Commit();
  const auto unopened = gers.FindResourcePlace(desk_id);
  ASSERT_TRUE(unopened);
  EXPECT_EQ(unopened->site.name, "Coworking sans horaires");
  EXPECT_TRUE(unopened->site.hours.empty());
  // Another programme's resource, or none: nothing.
  EXPECT_FALSE(workspaces::PlaceStore(lease, lot_).FindResourcePlace(office_));
  EXPECT_FALSE(gers.FindResourcePlace(desk_id + 1000));
}

TEST_F(WorkspacesStorage, ClosuresAreListedFromADayAndDeletedOnce) {
  auto lease = pool_->Acquire();
  workspaces::PlaceStore places(lease, gers_);
  const auto august = places.AddClosure({0, site_, "2030-08-01", "2030-08-15", "Congés"}, member_);
  const auto spring =
      places.AddClosure({0, site_, "2030-04-10", "2030-04-10", "Inventaire"}, member_);
  const auto from_may = places.Closures(site_, "2030-05-01");
  ASSERT_EQ(from_may.size(), 1u);
  EXPECT_EQ(from_may[0].id, august);
  EXPECT_EQ(from_may[0].reason, "Congés");
  EXPECT_EQ(places.Closures(site_, "2030-04-10").size(), 2u);  // a closure ending that day counts
  EXPECT_EQ(places.Closures(site_, "2030-01-01").front().id, spring);
  EXPECT_FALSE(workspaces::PlaceStore(lease, lot_).FindClosure(august));
  EXPECT_FALSE(workspaces::PlaceStore(lease, lot_).DeleteClosure(august));
  EXPECT_TRUE(places.DeleteClosure(august));
  EXPECT_FALSE(places.DeleteClosure(august));
}

TEST_F(WorkspacesStorage, NoTwoBookingsHoldTheSameSlotBufferIncluded) {
  const auto first = Book(member_, kT0, kT0 + 2 * kHour, 30 * 60);
  ASSERT_TRUE(std::holds_alternative<long long>(first));
  // Overlapping: refused, naming the booking in the way.
  const auto overlap = Book(other_, kT0 + kHour, kT0 + 3 * kHour);
  ASSERT_TRUE(std::holds_alternative<Booking>(overlap));
  EXPECT_EQ(std::get<Booking>(overlap).id, std::get<long long>(first));
  // Within the first one's buffer (the half hour after it): refused too.
  EXPECT_TRUE(std::holds_alternative<Booking>(Book(other_, kT0 + 2 * kHour, kT0 + 3 * kHour)));
  // After the buffer: free.
  EXPECT_TRUE(
      std::holds_alternative<long long>(Book(other_, kT0 + 2 * kHour + 1800, kT0 + 3 * kHour)));
  // Ending exactly when the first starts: free (periods are half-open).
  EXPECT_TRUE(std::holds_alternative<long long>(Book(other_, kT0 - kHour, kT0)));
  // A cancelled booking holds nothing.
  {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(workspaces::Store(lease, gers_)
                    .Cancel(std::get<long long>(first), kT0 - 10 * kHour, member_, "plus besoin"));
    EXPECT_FALSE(workspaces::Store(lease, gers_)
                     .Cancel(std::get<long long>(first), kT0 - 10 * kHour, member_));
    tx.Commit();
  }
  EXPECT_TRUE(std::holds_alternative<long long>(Book(other_, kT0 + kHour, kT0 + 2 * kHour)));
}

TEST_F(WorkspacesStorage, ARowThatRacedTheCheckIsAConflictAndTheTransactionGoesOn) {
  // A writer that skipped the resource's lock has an overlapping row in flight when our check
  // runs: the check cannot see it, and the insert waits for it. Once it commits, the answer names
  // it, and our transaction is still usable. (SQLite serialises writers: nothing can race.)
  if (Engine() != "postgresql") GTEST_SKIP() << "writers never overlap on SQLite";
  auto racer = pool_->Acquire();
  db::Transaction racing(racer, db::TxMode::kWrite);
  const auto in_flight =
      workspaces::Store(racer, gers_).InsertBooking({0, office_, member_, {kT0, kT0 + kHour}});
  ASSERT_TRUE(in_flight);
  std::variant<long long, Booking> answer;
  long long after = 0;
  std::string error;
  std::thread ours([&] {
    try {
      auto lease = pool_->Acquire();
      db::Transaction tx(lease, db::TxMode::kWrite);
      workspaces::Store store(lease, gers_);
      answer = store.InsertIfFree({0, office_, other_, {kT0 + 1800, kT0 + kHour}});
      after = std::get<long long>(
          store.InsertIfFree({0, office_, other_, {kT0 + kHour, kT0 + 2 * kHour}}));
      tx.Commit();
    } catch (const std::exception& e) {
      error = e.what();
    }
  });
  // Long enough for our insert to be waiting on the racer's row (if it is not yet, it sees the
  // committed row in its check, with the same answer).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  racing.Commit();
  ours.join();
  ASSERT_EQ(error, "");
  ASSERT_TRUE(std::holds_alternative<Booking>(answer));
  EXPECT_EQ(std::get<Booking>(answer).id, *in_flight);
  EXPECT_GT(after, 0);
  auto lease = pool_->Acquire();
  EXPECT_EQ(workspaces::Store(lease, gers_).BookingsOf(office_, {kT0, kT0 + 2 * kHour}).size(), 2u);
}

TEST_F(WorkspacesStorage, ATransactionBegunWithTheResourcesLockHoldsIt) {
  // BEGIN and the lock go in one round trip on PostgreSQL: another connection cannot take the
  // resource's lock until the transaction ends, and takes it at once afterwards.
  if (Engine() != "postgresql") GTEST_SKIP() << "SQLite serialises writers without it";
  const auto lock = workspaces::Store::ResourceBookingsLock(office_);
  const auto other_takes_it = [&] {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kRead);
    int got = 0;
    lease.sql() << "SELECT CASE WHEN pg_try_advisory_xact_lock(:s, :k) THEN 1 ELSE 0 END",
        soci::use(lock.space), soci::use(lock.key), soci::into(got);
    return got == 1;
  };
  {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, lock);
    EXPECT_FALSE(other_takes_it());
    // The transaction is usable after the lock.
    EXPECT_TRUE(std::holds_alternative<long long>(
        workspaces::Store(lease, gers_).InsertIfFree({0, office_, member_, {kT0, kT0 + kHour}})));
    tx.Commit();
  }
  EXPECT_TRUE(other_takes_it());
  auto lease = pool_->Acquire();
  EXPECT_EQ(workspaces::Store(lease, gers_).BookingsOf(office_, {kT0, kT0 + kHour}).size(), 1u);
}

TEST_F(WorkspacesStorage, ALockThatTimesOutLeavesTheConnectionUsable) {
  // The lock goes with BEGIN: when it fails, the block BEGIN opened is rolled back, so the
  // connection's next statements work (a block left aborted would refuse them all).
  if (Engine() != "postgresql") GTEST_SKIP() << "no advisory locks on SQLite";
  const auto lock = workspaces::Store::ResourceBookingsLock(office_);
  auto holder = pool_->Acquire();
  db::Transaction holding(holder, lock);
  auto lease = pool_->Acquire();
  lease.sql() << "SET lock_timeout = '100ms'";
  EXPECT_THROW(db::Transaction(lease, lock), std::exception);
  lease.sql() << "RESET lock_timeout";
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(std::holds_alternative<long long>(
        workspaces::Store(lease, gers_).InsertIfFree({0, office_, member_, {kT0, kT0 + kHour}})));
    tx.Commit();
  }
  holding.Commit();
}

TEST_F(WorkspacesStorage, ABookingKeepsEveryColumn) {
  auto lease = pool_->Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  workspaces::Store store(lease, gers_);
  Booking b{0, office_, member_, {kT0, kT0 + kHour}, "Réunion « clients », 3 personnes"};
  b.booked_by = other_;
  b.quota_override_by = other_;
  b.quota_override_reason = "Salon professionnel";
  b.blocked_end = kT0 + kHour;
  const auto id = std::get<long long>(store.InsertIfFree(b));
  tx.Commit();
  const auto found = store.FindBooking(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->note, b.note);
  EXPECT_EQ(found->status, workspaces::BookingStatus::kConfirmed);
  EXPECT_EQ(found->booked_by, other_);
  EXPECT_EQ(found->quota_override_by, other_);
  EXPECT_EQ(found->quota_override_reason, "Salon professionnel");
  EXPECT_FALSE(found->series_id);
  EXPECT_FALSE(found->cancelled_at);
  EXPECT_FALSE(found->checked_in_at);
  EXPECT_EQ(found->sequence, 0);
  EXPECT_FALSE(workspaces::Store(lease, lot_).FindBooking(id));
  // Check-in once; the feed's SEQUENCE moves on cancellation.
  EXPECT_TRUE(store.CheckIn(id, kT0 + 60, member_));
  EXPECT_FALSE(store.CheckIn(id, kT0 + 120, member_));
  EXPECT_EQ(store.FindBooking(id)->checked_in_at, kT0 + 60);
  const auto site_listing = store.BookingsOfSite(site_, {kT0 - kHour, kT0 + kHour});
  ASSERT_EQ(site_listing.size(), 1u);
  EXPECT_EQ(site_listing[0].second, "Inès Martin");
  // Nothing set: NULL in the table, absent when read back (the kept insert binds 0 for them).
  db::Transaction again(lease, db::TxMode::kWrite);
  Booking plain{0, office_, member_, {kT0 + 2 * kHour, kT0 + 3 * kHour}, ""};
  plain.blocked_end = plain.period.end;
  const auto plain_id = std::get<long long>(store.InsertIfFree(plain));
  again.Commit();
  const auto bare = store.FindBooking(plain_id);
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->booked_by);
  EXPECT_FALSE(bare->quota_override_by);
  EXPECT_EQ(bare->quota_override_reason, "");
  EXPECT_FALSE(bare->series_id);
  long long nulls = 0;
  lease.sql() << "SELECT COUNT(*) FROM bookings WHERE id = :i AND booked_by IS NULL AND "
                 "quota_override_by IS NULL AND quota_override_reason IS NULL AND series_id IS "
                 "NULL",
      soci::use(plain_id), soci::into(nulls);
  EXPECT_EQ(nulls, 1);
}

TEST_F(WorkspacesStorage, TheWaitlistKeepsOneEntryPerMemberAndSlotInQueueOrder) {
  auto lease = pool_->Acquire();
  workspaces::Store store(lease, gers_);
  const workspaces::WaitlistEntry wish{0, office_, member_, {kT0, kT0 + kHour}};
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto first = store.AddWaitlist(wish);
  ASSERT_TRUE(first);
  // The same member waiting twice for one slot: refused, and the transaction goes on.
  EXPECT_FALSE(store.AddWaitlist(wish));
  const auto second = store.AddWaitlist({0, office_, other_, {kT0 + 1800, kT0 + kHour + 1800}});
  ASSERT_TRUE(second);
  tx.Commit();
  const auto waiting = store.WaitingFor(office_, {kT0, kT0 + 2 * kHour});
  ASSERT_EQ(waiting.size(), 2u);
  EXPECT_EQ(waiting[0].id, *first);
  EXPECT_EQ(waiting[1].id, *second);
  EXPECT_TRUE(store.SetWaitlistStatus(*first, "withdrawn"));
  EXPECT_FALSE(store.SetWaitlistStatus(*first, "booked"));  // only a waiting entry changes
  EXPECT_EQ(store.WaitingFor(office_, {kT0, kT0 + 2 * kHour}).size(), 1u);
  EXPECT_EQ(store.WaitlistOf(member_).size(), 1u);
  EXPECT_TRUE(workspaces::Store(lease, lot_).WaitlistOf(std::nullopt).empty());
  // Entries whose slot has begun lapse.
  EXPECT_TRUE(store.HasSweepDue(0, 0, kT0 + 2 * kHour));  // (no-shows: an empty range)
  store.LapseWaitlist(kT0 + 2 * kHour);
  EXPECT_EQ(store.FindWaitlist(*second)->status, "lapsed");
  EXPECT_FALSE(store.HasSweepDue(0, 0, kT0 + 2 * kHour));
}

TEST_F(WorkspacesStorage, AFeedTokenWorksUntilReplacedAndOnlyInItsProgramme) {
  auto lease = pool_->Acquire();
  workspaces::Store store(lease, gers_);
  const auto kind = workspaces::FeedKind::kMember;
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(store.ReplaceFeed(kind, member_, "hash-one", kT0, member_));
    tx.Commit();
  }
  EXPECT_EQ(store.FeedOwner(kind, "hash-one"), member_);
  EXPECT_EQ(store.FeedStateOf(kind, member_)->created_at, kT0);
  EXPECT_EQ(store.FeedStateOf(kind, member_)->token_hash, "hash-one");
  EXPECT_FALSE(workspaces::Store(lease, lot_).FeedOwner(kind, "hash-one"));
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    EXPECT_TRUE(store.ReplaceFeed(kind, member_, "hash-two", kT0 + 60, member_, 2));
    tx.Commit();
  }
  EXPECT_FALSE(store.FeedOwner(kind, "hash-one"));
  EXPECT_EQ(store.FeedOwner(kind, "hash-two"), member_);
  EXPECT_EQ(store.FeedStateOf(kind, member_)->generation, 2);
  EXPECT_EQ(store.FeedStateOf(kind, member_)->created_at,
            kT0 + 60);  // the kept statement reads anew
  EXPECT_FALSE(workspaces::Store(lease, lot_).FeedStateOf(kind, member_));
  // Server secrets: the first one written stays.
  store.AddServerSecret("feeds", "first");
  store.AddServerSecret("feeds", "second");
  EXPECT_EQ(store.ServerSecret("feeds"), "first");
}

TEST_F(WorkspacesStorage, HostsAndPhotosOfASite) {
  auto lease = pool_->Acquire();
  workspaces::SiteAdminStore admin(lease, gers_);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    admin.ReplaceHosts(site_, {member_, other_}, member_, kT0);
    tx.Commit();
  }
  EXPECT_EQ(admin.HostsOf(site_).size(), 2u);
  EXPECT_EQ(admin.HostedSites(other_), std::vector<long long>{site_});
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    admin.ReplaceHosts(site_, {other_}, member_, kT0);
    tx.Commit();
  }
  EXPECT_EQ(admin.HostsOf(site_), std::vector<long long>{other_});
  EXPECT_TRUE(admin.HostedSites(member_).empty());
  // A photo's bytes come back unchanged, NUL bytes included.
  const std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  {
    db::Transaction tx(lease, db::TxMode::kWrite);
    admin.SavePhoto(site_, "image/png", bytes, member_, kT0);
    tx.Commit();
  }
  const auto photo = admin.FindPhoto(site_);
  ASSERT_TRUE(photo);
  EXPECT_EQ(photo->bytes, bytes);
  EXPECT_EQ(photo->content_type, "image/png");
  EXPECT_EQ(admin.PhotoUpdatedAt(site_), kT0);
  EXPECT_FALSE(workspaces::SiteAdminStore(lease, lot_).FindPhoto(site_));
  EXPECT_TRUE(admin.DeletePhoto(site_));
  EXPECT_FALSE(admin.DeletePhoto(site_));
}

}  // namespace sohosolo
