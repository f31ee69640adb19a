#include "workspaces/bookings/availability_cache.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace sohosolo::workspaces {

namespace {

using std::chrono::milliseconds;

std::shared_ptr<const KeptAvailability> OneFreePeriod(long long start) {
  Availability a;
  a.free.push_back({start, start + 1800});
  return std::make_shared<const KeptAvailability>(7, a);
}

struct FakeClock {
  AvailabilityCache::Clock::time_point now{};
  auto Function() {
    return [this] { return now; };
  }
};

}  // namespace

TEST(AvailabilityCache, AnAnswerIsKeptWhileNothingIsCommittedAndForItsTimeOnly) {
  FakeClock clock;
  AvailabilityCache cache(milliseconds(1000), 1 << 20, clock.Function());
  const AvailabilityKey key{1, 7, 20000, 20006, 3};
  cache.Keep(key, 5, OneFreePeriod(100));
  auto kept = cache.Find(key, 5);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->answer().free.front().start, 100);

  clock.now += milliseconds(999);
  EXPECT_TRUE(cache.Find(key, 5));
  clock.now += milliseconds(1);
  EXPECT_FALSE(cache.Find(key, 5)) << "expired";
  EXPECT_EQ(cache.size(), 0u);
}

TEST(AvailabilityCache, ACommitSinceTheAnswerWasReadMakesItStale) {
  FakeClock clock;
  AvailabilityCache cache(milliseconds(1000), 1 << 20, clock.Function());
  const AvailabilityKey key{1, 7, 20000, 20006, 3};
  cache.Keep(key, 5, OneFreePeriod(100));
  EXPECT_FALSE(cache.Find(key, 6));
  // Dropped, not kept for a later look with the old count.
  EXPECT_FALSE(cache.Find(key, 5));
}

TEST(AvailabilityCache, KeptForNoTimeItKeepsNothing) {
  FakeClock clock;
  AvailabilityCache cache(milliseconds(0), 1 << 20, clock.Function());
  const AvailabilityKey key{1, 7, 20000, 20006, 3};
  cache.Keep(key, 5, OneFreePeriod(100));
  EXPECT_FALSE(cache.Find(key, 5));
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(AvailabilityCache, EachPartOfTheQuestionCounts) {
  FakeClock clock;
  AvailabilityCache cache(milliseconds(1000), 1 << 20, clock.Function());
  const AvailabilityKey key{1, 7, 20000, 20006, 3};
  cache.Keep(key, 5, OneFreePeriod(100));
  for (const auto& other :
       {AvailabilityKey{2, 7, 20000, 20006, 3}, AvailabilityKey{1, 8, 20000, 20006, 3},
        AvailabilityKey{1, 7, 20001, 20006, 3}, AvailabilityKey{1, 7, 20000, 20007, 3},
        AvailabilityKey{1, 7, 20000, 20006, 4}}) {
    EXPECT_FALSE(cache.Find(other, 5));
  }
  EXPECT_TRUE(cache.Find(key, 5));
}

// A client asking a million distinct questions costs at most the capacity, in bytes.
TEST(AvailabilityCache, ItStaysWithinItsCapacity) {
  FakeClock clock;
  constexpr std::size_t kCapacity = 64 * 1024;
  AvailabilityCache cache(milliseconds(1000), kCapacity, clock.Function());
  for (long long day = 0; day < 10000; ++day) {
    cache.Keep({1, 7, day, day, 0}, 5, OneFreePeriod(day));
    ASSERT_LE(cache.bytes(), kCapacity);
  }
  EXPECT_GT(cache.size(), 10u);
  EXPECT_TRUE(cache.Find({1, 7, 9999, 9999, 0}, 5)) << "the newest answer is kept";
  // An answer bigger than the whole capacity is not kept at all.
  Availability huge;
  huge.busy.resize(kCapacity / sizeof(Period) + 1);
  cache.Keep({1, 7, 1, 92, 0}, 5, std::make_shared<const KeptAvailability>(7, huge));
  EXPECT_FALSE(cache.Find({1, 7, 1, 92, 0}, 5));
  EXPECT_LE(cache.bytes(), kCapacity);
  // Dropping answers gives their bytes back.
  clock.now += milliseconds(1000);
  EXPECT_FALSE(cache.Find({1, 7, 9999, 9999, 0}, 5));
  cache.Keep({1, 7, 0, 0, 0}, 5, OneFreePeriod(0));
  EXPECT_LT(cache.bytes(), kCapacity);
}

// 2026-07-01 08:00 UTC is 10:00 in Paris (summer time); 2026-12-01 08:00 UTC is 09:00 (winter).
TEST(AvailabilityCache, TheBodyGivesEachPeriodInParisTime) {
  Availability a;
  a.free.push_back({1782892800, 1782894600});
  a.busy.push_back({1796112000, 1796113800});
  EXPECT_EQ(AvailabilityBody(7, a),
            R"({"resource_id":7,"free":[{"start":"2026-07-01T10:00:00+02:00",)"
            R"("end":"2026-07-01T10:30:00+02:00"}],"busy":[{"start":"2026-12-01T09:00:00+01:00",)"
            R"("end":"2026-12-01T09:30:00+01:00"}]})");
  EXPECT_EQ(AvailabilityBody(8, Availability{}), R"({"resource_id":8,"free":[],"busy":[]})");
  // A kept answer renders the same body, once, when first asked.
  const KeptAvailability kept(7, a);
  EXPECT_EQ(&kept.body(), &kept.body());
  EXPECT_EQ(kept.body(), AvailabilityBody(7, a));
}

}  // namespace sohosolo::workspaces
