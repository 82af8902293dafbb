// Browser-side state (sessions, pending authorization requests, CSRF tokens) is forgotten
// after wall-clock idleness even while the virtual clock stands still, and codes an hour after
// they expired; inserts do not scan. The wall clock is injected: no test sleeps.
#include <gtest/gtest.h>

#include <string>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/csrf_tokens.h"
#include "oauthsim/authz/idle_map.h"
#include "oauthsim/authz/pending_request_store.h"
#include "oauthsim/authz/session_store.h"

namespace oauthsim::authz {
namespace {

constexpr std::int64_t kVirtualNow = 1'000;
constexpr std::int64_t kFarFuture = 1'000'000'000;  // the virtual clock never reaches it here
constexpr std::int64_t kMinute = 60 * 1000;

TEST(IdleMap, ForgetsWhatWasNotUsedForTheIdleTime) {
  IdleMap<int> m(IdleLimits{10, 100});
  m.put("a", 1, 0);
  m.put("b", 2, 5);
  ASSERT_NE(m.find("a", 9), nullptr);  // used at 9: idle again from there
  m.put("c", 3, 16);                   // b idle 11 ms: gone; a idle 7 ms: kept
  EXPECT_EQ(m.find("b", 16), nullptr);
  EXPECT_NE(m.find("a", 16), nullptr);
  EXPECT_EQ(m.size(), 2u);
}

TEST(IdleMap, PastMaxEntriesTheLeastRecentlyUsedGoes) {
  IdleMap<int> m(IdleLimits{1'000, 2});
  m.put("a", 1, 0);
  m.put("b", 2, 1);
  m.find("a", 2);
  m.put("c", 3, 3);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m.find("b", 3), nullptr);
  EXPECT_NE(m.find("a", 3), nullptr);
}

TEST(IdleMap, EraseAndEraseIfKeepTheOrderConsistent) {
  IdleMap<int> m(IdleLimits{10, 100});
  m.put("a", 1, 0);
  m.put("b", 2, 0);
  m.put("c", 3, 0);
  EXPECT_TRUE(m.erase("b"));
  EXPECT_FALSE(m.erase("b"));
  m.erase_if([](int v) { return v == 1; });
  m.reap(100);  // walks the order: must not meet erased keys
  EXPECT_EQ(m.size(), 0u);
}

TEST(IdleReaping, SessionIdleForAnHourIsForgottenWhileTheVirtualClockStandsStill) {
  common::VirtualClock wall(0);
  InMemorySessionStore sessions(&wall);
  sessions.put({"s1", "alice@example.com", kFarFuture});
  wall.advance_ms(59 * kMinute);
  ASSERT_TRUE(sessions.find("s1", kVirtualNow).has_value());  // use restarts the idle time
  wall.advance_ms(59 * kMinute);
  sessions.put({"s2", "bob@example.com", kFarFuture});
  EXPECT_TRUE(sessions.find("s1", kVirtualNow).has_value());
  wall.advance_ms(61 * kMinute);
  sessions.put({"s3", "carol@example.com", kFarFuture});
  EXPECT_FALSE(sessions.find("s1", kVirtualNow).has_value());
  EXPECT_FALSE(sessions.find("s2", kVirtualNow).has_value());
  EXPECT_TRUE(sessions.find("s3", kVirtualNow).has_value());
}

TEST(IdleReaping, PendingRequestIdleForHalfAnHourIsForgotten) {
  common::VirtualClock wall(0);
  InMemoryPendingRequestStore pending(&wall);
  pending.put({"p1", AuthorizeRequest{}, kFarFuture});
  wall.advance_ms(31 * kMinute);
  pending.put({"p2", AuthorizeRequest{}, kFarFuture});
  EXPECT_FALSE(pending.find("p1", kVirtualNow).has_value());
  EXPECT_TRUE(pending.take("p2", kVirtualNow).has_value());
  EXPECT_FALSE(pending.take("p2", kVirtualNow).has_value()) << "a decision is taken once";
}

TEST(IdleReaping, CsrfTokenIdleForHalfAnHourIsForgotten) {
  common::VirtualClock wall(0);
  common::SeededRandom random(3);
  CsrfTokens csrf(random, &wall);
  const std::string old_token = csrf.issue("", "req-1", kFarFuture);
  const std::string fresh_token = csrf.issue("", "req-2", kFarFuture);
  wall.advance_ms(29 * kMinute);
  EXPECT_TRUE(csrf.consume(fresh_token, "", "req-2", kVirtualNow));
  wall.advance_ms(2 * kMinute);
  csrf.issue("", "req-3", kFarFuture);
  EXPECT_FALSE(csrf.consume(old_token, "", "req-1", kVirtualNow));
}

TEST(IdleReaping, ManyAbandonedLoginsStayBounded) {
  common::VirtualClock wall(0);
  InMemoryPendingRequestStore pending(&wall, IdleLimits{30 * kMinute, 1'000});
  for (int i = 0; i < 5'000; ++i) {
    pending.put({"p" + std::to_string(i), AuthorizeRequest{}, kFarFuture});
  }
  EXPECT_FALSE(pending.find("p0", kVirtualNow).has_value());
  EXPECT_TRUE(pending.find("p4999", kVirtualNow).has_value());
}

AuthorizationCode code_expiring_at(const std::string& value, std::int64_t expires_ms) {
  AuthorizationCode c;
  c.code = value;
  c.client_id = "acme-ats";
  c.expires_ms = expires_ms;
  return c;
}

TEST(CodeReaping, UsedCodeIsRememberedAsReplayedForAnHourPastExpiryThenForgotten) {
  InMemoryCodeStore codes;
  const std::int64_t hour = InMemoryCodeStore::kReplayMemoryMs;
  codes.put(code_expiring_at("c1", 60'000));
  ASSERT_EQ(codes.redeem("c1", "acme-ats", 0).status, RedeemStatus::kRedeemed);
  codes.put(code_expiring_at("c2", 60'000 + hour - 1));
  EXPECT_EQ(codes.redeem("c1", "acme-ats", 1).status, RedeemStatus::kReplayed);
  codes.put(code_expiring_at("c3", 60'000 + hour));
  EXPECT_EQ(codes.redeem("c1", "acme-ats", 2).status, RedeemStatus::kUnknown);
  EXPECT_EQ(codes.size(), 2u);
}

TEST(CodeReaping, PastTheCapTheOldestCodeGoes) {
  InMemoryCodeStore codes(2);
  for (const char* c : {"c1", "c2", "c3"}) codes.put(code_expiring_at(c, 60'000));
  EXPECT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes.redeem("c1", "acme-ats", 0).status, RedeemStatus::kUnknown);
  EXPECT_EQ(codes.redeem("c3", "acme-ats", 0).status, RedeemStatus::kRedeemed);
}

}  // namespace
}  // namespace oauthsim::authz
