#include "oauthsim/rs/rate_limiter.h"

#include <gtest/gtest.h>

#include <vector>

namespace oauthsim::rs {
namespace {

class RateLimiterTest : public ::testing::Test {
 protected:
  common::VirtualClock clock;
  RateLimiter limiter{clock, 3, 2};
};

TEST_F(RateLimiterTest, AllowsLimitRequestsPerWindowThenRefusesWithRetryAfter) {
  for (int i = 0; i < 3; ++i) {
    auto p = limiter.acquire("acme|alice", "GET /jobs");
    ASSERT_TRUE(p.allowed()) << "request " << i;
    EXPECT_EQ(p.status().remaining, 2 - i);
    EXPECT_EQ(p.status().limit, 3);
  }
  clock.advance_ms(250);
  auto refused = limiter.acquire("acme|alice", "GET /jobs");
  EXPECT_FALSE(refused.allowed());
  EXPECT_FALSE(refused.status().concurrency_exceeded);
  EXPECT_EQ(refused.status().remaining, 0);
  EXPECT_EQ(refused.status().retry_after_seconds, 1);  // 750 ms left, rounded up
}

TEST_F(RateLimiterTest, NextWindowStartsAfresh) {
  for (int i = 0; i < 3; ++i) (void)limiter.acquire("c", "GET /jobs");
  EXPECT_FALSE(limiter.acquire("c", "GET /jobs").allowed());
  clock.advance_seconds(1);
  auto p = limiter.acquire("c", "GET /jobs");
  EXPECT_TRUE(p.allowed());
  EXPECT_EQ(p.status().remaining, 2);
}

TEST_F(RateLimiterTest, WindowsAreAlignedToClockSecondsNotToFirstRequest) {
  clock.set_ms(10'900);
  for (int i = 0; i < 3; ++i) (void)limiter.acquire("c", "GET /jobs");
  clock.set_ms(11'000);  // 100 ms later: a new second, a new window
  EXPECT_TRUE(limiter.acquire("c", "GET /jobs").allowed());
}

TEST_F(RateLimiterTest, EndpointsAndCredentialsHaveSeparateBudgets) {
  for (int i = 0; i < 3; ++i) (void)limiter.acquire("c", "GET /jobs");
  EXPECT_FALSE(limiter.acquire("c", "GET /jobs").allowed());
  EXPECT_TRUE(limiter.acquire("c", "GET /jobs/{id}").allowed());
  EXPECT_TRUE(limiter.acquire("other", "GET /jobs").allowed());
}

TEST_F(RateLimiterTest, RefusedRequestsDoNotUseUpTheNextWindow) {
  for (int i = 0; i < 10; ++i) (void)limiter.acquire("c", "GET /jobs");
  clock.advance_seconds(1);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.acquire("c", "GET /jobs").allowed());
}

TEST_F(RateLimiterTest, ConcurrentLimitCountsPermitsInFlight) {
  auto a = limiter.acquire("c", "GET /a");
  EXPECT_EQ(a.status().concurrent_remaining, 1);
  auto b = limiter.acquire("c", "GET /b");
  EXPECT_EQ(b.status().concurrent_remaining, 0);
  auto c = limiter.acquire("c", "GET /c");
  EXPECT_FALSE(c.allowed());
  EXPECT_TRUE(c.status().concurrency_exceeded);
  EXPECT_EQ(c.status().retry_after_seconds, 1);
  // Another credential is not affected.
  EXPECT_TRUE(limiter.acquire("d", "GET /c").allowed());
}

TEST_F(RateLimiterTest, ReleasingAPermitFreesItsSlot) {
  {
    auto a = limiter.acquire("c", "GET /a");
    auto b = limiter.acquire("c", "GET /b");
    EXPECT_FALSE(limiter.acquire("c", "GET /c").allowed());
  }
  auto again = limiter.acquire("c", "GET /c");
  EXPECT_TRUE(again.allowed());
  EXPECT_EQ(again.status().concurrent_remaining, 1);
}

TEST_F(RateLimiterTest, MovedPermitReleasesOnlyOnce) {
  {
    std::vector<RateLimiter::Permit> held;
    held.push_back(limiter.acquire("c", "GET /a"));
    held.push_back(limiter.acquire("c", "GET /b"));  // may move the first
  }
  auto a = limiter.acquire("c", "GET /c");
  auto b = limiter.acquire("c", "GET /d");
  EXPECT_TRUE(a.allowed());
  EXPECT_TRUE(b.allowed());
  EXPECT_FALSE(limiter.acquire("c", "GET /e").allowed());
}

}  // namespace
}  // namespace oauthsim::rs
