// GET/DELETE /_oauthsim/trace, the users' routes and POST /_oauthsim/reset.
#include <gtest/gtest.h>

#include "control_fixture.h"

namespace oauthsim::control::testing {
namespace {

using nlohmann::json;

TEST_F(ControlApiTest, TraceListsThePartiesExchangesButNoControlCall) {
  call("GET", "/_oauthsim/clock");
  const auto tokens = alice_tokens();
  post_json("/_oauthsim/clock/advance", {{"seconds", 1}});
  api_get("/users/me", tokens.at("access_token"));
  auto res = call("GET", "/_oauthsim/trace");
  ASSERT_EQ(res->status, 200);
  const auto entries = json_of(res).at("entries");
  ASSERT_FALSE(entries.empty());
  bool saw_token = false, saw_api = false;
  for (const auto& e : entries) {
    const std::string path = e.value("path", "");
    EXPECT_NE(path.rfind("/_oauthsim", 0), 0u) << "control call traced: " << e;
    saw_token = saw_token || path == "/identity/oauth/token";
    saw_api = saw_api || path == "/users/me";
  }
  EXPECT_TRUE(saw_token);
  EXPECT_TRUE(saw_api);
  // Already redacted: the token itself never appears.
  EXPECT_EQ(res->body.find(tokens.at("access_token").get<std::string>()), std::string::npos);
}

TEST_F(ControlApiTest, DeleteTraceClearsIt) {
  alice_tokens();
  ASSERT_GT(trace.size(), 0u);
  auto res = call("DELETE", "/_oauthsim/trace");
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(trace.size(), 0u);
  EXPECT_TRUE(json_of(call("GET", "/_oauthsim/trace")).at("entries").empty());
}

TEST_F(ControlApiTest, RevokeGrantsStopsTheUsersAccessAndRefreshTokens) {
  const auto tokens = alice_tokens();
  auto res = call("POST", "/_oauthsim/users/alice@example.com/revoke-grants");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json_of(res).at("revoked_grants"), 1);
  EXPECT_EQ(api_get("/users/me", tokens.at("access_token"))->status, 401);
  auto refreshed = refresh(tokens.at("refresh_token"));
  EXPECT_EQ(refreshed->status, 400);
  EXPECT_EQ(json_of(refreshed).value("error", ""), "invalid_grant");
}

TEST_F(ControlApiTest, UsersRoutesAnswer404ForAnUnknownUser) {
  auto revoke = call("POST", "/_oauthsim/users/nobody@example.com/revoke-grants");
  EXPECT_EQ(revoke->status, 404);
  EXPECT_NE(description_of(revoke).find("nobody@example.com"), std::string::npos);
  EXPECT_EQ(call("DELETE", "/_oauthsim/users/nobody@example.com")->status, 404);
}

TEST_F(ControlApiTest, DeletingTheUserBreaksTheirGrant) {
  const auto tokens = alice_tokens();
  auto res = call("DELETE", "/_oauthsim/users/alice@example.com");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json_of(res).at("deleted"), true);
  EXPECT_EQ(api_get("/users/me", tokens.at("access_token"))->status, 401);
  EXPECT_EQ(json_of(refresh(tokens.at("refresh_token"))).value("error", ""), "invalid_grant");
  EXPECT_EQ(call("DELETE", "/_oauthsim/users/alice@example.com")->status, 404)
      << "a deleted user is gone";
}

TEST_F(ControlApiTest, ResetForgetsGrantsRestoresUsersClearsFaultsAndTraceButKeepsTheClock) {
  const auto tokens = alice_tokens();
  ASSERT_EQ(call("DELETE", "/_oauthsim/users/bob@example.com")->status, 200);
  post_json("/_oauthsim/faults", {{"server", "resource_server"}, {"path", "/jobs"}});
  post_json("/_oauthsim/faults", {{"server", "authorization_server"}, {"path", "/x"}});
  post_json("/_oauthsim/clock/advance", {{"seconds", 5}});
  const auto now = clock.now_ms();

  auto res = call("POST", "/_oauthsim/reset");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(clock.now_ms(), now);
  EXPECT_EQ(trace.size(), 0u);
  EXPECT_TRUE(json_of(call("GET", "/_oauthsim/faults")).at("faults").empty());
  EXPECT_EQ(api_get("/users/me", tokens.at("access_token"))->status, 401);
  EXPECT_EQ(json_of(introspect(tokens.at("access_token"))).at("active"), false);
  EXPECT_EQ(json_of(refresh(tokens.at("refresh_token"))).value("error", ""), "invalid_grant");
  // Bob is back: he can log in and complete a flow.
  auto decided = decide(reach_consent({{"state", "s"}}, "bob@example.com", "builder"), "allow");
  ASSERT_EQ(decided->status, 302);
  auto bob = exchange(location_params(decided).get_or("code", ""));
  EXPECT_EQ(bob->status, 200) << bob->body;
}

}  // namespace
}  // namespace oauthsim::control::testing
