#include <chrono>
#include <string>
#include <thread>

#include "vendor_app_fixture.h"

namespace oauthsim::client::testing {
namespace {

TEST_F(VendorAppTest, HomePageLinksToConnect) {
  auto res = get("/");
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("href=\"/connect\""), std::string::npos);
}

TEST_F(VendorAppTest, ConnectRedirectsToAuthorizationEndpointWithSessionCookie) {
  auto res = get("/connect");
  ASSERT_EQ(res->status, 302);
  const std::string location = res->get_header_value("Location");
  EXPECT_EQ(location.rfind(sr.base_url() + "/identity/oauth/allow?", 0), 0u) << location;
  auto q = common::parse_url(location)->query_params();
  EXPECT_EQ(q.get("client_id"), "acme-ats");
  EXPECT_EQ(q.get("redirect_uri"), app->base_url() + "/callback");
  EXPECT_EQ(q.get("scope"), "user_me_read");
  EXPECT_GE(q.get_or("state", "").size(), 22u);
  const std::string set_cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(set_cookie.rfind("vendor_session=", 0), 0u);
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
}

TEST_F(VendorAppTest, AllowedCallbackExchangesCodeAndGreetsTheUser) {
  const std::string state = connect();
  auto res = get(callback({{"code", "the-code"}, {"state", state}}));
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("Connected as Alice Liddell"), std::string::npos) << res->body;
  EXPECT_EQ(app->token_requests(), 1u);
  auto form = sr.last_token_form();
  EXPECT_EQ(form.get("code"), "the-code");
  EXPECT_EQ(form.get("redirect_uri"), app->base_url() + "/callback");
  auto tokens = app->current_tokens();
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens->access_token, "at-1");
  EXPECT_EQ(tokens->refresh_token, "rt-1");
}

TEST_F(VendorAppTest, DeniedCallbackShowsDenialAndMakesNoTokenRequest) {
  const std::string state = connect();
  auto res = get(callback({{"error", "access_denied"},
                           {"error_description", "The user <denied> access"},
                           {"state", state}}));
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("Access was denied"), std::string::npos);
  EXPECT_NE(res->body.find("&lt;denied&gt;"), std::string::npos) << "page text must be escaped";
  EXPECT_EQ(app->token_requests(), 0u);
  EXPECT_EQ(sr.token_requests(), 0);
  EXPECT_FALSE(app->current_tokens());
}

TEST_F(VendorAppTest, WrongStateIsRefusedWithoutTokenRequest) {
  const std::string state = connect();
  auto res = get(callback({{"code", "planted"}, {"state", "not-" + state}}));
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("state mismatch"), std::string::npos);
  EXPECT_EQ(app->token_requests(), 0u);
}

TEST_F(VendorAppTest, ForgedCallbackDoesNotCancelTheRealFlow) {
  const std::string state = connect();
  EXPECT_EQ(get(callback({{"code", "planted"}, {"state", "forged"}}))->status, 400);
  EXPECT_EQ(get(callback({{"code", "real"}, {"state", state}}))->status, 200);
}

TEST_F(VendorAppTest, CallbackWithoutSessionIsAStateMismatch) {
  auto res = get(callback({{"code", "c"}, {"state", "s"}}));
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("state mismatch"), std::string::npos);
  EXPECT_EQ(app->token_requests(), 0u);
}

TEST_F(VendorAppTest, ReplayedCallbackIsRefusedWithoutSecondTokenRequest) {
  const std::string state = connect();
  ASSERT_EQ(get(callback({{"code", "c1"}, {"state", state}}))->status, 200);
  auto res = get(callback({{"code", "c1"}, {"state", state}}));
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(app->token_requests(), 1u);
}

TEST_F(VendorAppTest, OtherAuthorizationErrorIsA400NamingIt) {
  const std::string state = connect();
  auto res = get(callback({{"error", "invalid_scope"}, {"state", state}}));
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("invalid_scope"), std::string::npos);
  EXPECT_EQ(app->token_requests(), 0u);
}

TEST_F(VendorAppTest, RefusedCodeIsA502NamingTheOAuthError) {
  sr.refuse_tokens_with("invalid_grant");
  const std::string state = connect();
  auto res = get(callback({{"code", "stale"}, {"state", state}}));
  EXPECT_EQ(res->status, 502);
  EXPECT_NE(res->body.find("invalid_grant"), std::string::npos);
  EXPECT_EQ(res->body.find("stale"), std::string::npos) << "the code must not be shown";
  EXPECT_FALSE(app->current_tokens());
}

TEST_F(VendorAppTest, ActionWithoutSessionIsNotConnected) {
  auto res = get("/action?path=/users/me");
  EXPECT_EQ(res->status, 409);
  EXPECT_NE(res->body.find("not connected"), std::string::npos);
}

TEST_F(VendorAppTest, ActionCallsTheApiWithTheSessionTokens) {
  const std::string state = connect();
  ASSERT_EQ(get(callback({{"code", "c"}, {"state", state}}))->status, 200);
  auto res = get("/action?path=/jobs");
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("answered <span id=\"status\">200</span>"), std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("totalFound"), std::string::npos);
}

TEST_F(VendorAppTest, ActionRefreshesOn401AndKeepsTheRotatedRefreshToken) {
  const std::string state = connect();
  ASSERT_EQ(get(callback({{"code", "c"}, {"state", state}}))->status, 200);
  sr.revoke_issued_access_tokens();
  auto res = get("/action?path=/users/me");
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("Liddell"), std::string::npos);
  EXPECT_EQ(app->token_requests(), 2u);
  EXPECT_EQ(sr.last_token_form().get("refresh_token"), "rt-1");
  auto tokens = app->current_tokens();
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens->access_token, "at-2");
  EXPECT_EQ(tokens->refresh_token, "rt-2");
}

TEST_F(VendorAppTest, ActionRefreshesFirstWhenTheClockSaysExpired) {
  const std::string state = connect();
  ASSERT_EQ(get(callback({{"code", "c"}, {"state", state}}))->status, 200);
  clock.advance_seconds(1801);
  EXPECT_EQ(get("/action?path=/users/me")->status, 200);
  EXPECT_EQ(app->token_requests(), 2u);
  EXPECT_EQ(app->current_tokens()->refresh_token, "rt-2");
}

TEST_F(VendorAppTest, ActionPathMustBeAbsoluteOnTheApi) {
  const std::string state = connect();
  ASSERT_EQ(get(callback({{"code", "c"}, {"state", state}}))->status, 200);
  EXPECT_EQ(get("/action?path=users/me")->status, 400);
  EXPECT_EQ(get("/action?path=//evil.example/x")->status, 400);
}

TEST_F(VendorAppTest, ServedExchangesAreTracedAsUserAgentToClient) {
  connect();
  // The server records an exchange after the answer is on the wire, so the browser may see
  // the answer first; wait (bounded, no sleep) for the entry.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (trace.size() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  auto entries = trace.entries();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().from, common::party::kUserAgent);
  EXPECT_EQ(entries.back().to, common::party::kClient);
  EXPECT_EQ(entries.back().path, "/connect");
  EXPECT_EQ(entries.back().status, 302);
}

}  // namespace
}  // namespace oauthsim::client::testing
