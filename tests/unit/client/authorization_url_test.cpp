#include "client_test_support.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/url.h"

namespace oauthsim::client::testing {
namespace {

TEST_F(OAuthClientTest, AuthorizationUrlCarriesClientIdRedirectUriScopeAndState) {
  auto pending = make_client().begin_authorization();
  auto url = common::parse_url(pending.url);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->origin(), "http://127.0.0.1:7001");
  EXPECT_EQ(url->path, "/identity/oauth/allow");
  auto q = url->query_params();
  EXPECT_EQ(q.get("client_id"), "acme-ats");
  EXPECT_EQ(q.get("redirect_uri"), "http://localhost:9000/callback");
  EXPECT_EQ(q.get("scope"), "user_me_read jobs_read");
  EXPECT_EQ(q.get("state"), pending.state);
  EXPECT_EQ(q.get("response_type"), "code");
  EXPECT_FALSE(q.has("client_secret"));
  EXPECT_EQ(pending.url.find("acme-secret"), std::string::npos);
}

TEST_F(OAuthClientTest, ScopeIsPercentEncodedWithSpacesNotPlus) {
  auto pending = make_client().begin_authorization();
  EXPECT_NE(pending.url.find("scope=user_me_read%20jobs_read"), std::string::npos) << pending.url;
}

TEST_F(OAuthClientTest, StateHasAtLeast128BitsOfBase64Url) {
  auto pending = make_client().begin_authorization();
  EXPECT_GE(pending.state.size(), 22u);
  auto raw = common::base64url_decode(pending.state);
  ASSERT_TRUE(raw);
  EXPECT_GE(raw->size(), 16u);
}

TEST_F(OAuthClientTest, EachAuthorizationGetsAFreshState) {
  auto client = make_client();
  EXPECT_NE(client.begin_authorization().state, client.begin_authorization().state);
}

TEST_F(OAuthClientTest, NoScopesConfiguredSendsNoScopeParameter) {
  auto s = test_settings();
  s.scopes.clear();
  auto pending = make_client(s).begin_authorization();
  EXPECT_FALSE(query_of(pending.url).has("scope"));
}

TEST_F(OAuthClientTest, WithoutPkceNoChallengeIsSent) {
  auto pending = make_client().begin_authorization();
  EXPECT_TRUE(pending.code_verifier.empty());
  EXPECT_FALSE(query_of(pending.url).has("code_challenge"));
}

TEST_F(OAuthClientTest, PkceChallengeIsBase64UrlSha256OfVerifier) {
  auto s = test_settings();
  s.use_pkce = true;
  auto pending = make_client(s).begin_authorization();
  auto q = query_of(pending.url);
  EXPECT_GE(pending.code_verifier.size(), 43u);
  EXPECT_LE(pending.code_verifier.size(), 128u);
  EXPECT_EQ(q.get("code_challenge_method"), "S256");
  EXPECT_EQ(q.get("code_challenge"),
            common::base64url_encode(common::sha256(pending.code_verifier)));
  EXPECT_NE(pending.code_verifier, pending.state);
}

TEST_F(OAuthClientTest, EndpointWithExistingQueryKeepsIt) {
  auto s = test_settings();
  s.authorization_endpoint += "?tenant=acme";
  auto q = query_of(make_client(s).begin_authorization().url);
  EXPECT_EQ(q.get("tenant"), "acme");
  EXPECT_EQ(q.get("client_id"), "acme-ats");
}

}  // namespace
}  // namespace oauthsim::client::testing
