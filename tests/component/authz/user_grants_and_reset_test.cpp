// AuthorizationServer::revoke_user_grants and reset(), observed over HTTP.
#include <gtest/gtest.h>

#include "component/authz/authz_server_fixture.h"
#include "oauthsim/common/fault_injector.h"

namespace oauthsim::authz::testing {
namespace {

class UserGrantsAndResetTest : public AuthzServerTest {
 protected:
  nlohmann::json tokens_for(const std::string& user, const std::string& password) {
    auto decided = decide(reach_consent({{"state", "s"}}, user, password), "allow");
    EXPECT_EQ(decided->status, 302);
    auto res = exchange(location_params(decided).get_or("code", ""));
    EXPECT_EQ(res->status, 200) << res->body;
    return json_of(res);
  }
  bool active(const nlohmann::json& tokens) {
    return json_of(introspect(tokens.at("access_token"))).value("active", false);
  }
};

TEST_F(UserGrantsAndResetTest, RevokingAUsersGrantsKillsTheirTokensOnly) {
  const auto alice = tokens_for("alice@example.com", "wonderland");
  const auto bob = tokens_for("bob@example.com", "builder");
  const auto revoked = server->revoke_user_grants("alice@example.com");
  ASSERT_TRUE(revoked);
  EXPECT_EQ(*revoked, 1u);
  EXPECT_FALSE(active(alice));
  EXPECT_EQ(json_of(refresh(alice.at("refresh_token"))).value("error", ""), "invalid_grant");
  EXPECT_TRUE(active(bob));
  EXPECT_EQ(refresh(bob.at("refresh_token"))->status, 200);
}

TEST_F(UserGrantsAndResetTest, RevokingGrantsOfAnUnknownUserSaysSo) {
  EXPECT_FALSE(server->revoke_user_grants("mallory@example.com"));
  server->delete_user("bob@example.com");
  EXPECT_FALSE(server->revoke_user_grants("bob@example.com"));
}

TEST_F(UserGrantsAndResetTest, RevokedUserCanGrantAgain) {
  tokens_for("alice@example.com", "wonderland");
  server->revoke_user_grants("alice@example.com");
  EXPECT_TRUE(active(tokens_for("alice@example.com", "wonderland")));
}

TEST_F(UserGrantsAndResetTest, ResetForgetsTokensCodesAndSessions) {
  const auto tokens = tokens_for("alice@example.com", "wonderland");
  const std::string unredeemed = obtain_code();
  const auto screen = reach_consent();  // a logged-in session and a pending request
  server->reset();
  // The session is gone: the same browser is asked to log in again, not shown the consent form.
  auto again = get(authorize_path({{"state", "st-2"}}), screen.cookie);
  EXPECT_EQ(again->status, 200);
  EXPECT_NE(again->body.find("name=\"password\""), std::string::npos) << again->body;
  EXPECT_EQ(again->body.find("name=\"decision\""), std::string::npos) << again->body;
  EXPECT_FALSE(active(tokens));
  EXPECT_EQ(json_of(refresh(tokens.at("refresh_token"))).value("error", ""), "invalid_grant");
  EXPECT_EQ(json_of(exchange(unredeemed)).value("error", ""), "invalid_grant");
  // The pending request and its consent form are gone: deciding does not issue a code.
  auto decided = decide(screen, "allow");
  EXPECT_TRUE(location_params(decided).get_or("code", "").empty())
      << decided->status << " " << decided->get_header_value("Location");
}

TEST_F(UserGrantsAndResetTest, ResetRestoresDeletedUsersAndClearsFaults) {
  ASSERT_TRUE(server->delete_user("bob@example.com"));
  common::InjectedFault fault;
  fault.path = "/identity/oauth/token";
  fault.status = 503;
  server->faults().add(fault);
  server->reset();
  EXPECT_TRUE(server->faults().pending().empty());
  EXPECT_TRUE(active(tokens_for("bob@example.com", "builder")));
}

}  // namespace
}  // namespace oauthsim::authz::testing
