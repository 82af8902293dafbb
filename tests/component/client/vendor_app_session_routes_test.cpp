// POST /action, POST /refresh and POST /revoke of the vendor app.
#include <string>

#include "support/text.h"
#include "vendor_app_fixture.h"

namespace oauthsim::client::testing {
namespace {

using test_support::contains;

TEST_F(VendorAppTest, PostActionSendsTheJsonBodyToTheApiAsPost) {
  connect_and_allow();
  const std::string body = R"({"firstName":"Ada","lastName":"Lovelace"})";
  auto res = post("/action", {{"path", "/candidates"}, {"body", body}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "answered <span id=\"status\">201</span>")) << res->body;
  EXPECT_TRUE(contains(res->body, "POST /candidates"));
  const auto received = sr.last_candidate();
  EXPECT_EQ(received.method, "POST");
  EXPECT_EQ(received.content_type, "application/json");
  EXPECT_EQ(received.body, body);
}

TEST_F(VendorAppTest, PostActionWithMethodGetReadsTheApi) {
  connect_and_allow();
  auto res = post("/action", {{"path", "/jobs"}, {"method", "GET"}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "totalFound"));
}

TEST_F(VendorAppTest, PostActionWithoutPathIs400) {
  connect_and_allow();
  auto res = post("/action", {{"body", "{}"}});
  EXPECT_EQ(res->status, 400);
  EXPECT_TRUE(contains(res->body, "path is missing")) << res->body;
}

TEST_F(VendorAppTest, PostActionRejectsBadPathMethodAndBody) {
  connect_and_allow();
  EXPECT_EQ(post("/action", {{"path", "//evil.example/x"}})->status, 400);
  EXPECT_EQ(post("/action", {{"path", "/candidates"}, {"method", "DELETE"}})->status, 400);
  EXPECT_EQ(post("/action", {{"path", "/candidates"}, {"body", "{not json"}})->status, 400);
  EXPECT_EQ(post("/action", {{"path", "/jobs"}, {"method", "GET"}, {"body", "{}"}})->status, 400);
  EXPECT_EQ(sr.last_candidate().method, "") << "nothing reached the API";
}

TEST_F(VendorAppTest, PostActionWithMalformedFormIs400) {
  connect_and_allow();
  httplib::Headers headers{{"Cookie", cookie}};
  auto res = browser->Post("/action", headers, "{\"path\":\"/jobs\"}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

TEST_F(VendorAppTest, PostActionWithoutSessionIsNotConnected) {
  auto res = post("/action", {{"path", "/candidates"}, {"body", "{}"}});
  EXPECT_EQ(res->status, 409);
  EXPECT_TRUE(contains(res->body, "not connected"));
}

TEST_F(VendorAppTest, RefreshReplacesTheSessionTokens) {
  connect_and_allow();
  auto res = post("/refresh", {});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "tokens refreshed"));
  EXPECT_EQ(sr.last_token_form().get("refresh_token"), "rt-1");
  auto tokens = app->current_tokens();
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens->access_token, "at-2");
  EXPECT_EQ(tokens->refresh_token, "rt-2");
  EXPECT_EQ(get("/action?path=/users/me")->status, 200);
}

TEST_F(VendorAppTest, RefreshRefusedWithInvalidGrantDropsTheTokens) {
  connect_and_allow();
  sr.refuse_tokens_with("invalid_grant");
  auto res = post("/refresh", {});
  EXPECT_EQ(res->status, 502);
  EXPECT_TRUE(contains(res->body, "tokens dropped, the user must connect again")) << res->body;
  EXPECT_FALSE(app->current_tokens());
  EXPECT_EQ(sr.token_requests(), 2) << "one code exchange, one refresh: no retry";
  EXPECT_EQ(get("/action?path=/users/me")->status, 409);
}

TEST_F(VendorAppTest, RefreshRefusedOtherwiseKeepsTheTokens) {
  connect_and_allow();
  sr.refuse_tokens_with("invalid_client");
  auto res = post("/refresh", {});
  EXPECT_EQ(res->status, 502);
  EXPECT_TRUE(contains(res->body, "invalid_client")) << res->body;
  ASSERT_TRUE(app->current_tokens());
  EXPECT_EQ(app->current_tokens()->refresh_token, "rt-1");
}

TEST_F(VendorAppTest, AutomaticRefreshRefusedWithInvalidGrantDropsTheTokens) {
  connect_and_allow();
  sr.revoke_issued_access_tokens();
  sr.refuse_tokens_with("invalid_grant");
  auto res = get("/action?path=/users/me");
  EXPECT_EQ(res->status, 502);
  EXPECT_TRUE(contains(res->body, "refresh refused: invalid_grant")) << res->body;
  EXPECT_FALSE(app->current_tokens());
  EXPECT_EQ(post("/action", {{"path", "/candidates"}, {"body", "{}"}})->status, 409);
}

TEST_F(VendorAppTest, RefreshWithoutSessionIsNotConnected) {
  EXPECT_EQ(post("/refresh", {})->status, 409);
  EXPECT_EQ(sr.token_requests(), 0);
}

TEST_F(VendorAppTest, RevokeRefreshTokenByDefaultDisconnects) {
  connect_and_allow();
  auto res = post("/revoke", {});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "refresh token revoked; disconnected"));
  auto form = sr.last_revocation_form();
  EXPECT_EQ(form.get("token"), "rt-1");
  EXPECT_EQ(form.get("token_type_hint"), "refresh_token");
  EXPECT_EQ(form.get("client_id"), "acme-ats");
  EXPECT_FALSE(app->current_tokens());
  EXPECT_EQ(get("/action?path=/users/me")->status, 409);
}

TEST_F(VendorAppTest, RevokeAccessTokenKeepsTheGrantAndTheNextCallRefreshes) {
  connect_and_allow();
  auto res = post("/revoke", {{"token", "access_token"}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "access token revoked"));
  EXPECT_EQ(sr.last_revocation_form().get("token"), "at-1");
  EXPECT_EQ(sr.last_revocation_form().get("token_type_hint"), "access_token");
  // The API now refuses at-1; the app refreshes with rt-1 and gets through.
  EXPECT_EQ(get("/action?path=/users/me")->status, 200);
  EXPECT_EQ(app->current_tokens()->access_token, "at-2");
}

TEST_F(VendorAppTest, RevokeUnknownTokenKindIs400WithoutARequest) {
  connect_and_allow();
  auto res = post("/revoke", {{"token", "id_token"}});
  EXPECT_EQ(res->status, 400);
  EXPECT_TRUE(contains(res->body, "access_token or refresh_token")) << res->body;
  EXPECT_EQ(sr.revocation_requests(), 0);
  EXPECT_TRUE(app->current_tokens());
}

TEST_F(VendorAppTest, RevokeRefusedIs502AndKeepsTheTokens) {
  connect_and_allow();
  sr.refuse_revocation_with("invalid_client");
  auto res = post("/revoke", {{"token", "refresh_token"}});
  EXPECT_EQ(res->status, 502);
  EXPECT_TRUE(contains(res->body, "invalid_client")) << res->body;
  EXPECT_FALSE(contains(res->body, "rt-1")) << "the token must not be shown";
  EXPECT_TRUE(app->current_tokens());
}

TEST_F(VendorAppTest, RevokeWithoutSessionIsNotConnected) {
  EXPECT_EQ(post("/revoke", {{"token", "access_token"}})->status, 409);
  EXPECT_EQ(sr.revocation_requests(), 0);
}

}  // namespace
}  // namespace oauthsim::client::testing
