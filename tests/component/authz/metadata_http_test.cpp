#include <gmock/gmock.h>

#include "component/authz/authz_server_fixture.h"

namespace oauthsim::authz::testing {
namespace {

using MetadataHttpTest = AuthzServerTest;

TEST_F(MetadataHttpTest, MetadataNamesThisServersEndpoints) {
  auto res = get("/.well-known/oauth-authorization-server");
  ASSERT_EQ(res->status, 200);
  const auto m = json_of(res);
  EXPECT_EQ(m["issuer"], server->base_url());
  EXPECT_EQ(server->base_url(), "http://127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(m["token_endpoint"], server->base_url() + "/identity/oauth/token");
  EXPECT_EQ(m["authorization_endpoint"], server->base_url() + "/identity/oauth/allow");
  EXPECT_THAT(
      m["grant_types_supported"].get<std::vector<std::string>>(),
      ::testing::UnorderedElementsAre("authorization_code", "refresh_token", "client_credentials"));
}

TEST_F(MetadataHttpTest, AdvertisedEndpointsActuallyAnswer) {
  const auto m = json_of(get("/.well-known/oauth-authorization-server"));
  for (const char* key : {"token_endpoint", "revocation_endpoint", "introspection_endpoint"}) {
    const auto url = common::parse_url(m[key].get<std::string>());
    ASSERT_TRUE(url) << key;
    auto res = post_form(url->path, {});
    // Unauthenticated, but routed: an OAuth error, not a 404.
    EXPECT_EQ(res->status, 401) << key;
  }
}

}  // namespace
}  // namespace oauthsim::authz::testing
