#include "core/kept_values.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

namespace sohosolo::core {
namespace {

using Kept = KeptValues<std::string, int>;

TEST(KeptValues, FindsWhatWasKeptUntilAWriteBumpsTheGeneration) {
  Kept kept(std::chrono::hours(1), 10);
  EXPECT_FALSE(kept.Find("a"));
  kept.Keep("a", 1, kept.Generation());
  EXPECT_EQ(kept.Find("a"), 1);
  kept.Invalidate();
  EXPECT_FALSE(kept.Find("a"));
  // Read before the write, kept after it: stale, never current.
  const auto before = kept.Generation() - 1;
  kept.Keep("b", 2, before);
  EXPECT_FALSE(kept.Find("b"));
}

TEST(KeptValues, ForgetsOneValue) {
  Kept kept(std::chrono::hours(1), 10);
  kept.Keep("a", 1, kept.Generation());
  kept.Keep("b", 2, kept.Generation());
  kept.Forget("a");
  EXPECT_FALSE(kept.Find("a"));
  EXPECT_EQ(kept.Find("b"), 2);
}

TEST(KeptValues, WhenFullTheOldestGoesFirstAndNeverAllAtOnce) {
  Kept kept(std::chrono::hours(1), 3);
  for (int i = 0; i < 10; ++i) {
    kept.Keep(std::to_string(i), i, kept.Generation());
    EXPECT_LE(kept.Size(), 3u);
  }
  EXPECT_EQ(kept.Size(), 3u);
  EXPECT_FALSE(kept.Find("6"));
  EXPECT_EQ(kept.Find("7"), 7);
  EXPECT_EQ(kept.Find("8"), 8);
  EXPECT_EQ(kept.Find("9"), 9);
}

TEST(KeptValues, AKeyKeptAgainIsNotDroppedWithItsFirstArrival) {
  Kept kept(std::chrono::hours(1), 3);
  kept.Keep("a", 1, kept.Generation());
  kept.Keep("b", 2, kept.Generation());
  kept.Invalidate();
  kept.Keep("a", 3, kept.Generation());  // read again after the write
  // Full: the first arrival ("a", 1) leaves, and with it nothing, since "a" came again.
  kept.Keep("c", 4, kept.Generation());
  EXPECT_EQ(kept.Find("a"), 3);
  EXPECT_EQ(kept.Find("c"), 4);
  EXPECT_EQ(kept.Size(), 3u);  // "b" is still held, though not current (generation)
  // Next: ("b", 2) leaves, then "a"'s second arrival.
  kept.Keep("d", 5, kept.Generation());
  kept.Keep("e", 6, kept.Generation());
  EXPECT_FALSE(kept.Find("a"));
  EXPECT_EQ(kept.Find("c"), 4);
  EXPECT_EQ(kept.Size(), 3u);
}

TEST(KeptValues, ValuesOlderThanTheMaximumAgeAreNotFoundAndLeaveOnTheNextKeep) {
  // Ages far apart, so that a test thread paused on a loaded machine (or under a sanitizer) between
  // keeping "c" and finding it does not see it expire.
  Kept kept(std::chrono::milliseconds(300), 100);
  kept.Keep("a", 1, kept.Generation());
  kept.Keep("b", 2, kept.Generation());
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_FALSE(kept.Find("a"));
  kept.Keep("c", 3, kept.Generation());
  EXPECT_EQ(kept.Size(), 1u);
  EXPECT_EQ(kept.Find("c"), 3);
}

}  // namespace
}  // namespace sohosolo::core
