#include "oauthsim/authz/metadata.h"

#include <gmock/gmock.h>

#include "unit/authz/test_config.h"

namespace oauthsim::authz {
namespace {

TEST(ServerMetadata, EndpointsHangOffTheIssuer) {
  const auto m = server_metadata(testing::test_config(), "http://127.0.0.1:8081");
  EXPECT_EQ(m["issuer"], "http://127.0.0.1:8081");
  EXPECT_EQ(m["authorization_endpoint"], "http://127.0.0.1:8081/identity/oauth/allow");
  EXPECT_EQ(m["token_endpoint"], "http://127.0.0.1:8081/identity/oauth/token");
  EXPECT_EQ(m["revocation_endpoint"], "http://127.0.0.1:8081/identity/oauth/revoke");
  EXPECT_EQ(m["introspection_endpoint"], "http://127.0.0.1:8081/identity/oauth/introspect");
}

TEST(ServerMetadata, ListsAreJsonArrays) {
  const auto m = server_metadata(testing::test_config(), "http://x");
  EXPECT_EQ(m["response_types_supported"], nlohmann::json::array({"code"}));
  EXPECT_EQ(m["token_endpoint_auth_methods_supported"],
            nlohmann::json::array({"client_secret_post", "client_secret_basic"}));
  EXPECT_EQ(m["code_challenge_methods_supported"], nlohmann::json::array({"S256", "plain"}));
  EXPECT_EQ(m["grant_types_supported"].size(), 3u);
  ASSERT_TRUE(m["scopes_supported"].is_array());
  EXPECT_THAT(m["scopes_supported"].get<std::vector<std::string>>(),
              ::testing::Contains("candidates_read"));
}

}  // namespace
}  // namespace oauthsim::authz
