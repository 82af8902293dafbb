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

TEST(ServerMetadata, PlainHttpAnnouncesNoCertificateMethods) {
  // RFC 8705 needs TLS: over http neither method nor bound tokens can work.
  const auto m = server_metadata(testing::test_config(), "http://x");
  for (const char* list :
       {"token_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported",
        "introspection_endpoint_auth_methods_supported"}) {
    EXPECT_THAT(m[list].get<std::vector<std::string>>(),
                ::testing::Not(::testing::Contains(::testing::HasSubstr("tls"))))
        << list;
  }
  EXPECT_FALSE(m.contains("tls_client_certificate_bound_access_tokens"));
}

TEST(ServerMetadata, MutualTlsAnnouncesRfc8705MethodsAndBoundTokens) {
  const auto m = server_metadata(testing::test_config(), "https://x", true);
  EXPECT_EQ(m["token_endpoint_auth_methods_supported"],
            nlohmann::json::array({"client_secret_post", "client_secret_basic", "tls_client_auth",
                                   "self_signed_tls_client_auth"}));
  EXPECT_EQ(m["tls_client_certificate_bound_access_tokens"], true);
}

}  // namespace
}  // namespace oauthsim::authz
