#include "core/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace sohosolo::core {
namespace {

TEST(WorkerPool, RunsJobsOffTheCallingThreadAndRefusesBeyondItsQueue) {
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::atomic<int> done{0};
  {
    WorkerPool pool(1, 2);
    const auto caller = std::this_thread::get_id();
    std::promise<std::thread::id> ran_on;
    ASSERT_TRUE(pool.TrySubmit([&] {
      ran_on.set_value(std::this_thread::get_id());
      gate.wait();
      ++done;
    }));
    EXPECT_NE(ran_on.get_future().get(), caller);
    // The one thread is busy: two jobs wait, the third is refused at once.
    EXPECT_TRUE(pool.TrySubmit([&] { ++done; }));
    EXPECT_TRUE(pool.TrySubmit([&] { ++done; }));
    EXPECT_FALSE(pool.TrySubmit([&] { ++done; }));
    EXPECT_EQ(pool.waiting(), 2u);
    EXPECT_EQ(pool.running(), 1u);
    release.set_value();
  }  // destruction finishes what was queued
  EXPECT_EQ(done, 3);
}

}  // namespace
}  // namespace sohosolo::core
