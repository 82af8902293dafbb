#include <gtest/gtest.h>

#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/cli.h"

namespace oauthsim::client {
namespace {

AppOptions options() {
  AppOptions o;
  o.authz_url = "http://127.0.0.1:7001/";
  o.api_url = "http://127.0.0.1:7002";
  return o;
}

TEST(AppSettingsTest, FirstClientSecretAndFirstRedirectUriComeFromConfig) {
  auto config = common::default_config();
  auto s = settings_from_config(config, options());
  EXPECT_EQ(s.client_id, config.clients.front().client_id);
  EXPECT_EQ(s.client_secret, config.clients.front().client_secret);
  EXPECT_EQ(s.redirect_uri, config.clients.front().redirect_uris.front());
  EXPECT_EQ(s.authorization_endpoint, "http://127.0.0.1:7001/identity/oauth/allow");
  EXPECT_EQ(s.token_endpoint, "http://127.0.0.1:7001/identity/oauth/token");
  EXPECT_EQ(s.revocation_endpoint, "http://127.0.0.1:7001/identity/oauth/revoke");
  EXPECT_EQ(s.api_base_url, "http://127.0.0.1:7002");
  EXPECT_TRUE(s.scopes.empty());
  EXPECT_FALSE(s.use_pkce);
  EXPECT_EQ(s.auth_method, ClientAuthMethod::kClientSecretPost);
}

TEST(AppSettingsTest, ScopePkceAndBasicAuthOptionsApply) {
  auto o = options();
  o.scope = " user_me_read  jobs_read ";
  o.pkce = true;
  o.basic_auth = true;
  auto s = settings_from_config(common::default_config(), o);
  EXPECT_EQ(s.scopes, (std::vector<std::string>{"user_me_read", "jobs_read"}));
  EXPECT_TRUE(s.use_pkce);
  EXPECT_EQ(s.auth_method, ClientAuthMethod::kClientSecretBasic);
}

TEST(AppSettingsTest, UnknownClientIdIsAConfigErrorNamingIt) {
  auto o = options();
  o.client_id = "nobody";
  try {
    settings_from_config(common::default_config(), o);
    FAIL() << "expected ConfigError";
  } catch (const common::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("nobody"), std::string::npos);
  }
}

TEST(AppSettingsTest, ClientWithoutRedirectUriIsAConfigError) {
  auto config = common::default_config();
  config.clients.front().redirect_uris.clear();
  EXPECT_THROW(settings_from_config(config, options()), common::ConfigError);
}

TEST(AppSettingsTest, MalformedUrlIsAUsageError) {
  auto o = options();
  o.api_url = "not a url";
  EXPECT_THROW(settings_from_config(common::default_config(), o), common::UsageError);
}

}  // namespace
}  // namespace oauthsim::client

namespace oauthsim::client {
namespace {

TEST(ScopeListTest, JoinAndSplitRoundTrip) {
  const std::vector<std::string> scopes{"user_me_read", "jobs_read"};
  EXPECT_EQ(join_scopes(scopes), "user_me_read jobs_read");
  EXPECT_EQ(split_scopes(join_scopes(scopes)), scopes);
  EXPECT_EQ(join_scopes({}), "");
  EXPECT_TRUE(split_scopes("   ").empty());
}

TEST(AppSettingsTest, RegisteredAuthMethodChoosesHowTheClientAuthenticates) {
  EXPECT_EQ(auth_method_for(""), ClientAuthMethod::kClientSecretPost);
  EXPECT_EQ(auth_method_for("client_secret_post"), ClientAuthMethod::kClientSecretPost);
  EXPECT_EQ(auth_method_for("client_secret_basic"), ClientAuthMethod::kClientSecretBasic);
  EXPECT_EQ(auth_method_for("tls_client_auth"), ClientAuthMethod::kTlsClientAuth);
  EXPECT_EQ(auth_method_for("self_signed_tls_client_auth"),
            ClientAuthMethod::kSelfSignedTlsClientAuth);
}

TEST(AppSettingsTest, CertificateRegistrationIsKeptEvenWithBasicAuthOption) {
  auto config = common::default_config();
  config.clients.front().token_endpoint_auth_method = "tls_client_auth";
  auto o = options();
  EXPECT_EQ(settings_from_config(config, o).auth_method, ClientAuthMethod::kTlsClientAuth);
  o.basic_auth = true;
  EXPECT_EQ(settings_from_config(config, o).auth_method, ClientAuthMethod::kTlsClientAuth);
}

TEST(AppSettingsTest, BasicRegistrationIsFollowedWithoutTheOption) {
  auto config = common::default_config();
  config.clients.front().token_endpoint_auth_method = "client_secret_basic";
  EXPECT_EQ(settings_from_config(config, options()).auth_method,
            ClientAuthMethod::kClientSecretBasic);
}

}  // namespace
}  // namespace oauthsim::client
