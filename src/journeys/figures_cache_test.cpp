#include "journeys/figures_cache.hpp"

#include <gtest/gtest.h>

namespace sohosolo::journeys {
namespace {

Indicators Settled(long long n) {
  Indicators figures;
  figures.settled_households = n;
  return figures;
}

TEST(FiguresCache, KeepsEachProgrammesFiguresUntilAFileChanges) {
  FiguresCache cache;
  const core::ProgrammeId gers{1}, landes{2};
  EXPECT_FALSE(cache.Find(gers));
  cache.Keep(gers, Settled(3), cache.Generation());
  cache.Keep(landes, Settled(7), cache.Generation());
  ASSERT_TRUE(cache.Find(gers));
  EXPECT_EQ(cache.Find(gers)->settled_households, 3);
  EXPECT_EQ(cache.Find(landes)->settled_households, 7);
  cache.Invalidate();
  EXPECT_FALSE(cache.Find(gers));
  EXPECT_FALSE(cache.Find(landes));
}

TEST(FiguresCache, FiguresComputedWhileAFileChangedAreNeverCurrent) {
  FiguresCache cache;
  const core::ProgrammeId gers{1};
  const auto before = cache.Generation();  // read before computing
  cache.Invalidate();                      // a file changes while they are computed
  cache.Keep(gers, Settled(3), before);
  EXPECT_FALSE(cache.Find(gers));
  cache.Keep(gers, Settled(4), cache.Generation());
  EXPECT_EQ(cache.Find(gers)->settled_households, 4);
}

}  // namespace
}  // namespace sohosolo::journeys
