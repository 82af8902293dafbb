// authz::CodeStore's contract, run against the in-memory and the SQLite store alike.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "unit/state/store_kinds.h"

namespace oauthsim::state::testing {
namespace {

using authz::AuthorizationCode;
using authz::RedeemStatus;

AuthorizationCode sample_code(const std::string& value = "code-1",
                              std::int64_t expires_ms = 10'000) {
  AuthorizationCode c;
  c.code = value;
  c.client_id = "acme-ats";
  c.redirect_uri = "http://localhost:9000/callback";
  c.username = "alice@example.com";
  c.scopes = {"user_me_read", "jobs_read"};
  c.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  c.code_challenge_method = "S256";
  c.grant_id = "grant-1";
  c.expires_ms = expires_ms;
  return c;
}

template <typename Kind>
class CodeStoreConformance : public ::testing::Test {
 protected:
  Kind kind;
  std::unique_ptr<authz::CodeStore> store = kind.code_store();
};

using Kinds = ::testing::Types<InMemoryStores, SqliteStores>;
TYPED_TEST_SUITE(CodeStoreConformance, Kinds, StoreKindNames);

TYPED_TEST(CodeStoreConformance, FirstRedemptionReturnsEverythingTheCodeWasBoundTo) {
  this->store->put(sample_code());
  const auto r = this->store->redeem("code-1", "acme-ats", 5'000);
  ASSERT_EQ(r.status, RedeemStatus::kRedeemed);
  ASSERT_TRUE(r.code);
  EXPECT_EQ(r.code->code, "code-1");
  EXPECT_EQ(r.code->client_id, "acme-ats");
  EXPECT_EQ(r.code->redirect_uri, "http://localhost:9000/callback");
  EXPECT_EQ(r.code->username, "alice@example.com");
  EXPECT_EQ(r.code->scopes, (std::vector<std::string>{"user_me_read", "jobs_read"}));
  EXPECT_EQ(r.code->code_challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_EQ(r.code->code_challenge_method, "S256");
  EXPECT_EQ(r.code->grant_id, "grant-1");
  EXPECT_EQ(r.code->expires_ms, 10'000);
}

TYPED_TEST(CodeStoreConformance, SecondRedemptionIsAReplayCarryingTheGrantId) {
  this->store->put(sample_code());
  ASSERT_EQ(this->store->redeem("code-1", "acme-ats", 5'000).status, RedeemStatus::kRedeemed);
  const auto again = this->store->redeem("code-1", "acme-ats", 5'001);
  EXPECT_EQ(again.status, RedeemStatus::kReplayed);
  ASSERT_TRUE(again.code);
  EXPECT_EQ(again.code->grant_id, "grant-1");
}

TYPED_TEST(CodeStoreConformance, UnknownCodeIsUnknown) {
  this->store->put(sample_code());
  const auto r = this->store->redeem("code-2", "acme-ats", 0);
  EXPECT_EQ(r.status, RedeemStatus::kUnknown);
  EXPECT_FALSE(r.code);
}

TYPED_TEST(CodeStoreConformance, CodeAtItsExpiryInstantIsExpiredAndSpent) {
  this->store->put(sample_code("code-1", 10'000));
  const auto r = this->store->redeem("code-1", "acme-ats", 10'000);
  EXPECT_EQ(r.status, RedeemStatus::kExpired);
  EXPECT_FALSE(r.code);
  EXPECT_EQ(this->store->redeem("code-1", "acme-ats", 10'001).status, RedeemStatus::kReplayed);
}

TYPED_TEST(CodeStoreConformance, OtherClientCannotRedeemOrBurnTheCode) {
  this->store->put(sample_code());
  const auto wrong = this->store->redeem("code-1", "evil-client", 1);
  EXPECT_EQ(wrong.status, RedeemStatus::kWrongClient);
  EXPECT_FALSE(wrong.code);
  EXPECT_EQ(this->store->redeem("code-1", "acme-ats", 2).status, RedeemStatus::kRedeemed);
}

TYPED_TEST(CodeStoreConformance, PuttingTheSameCodeAgainMakesItUnusedAgain) {
  this->store->put(sample_code());
  ASSERT_EQ(this->store->redeem("code-1", "acme-ats", 1).status, RedeemStatus::kRedeemed);
  auto renewed = sample_code();
  renewed.grant_id = "grant-2";
  this->store->put(renewed);
  const auto r = this->store->redeem("code-1", "acme-ats", 2);
  EXPECT_EQ(r.status, RedeemStatus::kRedeemed);
  EXPECT_EQ(r.code->grant_id, "grant-2");
}

TYPED_TEST(CodeStoreConformance, ClearForgetsUsedAndUnusedCodes) {
  this->store->put(sample_code("used"));
  this->store->put(sample_code("fresh"));
  ASSERT_EQ(this->store->redeem("used", "acme-ats", 1).status, RedeemStatus::kRedeemed);
  this->store->clear();
  EXPECT_EQ(this->store->redeem("used", "acme-ats", 2).status, RedeemStatus::kUnknown);
  EXPECT_EQ(this->store->redeem("fresh", "acme-ats", 2).status, RedeemStatus::kUnknown);
}

TYPED_TEST(CodeStoreConformance, ConcurrentRedemptionsSucceedExactlyOnce) {
  this->store->put(sample_code());
  constexpr int kThreads = 8;
  std::atomic<int> redeemed{0}, replayed{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      const auto s = this->store->redeem("code-1", "acme-ats", 1).status;
      if (s == RedeemStatus::kRedeemed) {
        ++redeemed;
      } else if (s == RedeemStatus::kReplayed) {
        ++replayed;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(redeemed.load(), 1);
  EXPECT_EQ(replayed.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
}

}  // namespace
}  // namespace oauthsim::state::testing
