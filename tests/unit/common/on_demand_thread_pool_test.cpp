#include "oauthsim/common/on_demand_thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <vector>

namespace oauthsim::common {
namespace {

// Jobs that hold their thread until released, so how many threads ran them is known.
struct HeldJobs {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> done{0};

  std::function<void()> job() {
    return [this] {
      released.wait();
      ++done;
    };
  }
};

TEST(OnDemandThreadPool, StartsNoThreadUntilAJobArrives) {
  OnDemandThreadPool pool(8);
  EXPECT_EQ(pool.threads_started(), 0u);
  pool.shutdown();
}

TEST(OnDemandThreadPool, StartsOneThreadPerJobThatFindsNoneIdle) {
  OnDemandThreadPool pool(8);
  HeldJobs held;
  for (int i = 0; i < 3; ++i) pool.enqueue(held.job());
  EXPECT_EQ(pool.threads_started(), 3u);
  held.release.set_value();
  pool.shutdown();
  EXPECT_EQ(held.done, 3);
}

TEST(OnDemandThreadPool, NeverExceedsItsCeilingAndQueuesTheRest) {
  OnDemandThreadPool pool(2);
  HeldJobs held;
  for (int i = 0; i < 5; ++i) pool.enqueue(held.job());
  EXPECT_EQ(pool.threads_started(), 2u);
  EXPECT_EQ(held.done, 0);
  held.release.set_value();
  pool.shutdown();  // runs what is queued before it joins
  EXPECT_EQ(held.done, 5);
}

TEST(OnDemandThreadPool, ReusesThreadsForJobsThatComeOneAfterAnother) {
  OnDemandThreadPool pool(4);
  for (int i = 0; i < 50; ++i) {
    // Shared: the job may still be inside set_value when the wait below returns.
    auto ran = std::make_shared<std::promise<void>>();
    auto finished = ran->get_future();
    pool.enqueue([ran] { ran->set_value(); });
    finished.wait();
  }
  EXPECT_LE(pool.threads_started(), 4u);
  EXPECT_GE(pool.threads_started(), 1u);
  pool.shutdown();
}

}  // namespace
}  // namespace oauthsim::common
