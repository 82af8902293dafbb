// authz::TokenStore's contract, run against the in-memory and the SQLite store alike.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "unit/state/store_kinds.h"

namespace oauthsim::state::testing {
namespace {

using authz::AccessTokenRecord;
using authz::ConsumeStatus;
using authz::Grant;
using authz::RefreshTokenRecord;

const std::vector<std::string> kGrantScopes = {"user_me_read", "jobs_read"};

AccessTokenRecord access_token(const std::string& token, const std::string& grant_id = "g1",
                               std::int64_t issued_ms = 0, std::int64_t expires_ms = 1000) {
  return {token,     grant_id,   "acme-ats", "alice@example.com", {"user_me_read"},
          issued_ms, expires_ms, ""};
}

RefreshTokenRecord refresh_token(const std::string& token, const std::string& grant_id = "g1") {
  return {token, grant_id, "acme-ats", "alice@example.com", kGrantScopes, 5000};
}

template <typename Kind>
class TokenStoreConformance : public ::testing::Test {
 protected:
  void SetUp() override {
    store->add_grant({"g1", "acme-ats", "alice@example.com", kGrantScopes, 7});
    store->add_access_token(access_token("at1"));
    store->add_refresh_token(refresh_token("rt1"));
  }
  Kind kind;
  std::unique_ptr<authz::TokenStore> store = kind.token_store();
};

using Kinds = ::testing::Types<InMemoryStores, SqliteStores>;
TYPED_TEST_SUITE(TokenStoreConformance, Kinds, StoreKindNames);

TYPED_TEST(TokenStoreConformance, GrantIsFoundAsAdded) {
  const auto g = this->store->find_grant("g1");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->client_id, "acme-ats");
  EXPECT_EQ(g->username, "alice@example.com");
  EXPECT_EQ(g->scopes, kGrantScopes);
  EXPECT_EQ(g->created_ms, 7);
  EXPECT_FALSE(this->store->find_grant("g2"));
}

TYPED_TEST(TokenStoreConformance, AccessTokenIsFoundWithEveryFieldIncludingItsCertificate) {
  auto bound = access_token("at-bound", "g1", 10, 2000);
  bound.certificate_thumbprint = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";
  this->store->add_access_token(bound);
  const auto found = this->store->find_access_token("at-bound");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->revoked);
  EXPECT_EQ(found->record.token, "at-bound");
  EXPECT_EQ(found->record.grant_id, "g1");
  EXPECT_EQ(found->record.client_id, "acme-ats");
  EXPECT_EQ(found->record.username, "alice@example.com");
  EXPECT_EQ(found->record.scopes, std::vector<std::string>{"user_me_read"});
  EXPECT_EQ(found->record.issued_ms, 10);
  EXPECT_EQ(found->record.expires_ms, 2000);
  EXPECT_EQ(found->record.certificate_thumbprint, "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2");
  EXPECT_EQ(this->store->find_access_token("at1")->record.certificate_thumbprint, "");
  EXPECT_FALSE(this->store->find_access_token("at-unknown"));
}

TYPED_TEST(TokenStoreConformance, RefreshTokenIsFoundUsedOrNot) {
  const auto before = this->store->find_refresh_token("rt1");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->token, "rt1");
  EXPECT_EQ(before->scopes, kGrantScopes);
  EXPECT_EQ(before->expires_ms, 5000);
  ASSERT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 10).status,
            ConsumeStatus::kConsumed);
  EXPECT_TRUE(this->store->find_refresh_token("rt1"));
  EXPECT_FALSE(this->store->find_refresh_token("rt-unknown"));
}

TYPED_TEST(TokenStoreConformance, RefreshTokenIsConsumedOnceWithItsRecord) {
  const auto r = this->store->consume_refresh_token("rt1", "acme-ats", 10);
  EXPECT_EQ(r.status, ConsumeStatus::kConsumed);
  ASSERT_TRUE(r.record);
  EXPECT_EQ(r.record->grant_id, "g1");
  EXPECT_EQ(r.record->username, "alice@example.com");
  EXPECT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 11).status,
            ConsumeStatus::kReused);
}

