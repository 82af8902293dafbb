#include "client_test_support.h"

namespace oauthsim::client::testing {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::InSequence;
using ::testing::Return;
using ::testing::SaveArg;
using Kind = ClientError::Kind;

MATCHER_P(IsApiCallWithToken, token, "") {
  return arg.url.rfind("http://127.0.0.1:7002/", 0) == 0 &&
         arg.headers.get("Authorization") == std::optional<std::string>("Bearer " + token);
}
MATCHER(IsTokenRequest, "") {
  return arg.url == "http://127.0.0.1:7001/identity/oauth/token";
}

common::HttpResponse unauthorized() {
  auto r = json_response(401, {{"error", "invalid_token"}, {"error_description", "expired"}});
  r.headers.add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  return r;
}

TEST_F(OAuthClientTest, ApiCallSendsBearerHeaderAndNeverTheTokenInTheUrl) {
  common::HttpRequest sent;
  EXPECT_CALL(transport, send(_))
      .WillOnce(DoAll(SaveArg<0>(&sent), Return(json_response(200, {{"id", "u1"}}))));
  auto tokens = live_tokens();
  auto answer = make_client().call_api("GET", "/users/me?x=1", tokens);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, "http://127.0.0.1:7002/users/me?x=1");
  EXPECT_EQ(sent.headers.get("Authorization"), "Bearer at-1");
  EXPECT_EQ(sent.url.find("at-1"), std::string::npos);
  EXPECT_TRUE(sent.body.empty());
}

TEST_F(OAuthClientTest, ApiCallWithJsonBodySetsContentType) {
  common::HttpRequest sent;
  EXPECT_CALL(transport, send(_))
      .WillOnce(DoAll(SaveArg<0>(&sent), Return(json_response(201, {{"id", "c1"}}))));
  auto tokens = live_tokens();
  auto answer = make_client().call_api("POST", "/candidates", tokens, R"({"firstName":"A"})");
  EXPECT_EQ(answer.status, 201);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.content_type, "application/json");
  EXPECT_EQ(sent.body, R"({"firstName":"A"})");
}

TEST_F(OAuthClientTest, On401RefreshesOnceRetriesOnceAndUpdatesTokens) {
  InSequence order;
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-1"))))
      .WillOnce(Return(unauthorized()));
  EXPECT_CALL(transport, send(IsTokenRequest())).WillOnce(Return(token_response("at-2", "rt-2")));
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-2"))))
      .WillOnce(Return(json_response(200, {{"id", "u1"}})));
  auto tokens = live_tokens();
  auto answer = make_client().call_api("GET", "/users/me", tokens);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(tokens.access_token, "at-2");
  EXPECT_EQ(tokens.refresh_token, "rt-2");
}

TEST_F(OAuthClientTest, SecondConsecutive401DoesNotLoop) {
  InSequence order;
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-1"))))
      .WillOnce(Return(unauthorized()));
  EXPECT_CALL(transport, send(IsTokenRequest())).WillOnce(Return(token_response("at-2", "rt-2")));
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-2"))))
      .WillOnce(Return(unauthorized()));
  auto tokens = live_tokens();
  try {
    make_client().call_api("GET", "/users/me", tokens);
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kApiUnauthorized);
    EXPECT_EQ(e.oauth_error(), "invalid_token");
  }
  EXPECT_EQ(tokens.refresh_token, "rt-2") << "the rotated token must be kept even on failure";
}

TEST_F(OAuthClientTest, TokenExpiredByTheClockIsRefreshedBeforeTheCall) {
  clock.advance_seconds(1800);
  InSequence order;
  EXPECT_CALL(transport, send(IsTokenRequest())).WillOnce(Return(token_response("at-2", "rt-2")));
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-2"))))
      .WillOnce(Return(json_response(200, {{"id", "u1"}})));
  auto tokens = live_tokens();
  tokens.expires_at_ms = clock.now_ms();
  EXPECT_EQ(make_client().call_api("GET", "/users/me", tokens).status, 200);
  EXPECT_EQ(tokens.access_token, "at-2");
}

TEST_F(OAuthClientTest, WithoutProactiveRefreshExpiredTokenIsSentAndThe401Refreshes) {
  auto s = test_settings();
  s.refresh_expired_before_call = false;
  auto tokens = live_tokens();
  clock.advance_seconds(1801);
  InSequence order;
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-1"))))
      .WillOnce(Return(unauthorized()));
  EXPECT_CALL(transport, send(IsTokenRequest())).WillOnce(Return(token_response("at-2", "rt-2")));
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-2"))))
      .WillOnce(Return(json_response(200, {{"id", "u1"}})));
  EXPECT_EQ(make_client(s).call_api("GET", "/users/me", tokens).status, 200);
  EXPECT_EQ(tokens.refresh_token, "rt-2");
}

TEST_F(OAuthClientTest, RefusedRefreshAfter401Surfaces) {
  InSequence order;
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-1"))))
      .WillOnce(Return(unauthorized()));
  EXPECT_CALL(transport, send(IsTokenRequest()))
      .WillOnce(Return(json_response(400, {{"error", "invalid_grant"}})));
  auto tokens = live_tokens();
  try {
    make_client().call_api("GET", "/users/me", tokens);
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kRefreshRefused);
  }
  EXPECT_EQ(tokens.access_token, "at-1");
}

TEST_F(OAuthClientTest, ForbiddenIsReturnedWithoutRefreshing) {
  EXPECT_CALL(transport, send(IsApiCallWithToken(std::string("at-1"))))
      .WillOnce(Return(json_response(403, {{"error", "insufficient_scope"}})));
  auto tokens = live_tokens();
  EXPECT_EQ(make_client().call_api("GET", "/jobs", tokens).status, 403);
}

TEST_F(OAuthClientTest, PathWithoutLeadingSlashIsRejectedWithoutARequest) {
  auto tokens = live_tokens();
  EXPECT_THROW(make_client().call_api("GET", "users/me", tokens), std::invalid_argument);
}

}  // namespace
}  // namespace oauthsim::client::testing
