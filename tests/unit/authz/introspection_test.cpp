#include "oauthsim/authz/introspection.h"

#include <gmock/gmock.h>

#include "mocks/mock_token_verifier.h"
#include "oauthsim/common/oauth_error.h"
#include "unit/authz/test_config.h"

namespace oauthsim::authz {
namespace {

using ::testing::Return;

class IntrospectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    info.active = true;
    info.client_id = "acme-ats";
    info.username = "alice@example.com";
    info.scope = "user_me_read";
    info.exp = 2000;
    info.iat = 200;
    info.grant_id = "g-1";
    ON_CALL(verifier, verify(::testing::_)).WillByDefault(Return(info));
  }
  nlohmann::json as(const std::string& id, const std::string& secret) {
    return introspect_token(config, verifier,
                            {{"token", "tok"}, {"client_id", id}, {"client_secret", secret}},
                            std::nullopt)
        .body;
  }
  common::Config config = testing::test_config();
  ::testing::NiceMock<oauthsim::testing::MockTokenVerifier> verifier;
  common::TokenInfo info;
};

TEST_F(IntrospectionTest, ResourceServerSeesEveryField) {
  const auto body = as(config.resource_server.client_id, config.resource_server.client_secret);
  EXPECT_EQ(body["active"], true);
  EXPECT_EQ(body["scope"], "user_me_read");
  EXPECT_EQ(body["client_id"], "acme-ats");
  EXPECT_EQ(body["username"], "alice@example.com");
  EXPECT_EQ(body["sub"], "alice@example.com");
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["exp"], 2000);
  EXPECT_EQ(body["iat"], 200);
  EXPECT_EQ(body["grant_id"], "g-1");
}

TEST_F(IntrospectionTest, OwningClientMayIntrospect) {
  EXPECT_EQ(as("acme-ats", "acme-secret")["active"], true);
}

TEST_F(IntrospectionTest, OtherClientLearnsOnlyInactive) {
  const auto body = as("pkce-app", "pkce-secret");
  EXPECT_EQ(body, nlohmann::json({{"active", false}}));
}

TEST_F(IntrospectionTest, WrongResourceServerSecretIsInvalidClient) {
  try {
    as(config.resource_server.client_id, "guess");
    FAIL() << "no error";
  } catch (const common::OAuthError& e) {
    EXPECT_EQ(e.error(), "invalid_client");
    EXPECT_EQ(e.status(), 401);
  }
}

TEST_F(IntrospectionTest, InactiveTokenHasOnlyTheActiveField) {
  EXPECT_CALL(verifier, verify(::testing::_)).WillOnce(Return(common::TokenInfo{}));
  EXPECT_EQ(as(config.resource_server.client_id, config.resource_server.client_secret),
            nlohmann::json({{"active", false}}));
}

TEST_F(IntrospectionTest, ClientCredentialsTokenHasClientAsSubjectAndNoUsername) {
  info.username.clear();
  EXPECT_CALL(verifier, verify(::testing::_)).WillOnce(Return(info));
  const auto body = as(config.resource_server.client_id, config.resource_server.client_secret);
  EXPECT_EQ(body["sub"], "acme-ats");
  EXPECT_FALSE(body.contains("username"));
}

TEST_F(IntrospectionTest, BoundTokenCarriesItsCertificateConfirmation) {
  info.certificate_thumbprint = "x5t-of-the-client-cert";
  EXPECT_CALL(verifier, verify(::testing::_)).WillOnce(Return(info));
  const auto body = as(config.resource_server.client_id, config.resource_server.client_secret);
  EXPECT_EQ(body["cnf"], nlohmann::json({{"x5t#S256", "x5t-of-the-client-cert"}}));
}

TEST_F(IntrospectionTest, BearerTokenHasNoConfirmation) {
  EXPECT_FALSE(
      as(config.resource_server.client_id, config.resource_server.client_secret).contains("cnf"));
}

}  // namespace
}  // namespace oauthsim::authz