TYPED_TEST(TokenStoreConformance, ReusingARotatedOutRefreshTokenRevokesTheWholeGrant) {
  ASSERT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 10).status,
            ConsumeStatus::kConsumed);
  this->store->add_refresh_token(refresh_token("rt2"));
  this->store->add_access_token(access_token("at2", "g1", 10));

  const auto reused = this->store->consume_refresh_token("rt1", "acme-ats", 20);
  EXPECT_EQ(reused.status, ConsumeStatus::kReused);
  ASSERT_TRUE(reused.record);
  EXPECT_EQ(reused.record->grant_id, "g1");
  EXPECT_TRUE(this->store->is_grant_revoked("g1"));
  EXPECT_TRUE(this->store->find_access_token("at2")->revoked);
  EXPECT_EQ(this->store->consume_refresh_token("rt2", "acme-ats", 30).status,
            ConsumeStatus::kRevoked);
}

TYPED_TEST(TokenStoreConformance, RevokedGrantsRefreshTokenIsRevokedAndStaysUnspent) {
  this->store->revoke_grant("g1");
  const auto r = this->store->consume_refresh_token("rt1", "acme-ats", 10);
  EXPECT_EQ(r.status, ConsumeStatus::kRevoked);
  ASSERT_TRUE(r.record);
  // Still "revoked", not "reused": the revoked token was never spent.
  EXPECT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 11).status,
            ConsumeStatus::kRevoked);
}

TYPED_TEST(TokenStoreConformance, RefreshTokenOfAnotherClientIsNotSpent) {
  const auto r = this->store->consume_refresh_token("rt1", "evil", 10);
  EXPECT_EQ(r.status, ConsumeStatus::kWrongClient);
  EXPECT_FALSE(r.record);
  EXPECT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 10).status,
            ConsumeStatus::kConsumed);
}

TYPED_TEST(TokenStoreConformance, ExpiredRefreshTokenIsExpiredAndSpent) {
  const auto r = this->store->consume_refresh_token("rt1", "acme-ats", 5000);
  EXPECT_EQ(r.status, ConsumeStatus::kExpired);
  ASSERT_TRUE(r.record);
  EXPECT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 5001).status,
            ConsumeStatus::kReused);
}

TYPED_TEST(TokenStoreConformance, UnknownRefreshTokenIsUnknownWithoutARecord) {
  const auto r = this->store->consume_refresh_token("zzz", "acme-ats", 1);
  EXPECT_EQ(r.status, ConsumeStatus::kUnknown);
  EXPECT_FALSE(r.record);
}

TYPED_TEST(TokenStoreConformance, RevokingAGrantRevokesItsAccessTokensOnly) {
  this->store->add_grant({"g2", "acme-ats", "bob@example.com", kGrantScopes, 0});
  this->store->add_access_token(access_token("at-g2", "g2"));
  ASSERT_FALSE(this->store->find_access_token("at1")->revoked);
  this->store->revoke_grant("g1");
  this->store->revoke_grant("g1");  // idempotent
  EXPECT_TRUE(this->store->is_grant_revoked("g1"));
  EXPECT_TRUE(this->store->find_access_token("at1")->revoked);
  EXPECT_FALSE(this->store->find_access_token("at-g2")->revoked);
  EXPECT_FALSE(this->store->is_grant_revoked("g2"));
}

TYPED_TEST(TokenStoreConformance, RevokingAGrantBeforeItExistsStillRevokesItsTokens) {
  // A replayed code can race its first redemption: the revocation may land first.
  this->store->revoke_grant("g-late");
  this->store->add_grant({"g-late", "acme-ats", "alice@example.com", kGrantScopes, 0});
  this->store->add_access_token(access_token("at-late", "g-late"));
  this->store->add_refresh_token(refresh_token("rt-late", "g-late"));
  EXPECT_TRUE(this->store->is_grant_revoked("g-late"));
  EXPECT_TRUE(this->store->find_access_token("at-late")->revoked);
  EXPECT_EQ(this->store->consume_refresh_token("rt-late", "acme-ats", 1).status,
            ConsumeStatus::kRevoked);
}

