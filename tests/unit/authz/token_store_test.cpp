#include "oauthsim/authz/token_store.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace oauthsim::authz {
namespace {

class TokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store.add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read", "jobs_read"}, 0});
    store.add_access_token(
        {"at1", "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0, 1000, ""});
    store.add_refresh_token({"rt1", "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 5000});
  }
  InMemoryTokenStore store;
};

TEST_F(TokenStoreTest, RefreshTokenIsConsumedOnce) {
  EXPECT_EQ(store.consume_refresh_token("rt1", "acme-ats", 10).status, ConsumeStatus::kConsumed);
  // The second presentation is a reuse, not another rotation.
  EXPECT_EQ(store.consume_refresh_token("rt1", "acme-ats", 11).status, ConsumeStatus::kReused);
}

TEST_F(TokenStoreTest, ReusingRotatedOutRefreshTokenRevokesTheGrant) {
  ASSERT_EQ(store.consume_refresh_token("rt1", "acme-ats", 10).status, ConsumeStatus::kConsumed);
  // The rotation's successor, issued under the same grant:
  store.add_refresh_token({"rt2", "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 5000});
  store.add_access_token(
      {"at2", "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 10, 1000, ""});

  EXPECT_EQ(store.consume_refresh_token("rt1", "acme-ats", 20).status, ConsumeStatus::kReused);
  EXPECT_TRUE(store.is_grant_revoked("g1"));
  EXPECT_TRUE(store.find_access_token("at2")->revoked);
  EXPECT_EQ(store.consume_refresh_token("rt2", "acme-ats", 30).status, ConsumeStatus::kRevoked);
}

TEST_F(TokenStoreTest, ConcurrentRefreshesConsumeExactlyOnce) {
  std::atomic<int> consumed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (store.consume_refresh_token("rt1", "acme-ats", 10).status == ConsumeStatus::kConsumed) {
        ++consumed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(consumed.load(), 1);
  // The losers presented a spent token: that is reuse, and the grant is gone.
  EXPECT_TRUE(store.is_grant_revoked("g1"));
}

TEST_F(TokenStoreTest, RefreshTokenOfAnotherClientIsNotSpent) {
  EXPECT_EQ(store.consume_refresh_token("rt1", "evil", 10).status, ConsumeStatus::kWrongClient);
  EXPECT_EQ(store.consume_refresh_token("rt1", "acme-ats", 10).status, ConsumeStatus::kConsumed);
}

TEST_F(TokenStoreTest, ExpiredRefreshTokenIsExpired) {
  EXPECT_EQ(store.consume_refresh_token("rt1", "acme-ats", 5000).status, ConsumeStatus::kExpired);
}

TEST_F(TokenStoreTest, UnknownRefreshTokenIsUnknown) {
  EXPECT_EQ(store.consume_refresh_token("zzz", "acme-ats", 1).status, ConsumeStatus::kUnknown);
}

TEST_F(TokenStoreTest, RevokingGrantMarksItsAccessTokensRevoked) {
  ASSERT_FALSE(store.find_access_token("at1")->revoked);
  store.revoke_grant("g1");
  EXPECT_TRUE(store.find_access_token("at1")->revoked);
}

TEST_F(TokenStoreTest, GrantRevokedBeforeItExistsStaysRevoked) {
  // A replayed code can revoke the grant while its first redemption is still being answered.
  store.revoke_grant("g2");
  store.add_grant({"g2", "acme-ats", "alice@example.com", {"user_me_read"}, 0});
  store.add_access_token({"at9", "g2", "acme-ats", "alice@example.com", {}, 0, 1000, ""});
  EXPECT_TRUE(store.find_access_token("at9")->revoked);
}

TEST_F(TokenStoreTest, RevokingOneAccessTokenLeavesTheGrant) {
  store.add_access_token({"at2", "g1", "acme-ats", "alice@example.com", {}, 0, 1000, ""});
  store.revoke_access_token("at1");
  EXPECT_TRUE(store.find_access_token("at1")->revoked);
  EXPECT_FALSE(store.find_access_token("at2")->revoked);
}

TEST_F(TokenStoreTest, RevokeGrantsOfUserHitsOnlyThatUser) {
  store.add_grant({"g3", "acme-ats", "bob@example.com", {}, 0});
  EXPECT_EQ(store.revoke_grants_of_user("alice@example.com"), 1u);
  EXPECT_TRUE(store.is_grant_revoked("g1"));
  EXPECT_FALSE(store.is_grant_revoked("g3"));
}

}  // namespace
}  // namespace oauthsim::authz
