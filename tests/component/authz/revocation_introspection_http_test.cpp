#include <gmock/gmock.h>

#include "component/authz/authz_server_fixture.h"

namespace oauthsim::authz::testing {
namespace {

class RevocationIntrospectionHttpTest : public AuthzServerTest {
 protected:
  void SetUp() override {
    AuthzServerTest::SetUp();
    tokens = json_of(exchange(obtain_code()));
  }
  std::string at() const { return tokens["access_token"]; }
  std::string rt() const { return tokens["refresh_token"]; }
  httplib::Result revoke(const std::string& token, const std::string& hint = "") {
    common::Params form{
        {"token", token}, {"client_id", "acme-ats"}, {"client_secret", "acme-secret"}};
    if (!hint.empty()) form.add("token_type_hint", hint);
    return post_form("/identity/oauth/revoke", form);
  }
  nlohmann::json tokens;
};

TEST_F(RevocationIntrospectionHttpTest, ResourceServerIntrospectionReturnsTheAgreedFields) {
  auto res = introspect(at());
  ASSERT_EQ(res->status, 200);
  const auto body = json_of(res);
  EXPECT_EQ(body["active"], true);
  EXPECT_EQ(body["scope"], "user_me_read");
  EXPECT_EQ(body["client_id"], "acme-ats");
  EXPECT_EQ(body["username"], "alice@example.com");
  EXPECT_EQ(body["sub"], "alice@example.com");
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["iat"], clock.now_seconds());
  EXPECT_EQ(body["exp"], clock.now_seconds() + 1800);
  EXPECT_TRUE(body["grant_id"].is_string());
  EXPECT_EQ(trace.entries().back().from, common::party::kResourceServer);
}

TEST_F(RevocationIntrospectionHttpTest, ExpiredTokenIntrospectsInactive) {
  clock.advance_seconds(1800);
  EXPECT_EQ(json_of(introspect(at())), nlohmann::json({{"active", false}}));
}

TEST_F(RevocationIntrospectionHttpTest, ClientSeesOnlyItsOwnTokens) {
  EXPECT_EQ(json_of(introspect(at(), "acme-ats", "acme-secret"))["active"], true);
  EXPECT_EQ(json_of(introspect(at(), "globex-hr", "globex-secret")),
            nlohmann::json({{"active", false}}));
}

TEST_F(RevocationIntrospectionHttpTest, UnauthenticatedIntrospectionIs401) {
  auto res = post_form("/identity/oauth/introspect", {{"token", at()}});
  EXPECT_EQ(res->status, 401);
  auto wrong = introspect(at(), "sr-customer-api", "guess");
  EXPECT_EQ(wrong->status, 401);
}

TEST_F(RevocationIntrospectionHttpTest, RevokingAccessTokenIsSeenAtOnce) {
  ASSERT_EQ(revoke(at(), "access_token")->status, 200);
  EXPECT_EQ(json_of(introspect(at()))["active"], false);
  EXPECT_EQ(refresh(rt())->status, 200);
}

TEST_F(RevocationIntrospectionHttpTest, RevokingRefreshTokenRevokesTheGrant) {
  ASSERT_EQ(revoke(rt(), "refresh_token")->status, 200);
  EXPECT_EQ(json_of(introspect(at()))["active"], false);
  EXPECT_EQ(json_of(refresh(rt()))["error"], "invalid_grant");
}

TEST_F(RevocationIntrospectionHttpTest, UnknownTokenRevocationIs200) {
  EXPECT_EQ(revoke("never-issued")->status, 200);
}

TEST_F(RevocationIntrospectionHttpTest, RevocationRequiresClientAuthentication) {
  auto res = post_form("/identity/oauth/revoke", {{"token", at()}});
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(json_of(introspect(at()))["active"], true);
}

}  // namespace
}  // namespace oauthsim::authz::testing
