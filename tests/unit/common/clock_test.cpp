#include "oauthsim/common/clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace oauthsim::common {
namespace {

TEST(VirtualClock, StartsAtTheDefaultInstant) {
  VirtualClock c;
  EXPECT_EQ(c.now_ms(), VirtualClock::kDefaultStartMs);
  EXPECT_EQ(c.now_seconds(), 1'767'225'600);
}

TEST(VirtualClock, StartsWhereTold) {
  VirtualClock c(5'000);
  EXPECT_EQ(c.now_ms(), 5'000);
}

TEST(VirtualClock, StandsStillUntilAdvanced) {
  VirtualClock c;
  const auto t0 = c.now_ms();
  EXPECT_EQ(c.now_ms(), t0);
}

TEST(VirtualClock, AdvanceMsAndSecondsAddUp) {
  VirtualClock c(0);
  c.advance_ms(250);
  c.advance_seconds(2);
  EXPECT_EQ(c.now_ms(), 2'250);
  EXPECT_EQ(c.now_seconds(), 2);
}

TEST(VirtualClock, AdvancePastATokenLifetime) {
  VirtualClock c;
  const auto issued = c.now_seconds();
  c.advance_seconds(1800 + 1);
  EXPECT_GT(c.now_seconds(), issued + 1800);
}

TEST(VirtualClock, SetJumpsToAnInstantEvenBackwards) {
  VirtualClock c(10'000);
  c.set_ms(20'000);
  EXPECT_EQ(c.now_ms(), 20'000);
  c.set_ms(1'000);
  EXPECT_EQ(c.now_ms(), 1'000);
}

TEST(VirtualClock, NowSecondsTruncates) {
  VirtualClock c(1'999);
  EXPECT_EQ(c.now_seconds(), 1);
}

TEST(VirtualClock, ConcurrentAdvancesAreNotLost) {
  VirtualClock c(0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&c] {
      for (int k = 0; k < 1000; ++k) c.advance_ms(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.now_ms(), 4000);
}

TEST(VirtualClock, UsableThroughTheClockInterface) {
  VirtualClock vc(42'000);
  const Clock& c = vc;
  EXPECT_EQ(c.now_seconds(), 42);
}

TEST(SystemClock, IsAfterTheProjectStarted) {
  SystemClock c;
  // 2025-01-01: any real clock running these tests is past it.
  EXPECT_GT(c.now_ms(), 1'735'689'600'000);
}

}  // namespace
}  // namespace oauthsim::common