TYPED_TEST(TokenStoreConformance, RevokingOneAccessTokenLeavesTheGrantAlone) {
  this->store->add_access_token(access_token("at-other"));
  this->store->revoke_access_token("at1");
  this->store->revoke_access_token("at-unknown");  // no effect, no error
  EXPECT_TRUE(this->store->find_access_token("at1")->revoked);
  EXPECT_FALSE(this->store->find_access_token("at-other")->revoked);
  EXPECT_FALSE(this->store->is_grant_revoked("g1"));
}

TYPED_TEST(TokenStoreConformance, ReAddingAnAccessTokenMakesItUnrevoked) {
  this->store->revoke_access_token("at1");
  this->store->add_access_token(access_token("at1"));
  EXPECT_FALSE(this->store->find_access_token("at1")->revoked);
}

TYPED_TEST(TokenStoreConformance, RevokingAUsersGrantsCountsOnlyNewlyRevokedOnes) {
  this->store->add_grant({"g2", "acme-ats", "alice@example.com", kGrantScopes, 0});
  this->store->add_grant({"g3", "globex-hr", "alice@example.com", kGrantScopes, 0});
  this->store->add_grant({"g-bob", "acme-ats", "bob@example.com", kGrantScopes, 0});
  this->store->revoke_grant("g3");
  EXPECT_EQ(this->store->revoke_grants_of_user("alice@example.com"), 2u);
  EXPECT_TRUE(this->store->is_grant_revoked("g1"));
  EXPECT_TRUE(this->store->is_grant_revoked("g2"));
  EXPECT_FALSE(this->store->is_grant_revoked("g-bob"));
  EXPECT_EQ(this->store->revoke_grants_of_user("alice@example.com"), 0u);
  EXPECT_EQ(this->store->revoke_grants_of_user("nobody@example.com"), 0u);
}

TYPED_TEST(TokenStoreConformance, ClearForgetsGrantsTokensAndRevocations) {
  this->store->revoke_grant("g1");
  this->store->clear();
  EXPECT_FALSE(this->store->find_grant("g1"));
  EXPECT_FALSE(this->store->find_access_token("at1"));
  EXPECT_FALSE(this->store->find_refresh_token("rt1"));
  EXPECT_FALSE(this->store->is_grant_revoked("g1"));
  this->store->add_refresh_token(refresh_token("rt1"));
  EXPECT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 1).status,
            ConsumeStatus::kConsumed);
}

TYPED_TEST(TokenStoreConformance, ConcurrentRefreshesConsumeExactlyOnceAndTheRestAreReuse) {
  constexpr int kThreads = 8;
  std::atomic<int> consumed{0}, reused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      const auto s = this->store->consume_refresh_token("rt1", "acme-ats", 10).status;
      if (s == ConsumeStatus::kConsumed) {
        ++consumed;
      } else if (s == ConsumeStatus::kReused) {
        ++reused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(consumed.load(), 1);
  // The first loser revokes the grant as reuse; later ones may see it as reuse too (the token
  // is spent before the grant check), never as a second success.
  EXPECT_EQ(reused.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_TRUE(this->store->is_grant_revoked("g1"));
}

TYPED_TEST(TokenStoreConformance, ConcurrentAdditionsAndLookupsLoseNothing) {
  constexpr int kThreads = 4, kEach = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        this->store->add_access_token(access_token("at-" + id));
        EXPECT_TRUE(this->store->find_access_token("at-" + id));
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kEach; ++i) {
      EXPECT_TRUE(
          this->store->find_access_token("at-" + std::to_string(t) + "-" + std::to_string(i)));
    }
  }
}

TYPED_TEST(TokenStoreConformance, ReuseWithoutRevokingRefusesOnlyTheReusedToken) {
  ASSERT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 10).status,
            ConsumeStatus::kConsumed);
  this->store->add_refresh_token(refresh_token("rt2"));
  // Policy refuse_token: the reuse is answered kReused, and the grant lives on.
  EXPECT_EQ(this->store->consume_refresh_token("rt1", "acme-ats", 20, false).status,
            ConsumeStatus::kReused);
  EXPECT_FALSE(this->store->is_grant_revoked("g1"));
  EXPECT_EQ(this->store->consume_refresh_token("rt2", "acme-ats", 30).status,
            ConsumeStatus::kConsumed);
}

}  // namespace
}  // namespace oauthsim::state::testing
