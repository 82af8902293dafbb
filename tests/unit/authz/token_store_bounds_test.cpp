// The in-memory token store is bounded: expired tokens are forgotten (on the virtual clock),
// grants go with their last token, and a cap evicts the oldest, announced once.
#include <gtest/gtest.h>

#include <string>

#include "oauthsim/authz/token_store.h"

namespace oauthsim::authz {
namespace {

constexpr std::int64_t kHour = InMemoryTokenStore::kMemoryPastExpiryMs;

// A grant and its access token; with refresh_lifetime, a refresh token too.
void issue(InMemoryTokenStore& store, const std::string& n, std::int64_t now, std::int64_t lifetime,
           std::int64_t refresh_lifetime = 0) {
  store.add_grant({"g" + n, "acme-ats", "alice@example.com", {"user_me_read"}, now});
  store.add_access_token({"at" + n,
                          "g" + n,
                          "acme-ats",
                          "alice@example.com",
                          {"user_me_read"},
                          now,
                          now + lifetime,
                          ""});
  if (refresh_lifetime > 0) {
    store.add_refresh_token({"rt" + n,
                             "g" + n,
                             "acme-ats",
                             "alice@example.com",
                             {"user_me_read"},
                             now + refresh_lifetime});
  }
}

TEST(TokenStoreBounds, ExpiredAccessTokenIsRememberedForAnHourThenForgotten) {
  InMemoryTokenStore store;
  issue(store, "1", 0, 1000);
  issue(store, "2", 1000 + kHour - 1, 1000);  // the first expired less than an hour ago
  EXPECT_TRUE(store.find_access_token("at1").has_value());
  issue(store, "3", 1000 + kHour, 1000);
  EXPECT_FALSE(store.find_access_token("at1").has_value());
  EXPECT_TRUE(store.find_access_token("at2").has_value());
  EXPECT_EQ(store.access_token_count(), 2u);
}

TEST(TokenStoreBounds, GrantIsForgottenWithItsLastToken) {
  InMemoryTokenStore store;
  issue(store, "1", 0, 1000, 1000 + kHour);
  store.revoke_grant("g1");
  ASSERT_TRUE(store.is_grant_revoked("g1"));
  // Past the access token's memory only: the refresh token still holds the revoked grant.
  issue(store, "2", 1000 + kHour, 10 * kHour, 10 * kHour);
  EXPECT_FALSE(store.find_access_token("at1").has_value());
  EXPECT_TRUE(store.find_refresh_token("rt1").has_value());
  EXPECT_TRUE(store.is_grant_revoked("g1"));
  EXPECT_EQ(store.grant_count(), 2u);
  // The refresh token's memory passed too: the revoked grant is gone.
  issue(store, "3", 1000 + 2 * kHour, 10 * kHour, 10 * kHour);
  EXPECT_FALSE(store.find_refresh_token("rt1").has_value());
  EXPECT_FALSE(store.is_grant_revoked("g1"));
  EXPECT_FALSE(store.find_grant("g1").has_value());
  EXPECT_EQ(store.grant_count(), 2u);
}

TEST(TokenStoreBounds, StandingClockForgetsNothingBelowTheCap) {
  InMemoryTokenStore store(TokenStoreLimits{100});
  for (int i = 0; i < 100; ++i) issue(store, std::to_string(i), 0, 1000);
  EXPECT_EQ(store.access_token_count(), 100u);
  EXPECT_TRUE(store.find_access_token("at0").has_value());
}

TEST(TokenStoreBounds, CapEvictsTheOldestAndTheirGrants) {
  InMemoryTokenStore store(TokenStoreLimits{3});
  for (int i = 0; i < 5; ++i) issue(store, std::to_string(i), 0, 1000, 1000);
  EXPECT_EQ(store.access_token_count(), 3u);
  EXPECT_EQ(store.refresh_token_count(), 3u);
  EXPECT_FALSE(store.find_access_token("at1").has_value());
  EXPECT_FALSE(store.find_refresh_token("rt1").has_value());
  EXPECT_TRUE(store.find_access_token("at2").has_value());
  EXPECT_TRUE(store.find_access_token("at4").has_value());
  EXPECT_EQ(store.grant_count(), 3u);
  EXPECT_EQ(store.consume_refresh_token("rt0", "acme-ats", 0).status, ConsumeStatus::kUnknown);
}

TEST(TokenStoreBounds, FirstEvictionIsAnnouncedOnce) {
  InMemoryTokenStore store(TokenStoreLimits{2});
  int announced = 0;
  std::size_t said = 0;
  store.set_on_first_eviction([&](std::size_t cap) {
    ++announced;
    said = cap;
  });
  issue(store, "1", 0, 1000);
  issue(store, "2", 0, 1000);
  EXPECT_EQ(announced, 0);
  for (int i = 3; i < 10; ++i) issue(store, std::to_string(i), 0, 1000);
  EXPECT_EQ(announced, 1);
  EXPECT_EQ(said, 2u);
}

TEST(TokenStoreBounds, TokenSharesItsGrantsClientUserAndScopes) {
  InMemoryTokenStore store;
  store.add_grant({"g", "acme-ats", "alice@example.com", {"a", "b"}, 0});
  store.add_access_token({"at", "g", "acme-ats", "alice@example.com", {"a"}, 5, 1000, "thumb"});
  const auto found = store.find_access_token("at");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->record.token, "at");
  EXPECT_EQ(found->record.grant_id, "g");
  EXPECT_EQ(found->record.client_id, "acme-ats");
  EXPECT_EQ(found->record.username, "alice@example.com");
  EXPECT_EQ(found->record.scopes, (std::vector<std::string>{"a"}));
  EXPECT_EQ(found->record.issued_ms, 5);
  EXPECT_EQ(found->record.expires_ms, 1000);
  EXPECT_EQ(found->record.certificate_thumbprint, "thumb");
}

TEST(TokenStoreBounds, OrphanRevocationWaitsAnHourForItsGrant) {
  InMemoryTokenStore store;
  issue(store, "0", 0, 10 * kHour);
  store.revoke_grant("late");  // a replayed code racing the first redemption
  issue(store, "1", kHour - 1, 10 * kHour);
  EXPECT_TRUE(store.is_grant_revoked("late"));
  issue(store, "2", kHour + 1, 10 * kHour);
  EXPECT_FALSE(store.is_grant_revoked("late"));
}

TEST(TokenStoreBounds, OrphanRevocationThatGotItsGrantStaysWithIt) {
  InMemoryTokenStore store;
  store.revoke_grant("g1");
  issue(store, "1", 0, 10 * kHour);
  issue(store, "2", 2 * kHour, 10 * kHour);
  EXPECT_TRUE(store.is_grant_revoked("g1"));
  ASSERT_TRUE(store.find_access_token("at1").has_value());
  EXPECT_TRUE(store.find_access_token("at1")->revoked);
}

}  // namespace
}  // namespace oauthsim::authz
