#include "client_test_support.h"

namespace oauthsim::client::testing {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::Return;
using ::testing::SaveArg;
using Kind = ClientError::Kind;

TEST_F(OAuthClientTest, RefreshSendsRefreshGrantWithClientCredentials) {
  common::HttpRequest sent;
  EXPECT_CALL(transport, send(_))
      .WillOnce(DoAll(SaveArg<0>(&sent), Return(token_response("at-2", "rt-2"))));
  make_client().refresh(live_tokens());
  auto form = form_of(sent);
  EXPECT_EQ(form.get("grant_type"), "refresh_token");
  EXPECT_EQ(form.get("refresh_token"), "rt-1");
  EXPECT_EQ(form.get("client_id"), "acme-ats");
  EXPECT_EQ(form.get("client_secret"), "acme-secret");
  EXPECT_FALSE(form.has("code"));
}

TEST_F(OAuthClientTest, RefreshKeepsTheRotatedRefreshToken) {
  EXPECT_CALL(transport, send(_)).WillOnce(Return(token_response("at-2", "rt-2")));
  auto next = make_client().refresh(live_tokens());
  EXPECT_EQ(next.access_token, "at-2");
  EXPECT_EQ(next.refresh_token, "rt-2");
}

TEST_F(OAuthClientTest, RefreshWithoutNewRefreshTokenKeepsTheOldOne) {
  EXPECT_CALL(transport, send(_)).WillOnce(Return(token_response("at-2", "")));
  EXPECT_EQ(make_client().refresh(live_tokens()).refresh_token, "rt-1");
}

TEST_F(OAuthClientTest, RefreshComputesExpiryFromTheClockAtRefreshTime) {
  clock.advance_seconds(3600);
  EXPECT_CALL(transport, send(_)).WillOnce(Return(token_response("at-2", "rt-2", 1800)));
  auto next = make_client().refresh(live_tokens());
  EXPECT_EQ(next.expires_at_ms, clock.now_ms() + 1800 * 1000);
}

TEST_F(OAuthClientTest, RefreshWithoutRefreshTokenFailsWithoutARequest) {
  auto tokens = live_tokens();
  tokens.refresh_token.clear();
  try {
    make_client().refresh(tokens);
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kNoRefreshToken);
  }
}

TEST_F(OAuthClientTest, RefusedRefreshIsRefreshRefusedNamingTheError) {
  EXPECT_CALL(transport, send(_))
      .WillOnce(Return(json_response(
          400, {{"error", "invalid_grant"}, {"error_description", "Refresh token already used"}})));
  try {
    make_client().refresh(live_tokens());
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kRefreshRefused);
    EXPECT_EQ(e.oauth_error(), "invalid_grant");
    EXPECT_EQ(std::string(e.what()).find("rt-1"), std::string::npos);
  }
}

}  // namespace
}  // namespace oauthsim::client::testing
