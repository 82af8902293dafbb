#include "oauthsim/authz/code_store.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace oauthsim::authz {
namespace {

AuthorizationCode sample_code(std::int64_t expires_ms = 10'000) {
  AuthorizationCode c;
  c.code = "code-1";
  c.client_id = "acme-ats";
  c.redirect_uri = "http://localhost:9000/callback";
  c.username = "alice@example.com";
  c.scopes = {"user_me_read"};
  c.grant_id = "grant-1";
  c.expires_ms = expires_ms;
  return c;
}

TEST(InMemoryCodeStore, FirstRedemptionReturnsTheBoundCode) {
  InMemoryCodeStore store;
  store.put(sample_code());
  const auto r = store.redeem("code-1", "acme-ats", 5'000);
  ASSERT_EQ(r.status, RedeemStatus::kRedeemed);
  EXPECT_EQ(r.code->username, "alice@example.com");
  EXPECT_EQ(r.code->grant_id, "grant-1");
}

TEST(InMemoryCodeStore, SecondRedemptionIsReplayAndCarriesGrantId) {
  InMemoryCodeStore store;
  store.put(sample_code());
  ASSERT_EQ(store.redeem("code-1", "acme-ats", 5'000).status, RedeemStatus::kRedeemed);
  const auto again = store.redeem("code-1", "acme-ats", 5'001);
  EXPECT_EQ(again.status, RedeemStatus::kReplayed);
  ASSERT_TRUE(again.code);
  EXPECT_EQ(again.code->grant_id, "grant-1");
}

TEST(InMemoryCodeStore, UnknownCodeIsUnknown) {
  InMemoryCodeStore store;
  EXPECT_EQ(store.redeem("nope", "acme-ats", 0).status, RedeemStatus::kUnknown);
}

TEST(InMemoryCodeStore, CodeAtItsExpiryInstantIsExpired) {
  InMemoryCodeStore store;
  store.put(sample_code(10'000));
  EXPECT_EQ(store.redeem("code-1", "acme-ats", 10'000).status, RedeemStatus::kExpired);
}

TEST(InMemoryCodeStore, OtherClientCannotRedeemOrBurnTheCode) {
  InMemoryCodeStore store;
  store.put(sample_code());
  EXPECT_EQ(store.redeem("code-1", "evil-client", 1).status, RedeemStatus::kWrongClient);
  EXPECT_EQ(store.redeem("code-1", "acme-ats", 2).status, RedeemStatus::kRedeemed);
}

TEST(InMemoryCodeStore, ConcurrentRedemptionsSucceedExactlyOnce) {
  InMemoryCodeStore store;
  store.put(sample_code());
  std::atomic<int> redeemed{0}, replayed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      const auto s = store.redeem("code-1", "acme-ats", 1).status;
      if (s == RedeemStatus::kRedeemed) ++redeemed;
      if (s == RedeemStatus::kReplayed) ++replayed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(redeemed.load(), 1);
  EXPECT_EQ(replayed.load(), 7);
}

}  // namespace
}  // namespace oauthsim::authz
