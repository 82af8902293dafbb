// The same races as tests/component/authz/token_races_test.cpp with the codes and tokens in a
// state file (`oauthsim serve --state`): SQLite must make each redemption one atomic step too.
#include <gtest/gtest.h>

#include "component/authz/concurrent_posts.h"
#include "persistent_server_fixture.h"

namespace oauthsim::state::testing {
namespace {

constexpr int kRacers = 64;

TEST_F(PersistentServerTest, SixtyFourRedemptionsOfOneCodeHaveExactlyOneWinner) {
  const std::string code = obtain_code();
  ASSERT_FALSE(code.empty());
  const auto got = authz::testing::post_concurrently(port, "/identity/oauth/token",
                                                     {{"grant_type", "authorization_code"},
                                                      {"code", code},
                                                      {"redirect_uri", kRedirect},
                                                      {"client_id", "acme-ats"},
                                                      {"client_secret", "acme-secret"}},
                                                     kRacers);
  EXPECT_EQ(got, (std::map<int, int>{{200, 1}, {400, kRacers - 1}}));
}

TEST_F(PersistentServerTest, SixtyFourRefreshesOfOneRefreshTokenHaveExactlyOneWinner) {
  const std::string refresh_token = alice_tokens().at("refresh_token");
  const auto got = authz::testing::post_concurrently(port, "/identity/oauth/token",
                                                     {{"grant_type", "refresh_token"},
                                                      {"refresh_token", refresh_token},
                                                      {"client_id", "acme-ats"},
                                                      {"client_secret", "acme-secret"}},
                                                     kRacers);
  EXPECT_EQ(got, (std::map<int, int>{{200, 1}, {400, kRacers - 1}}));
}

}  // namespace
}  // namespace oauthsim::state::testing
