// What the control API's reset relies on: every store can forget everything, and the user
// directory can go back to the configuration.
#include <gtest/gtest.h>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/csrf_tokens.h"
#include "oauthsim/authz/pending_request_store.h"
#include "oauthsim/authz/session_store.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/random.h"
#include "unit/authz/test_config.h"

namespace oauthsim::authz {
namespace {

TEST(StoreReset, ClearedTokenStoreForgetsGrantsTokensAndRevocations) {
  InMemoryTokenStore store;
  store.add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0});
  store.add_access_token(
      {"at1", "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0, 1000, ""});
  store.add_refresh_token({"rt1", "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 5000});
  store.revoke_grant("g1");
  store.clear();
  EXPECT_FALSE(store.find_grant("g1"));
  EXPECT_FALSE(store.find_access_token("at1"));
  EXPECT_FALSE(store.find_refresh_token("rt1"));
  EXPECT_FALSE(store.is_grant_revoked("g1"));
  EXPECT_EQ(store.consume_refresh_token("rt1", "acme-ats", 10).status, ConsumeStatus::kUnknown);
}

TEST(StoreReset, ClearedCodeStoreForgetsCodes) {
  InMemoryCodeStore codes;
  AuthorizationCode c;
  c.code = "c1";
  c.client_id = "acme-ats";
  c.expires_ms = 1000;
  codes.put(c);
  codes.clear();
  EXPECT_EQ(codes.redeem("c1", "acme-ats", 10).status, RedeemStatus::kUnknown);
}

TEST(StoreReset, ClearedSessionAndPendingStoresForgetEverything) {
  InMemorySessionStore sessions;
  sessions.put({"s1", "alice@example.com", 1000});
  sessions.clear();
  EXPECT_FALSE(sessions.find("s1", 10));

  InMemoryPendingRequestStore pending;
  PendingRequest p;
  p.id = "r1";
  p.expires_ms = 1000;
  pending.put(p);
  pending.clear();
  EXPECT_FALSE(pending.find("r1", 10));
}

TEST(StoreReset, ClearedCsrfTokensNoLongerWork) {
  common::SeededRandom random(1);
  CsrfTokens csrf(random);
  const std::string token = csrf.issue("s1", "r1", 1000);
  csrf.clear();
  EXPECT_FALSE(csrf.consume(token, "s1", "r1", 10));
}

TEST(StoreReset, RestoredDirectoryHasExactlyTheConfiguredUsers) {
  const auto configured = testing::test_config().users;
  UserDirectory users(configured);
  ASSERT_TRUE(users.remove("alice@example.com"));
  users.restore(configured);
  EXPECT_TRUE(users.authenticate("alice@example.com", "wonderland"));
  EXPECT_TRUE(users.exists("bob@example.com"));
  users.restore({configured.front()});
  EXPECT_FALSE(users.exists("bob@example.com")) << "restore must not keep users left out";
}

}  // namespace
}  // namespace oauthsim::authz
