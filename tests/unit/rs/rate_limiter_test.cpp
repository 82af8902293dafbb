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

TEST_F(RateLimiterTest, AnEndpointWithItsOwnConcurrencyLimitAllowsThatManyInFlight) {
  const EndpointLimits one_at_a_time{0, 1};  // SR: GET /candidates
  auto first = limiter.acquire("c", "GET /candidates", one_at_a_time);
  ASSERT_TRUE(first.allowed());
  EXPECT_EQ(first.status().concurrent_limit, 1);
  EXPECT_EQ(first.status().concurrent_remaining, 0);
  auto second = limiter.acquire("c", "GET /candidates", one_at_a_time);
  EXPECT_FALSE(second.allowed());
  EXPECT_TRUE(second.status().concurrency_exceeded);
  EXPECT_EQ(second.status().concurrent_limit, 1);
  auto other = limiter.acquire("c", "GET /jobs");
  EXPECT_TRUE(other.allowed()) << "the other routes keep the credential's limit";
  EXPECT_EQ(other.status().concurrent_remaining, 0) << "2 in flight of the credential's 2";
  EXPECT_TRUE(limiter.acquire("d", "GET /candidates", one_at_a_time).allowed());
}

TEST_F(RateLimiterTest, AnEndpointsOwnRateReplacesTheDefault) {
  const EndpointLimits heavy{2, 0};  // SR: 2/s for job publication
  for (int i = 0; i < 2; ++i) {
    auto p = limiter.acquire("c", "POST /jobs/{id}/publication", heavy);
    ASSERT_TRUE(p.allowed()) << i;
    EXPECT_EQ(p.status().limit, 2);
  }
  EXPECT_FALSE(limiter.acquire("c", "POST /jobs/{id}/publication", heavy).allowed());
  EXPECT_EQ(limiter.unspent(heavy).limit, 2);
  EXPECT_EQ(limiter.unspent(heavy).remaining, 2);
  EXPECT_EQ(limiter.unspent().limit, 3);
}

TEST_F(RateLimiterTest, IdleCredentialsAreForgottenButNotOnesWithRequestsInFlight) {
  (void)limiter.acquire("idle-1", "GET /jobs");
  (void)limiter.acquire("idle-2", "GET /jobs");
  auto held = limiter.acquire("slow", "GET /jobs");
  EXPECT_EQ(limiter.tracked_credentials(), 3u);
  clock.advance_seconds(RateLimiter::kIdleSeconds);
  (void)limiter.acquire("new", "GET /jobs");
  EXPECT_EQ(limiter.tracked_credentials(), 2u)
      << "idle-1 and idle-2 forgotten; slow still in flight";
}

TEST_F(RateLimiterTest, ResetEmptiesEveryWindowButKeepsRequestsInFlight) {
  (void)limiter.acquire("idle", "GET /jobs");
  auto held = limiter.acquire("busy", "GET /jobs");
  (void)limiter.acquire("busy", "GET /jobs");
  (void)limiter.acquire("busy", "GET /jobs");
  EXPECT_FALSE(limiter.acquire("busy", "GET /jobs").allowed());
  limiter.reset();
  EXPECT_EQ(limiter.tracked_credentials(), 1u) << "idle forgotten; busy has a request in flight";
  auto next = limiter.acquire("busy", "GET /jobs");
  EXPECT_TRUE(next.allowed()) << "the window is empty again";
  EXPECT_EQ(next.status().concurrent_remaining, 0) << "`held` is still in flight";
}

TEST_F(RateLimiterTest, WindowsFollowTheClockItIsToldToUse) {
  common::VirtualClock wall;
  limiter.use_clock(wall);
  for (int i = 0; i < 3; ++i) (void)limiter.acquire("c", "GET /jobs");
  clock.advance_seconds(5);
  EXPECT_FALSE(limiter.acquire("c", "GET /jobs").allowed()) << "the old clock no longer counts";
  wall.advance_seconds(1);
  EXPECT_TRUE(limiter.acquire("c", "GET /jobs").allowed());
}

}  // namespace
}  // namespace oauthsim::rs
