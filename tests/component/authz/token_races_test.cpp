// 64 clients racing at the token endpoint with the same code, or the same refresh token:
// exactly one wins (RFC 6749 4.1.2: a code is used once; SR: a refresh token is used once).
#include <gtest/gtest.h>

#include "component/authz/authz_server_fixture.h"
#include "component/authz/concurrent_posts.h"

namespace oauthsim::authz::testing {
namespace {

constexpr int kRacers = 64;

TEST_F(AuthzServerTest, SixtyFourRedemptionsOfOneCodeHaveExactlyOneWinner) {
  const std::string code = obtain_code();
  ASSERT_FALSE(code.empty());
  const auto got = post_concurrently(port, "/identity/oauth/token",
                                     {{"grant_type", "authorization_code"},
                                      {"code", code},
                                      {"redirect_uri", kRedirect},
                                      {"client_id", "acme-ats"},
                                      {"client_secret", "acme-secret"}},
                                     kRacers);
  EXPECT_EQ(got, (std::map<int, int>{{200, 1}, {400, kRacers - 1}}));
}

TEST_F(AuthzServerTest, SixtyFourRefreshesOfOneRefreshTokenHaveExactlyOneWinner) {
  auto issued = exchange(obtain_code());
  ASSERT_EQ(issued->status, 200) << issued->body;
  const std::string refresh_token = json_of(issued).at("refresh_token");
  const auto got = post_concurrently(port, "/identity/oauth/token",
                                     {{"grant_type", "refresh_token"},
                                      {"refresh_token", refresh_token},
                                      {"client_id", "acme-ats"},
                                      {"client_secret", "acme-secret"}},
                                     kRacers);
  EXPECT_EQ(got, (std::map<int, int>{{200, 1}, {400, kRacers - 1}}));
}

}  // namespace
}  // namespace oauthsim::authz::testing
