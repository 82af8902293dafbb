#include <gmock/gmock.h>

#include "unit/authz/token_world.h"

namespace oauthsim::authz::testing {
namespace {

using TokenEndpointTest = TokenWorld;

common::Params cc_form(const std::string& client_id = "acme-ats",
                       const std::string& secret = "acme-secret") {
  return {
      {"grant_type", "client_credentials"}, {"client_id", client_id}, {"client_secret", secret}};
}

TEST_F(TokenEndpointTest, ClientCredentialsGivesNoRefreshTokenAndDefaultScopes) {
  const auto body = token(cc_form());
  EXPECT_FALSE(body.contains("refresh_token"));
  EXPECT_EQ(body["scope"], "user_me_read");
  const auto info = verifier.verify(body["access_token"].get<std::string>());
  EXPECT_TRUE(info.active);
  EXPECT_EQ(info.username, "");
  EXPECT_EQ(info.client_id, "acme-ats");
}

TEST_F(TokenEndpointTest, ClientCredentialsScopeOutsideRegistrationIsInvalidScope) {
  auto form = cc_form();
  form.add("scope", "users_manage");
  EXPECT_EQ(error_of(form), "invalid_scope");
}

TEST_F(TokenEndpointTest, ClientCredentialsGrantsAreDistinct) {
  const auto a = token(cc_form());
  const auto b = token(cc_form());
  EXPECT_NE(verifier.verify(a["access_token"].get<std::string>()).grant_id,
            verifier.verify(b["access_token"].get<std::string>()).grant_id);
}

TEST_F(TokenEndpointTest, UnknownGrantTypeIsUnsupportedGrantType) {
  auto form = cc_form();
  form.set("grant_type", "password");
  EXPECT_EQ(error_of(form), "unsupported_grant_type");
}

TEST_F(TokenEndpointTest, MissingGrantTypeIsInvalidRequest) {
  auto form = cc_form();
  form.erase("grant_type");
  EXPECT_EQ(error_of(form), "invalid_request");
}

TEST_F(TokenEndpointTest, GrantTypeOutsideClientRegistrationIsUnauthorizedClient) {
  EXPECT_EQ(error_of(code_form(put_code("cc-only"), "cc-only", "cc-secret")),
            "unauthorized_client");
  EXPECT_EQ(error_of(cc_form("cc-only", "cc-secret")), "");
}

TEST_F(TokenEndpointTest, RepeatedParameterIsInvalidRequest) {
  auto form = code_form(put_code());
  form.add("code", "again");
  EXPECT_EQ(error_of(form), "invalid_request");
}

TEST_F(TokenEndpointTest, WrongSecretIsInvalidClientBeforeAnyGrantWork) {
  const auto code = put_code();
  EXPECT_EQ(error_of(code_form(code, "acme-ats", "wrong")), "invalid_client");
  // The failed attempt did not consume the code.
  EXPECT_EQ(error_of(code_form(code)), "");
}

TEST_F(TokenEndpointTest, BasicAuthenticationWorks) {
  auto form = cc_form();
  form.erase("client_id");
  form.erase("client_secret");
  const std::string header =
      "Basic " + common::base64_encode(common::url_encode("basic-only") + ":" +
                                       common::url_encode("basic secret:with/odd+chars"));
  EXPECT_EQ(error_of(form, header), "");
}

TEST_F(TokenEndpointTest, BothAuthenticationMethodsIsInvalidRequest) {
  const std::string header = "Basic " + common::base64_encode("acme-ats:acme-secret");
  EXPECT_EQ(error_of(cc_form(), header), "invalid_request");
}

TEST(ClientAllowsGrant, EmptyRegistrationAllowsAll) {
  common::ClientConfig c;
  EXPECT_TRUE(client_allows_grant(c, "client_credentials"));
  c.grant_types = {"authorization_code"};
  EXPECT_TRUE(client_allows_grant(c, "authorization_code"));
  EXPECT_FALSE(client_allows_grant(c, "refresh_token"));
}

}  // namespace
}  // namespace oauthsim::authz::testing
