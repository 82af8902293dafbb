// What each party shows or keeps at the end of a flow, beyond what the trace judges.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/runner/scenario_runner.h"
#include "oauthsim/scenario/world/world.h"

namespace oauthsim::scenario {
namespace {

UserScript alice(Decision d) {
  return {"alice@example.com", "wonderland", std::nullopt, d};
}

TEST(World, AllowEndsOnTheAppsConnectedPageWithTokensFromTheSharedClock) {
  World w;
  const BrowseResult r = w.user_agent().run_flow(w.connect_url(), alice(Decision::kAllow));
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.final_response.status, 200);
  EXPECT_NE(r.final_response.body.find("Connected as Alice Liddell"), std::string::npos)
      << r.final_response.body;
  EXPECT_EQ(r.login_attempts, 1);
  EXPECT_TRUE(r.consent_shown);
  const auto tokens = w.vendor_app().current_tokens();
  ASSERT_TRUE(tokens);
  EXPECT_FALSE(tokens->refresh_token.empty()) << "SR always sends a refresh token";
  EXPECT_EQ(tokens->expires_at_ms, w.clock().now_ms() + w.config().lifetimes.access_token * 1000);
  EXPECT_EQ(w.vendor_app().token_requests(), 1u);
}

// A world kept up for load (bench_flows_per_second) keeps its connections alive: the same
// flows, run back to back by fresh browsers, all end connected and are judged as before.
TEST(World, KeptAliveConnectionsCarryFlowAfterFlowAndTheFlowIsJudgedAsBefore) {
  for (const auto& spec : builtin_scenarios()) {
    if (spec.name != "allow") continue;
    MissionFlow flow = to_flow(spec);
    const auto configure = flow.configure;
    flow.configure = [configure](WorldOptions& o) {
      configure(o);
      o.connections = common::ConnectionReuse::kKeepAlive;
    };
    const FlowResult judged = run_mission_flow(flow);
    EXPECT_TRUE(judged.passed) << judged.error;
  }
  WorldOptions options;
  options.connections = common::ConnectionReuse::kKeepAlive;
  World w(options);
  for (int i = 0; i < 3; ++i) {
    UserAgent browser(w.direct_transport(), &w.clock());  // a fresh cookie jar, kept connections
    const BrowseResult r = browser.run_flow(w.connect_url(), alice(Decision::kAllow));
    ASSERT_FALSE(r.error) << *r.error;
    EXPECT_NE(r.final_response.body.find("Connected as Alice Liddell"), std::string::npos);
  }
  EXPECT_EQ(w.vendor_app().token_requests(), 3u);
  auto& kept = dynamic_cast<common::SocketHttpTransport&>(w.direct_transport());
  EXPECT_GE(kept.idle_connections(), 2u);  // the app's and the authorization server's
}

TEST(World, DenyShowsTheDenialAndMakesNoTokenRequest) {
  World w;
  const BrowseResult r = w.user_agent().run_flow(w.connect_url(), alice(Decision::kDeny));
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.final_response.status, 200);
  EXPECT_NE(r.final_response.body.find("denied"), std::string::npos) << r.final_response.body;
  EXPECT_EQ(w.vendor_app().token_requests(), 0u);
  EXPECT_FALSE(w.vendor_app().current_tokens());
}

TEST(World, WrongPasswordFirstShowsTheFormAgainThenSucceeds) {
  World w;
  UserScript script = alice(Decision::kAllow);
  script.wrong_password_first = "not-wonderland";
  const BrowseResult r = w.user_agent().run_flow(w.connect_url(), script);
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.login_attempts, 2);
  EXPECT_NE(r.final_response.body.find("Connected as Alice Liddell"), std::string::npos);
}

TEST(World, ExpiredAccessTokenIsRefreshedAndTheRotatedRefreshTokenKept) {
  WorldOptions o;
  o.refresh_ahead = false;
  World w(o);
  ASSERT_FALSE(w.user_agent().run_flow(w.connect_url(), alice(Decision::kAllow)).error);
  const auto before = *w.vendor_app().current_tokens();
  w.clock().advance_seconds(w.config().lifetimes.access_token + 1);
  const BrowseResult r = w.user_agent().get(w.action_url("/users/me"));
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.final_response.status, 200) << r.final_response.body;
  const auto after = *w.vendor_app().current_tokens();
  EXPECT_NE(after.access_token, before.access_token);
  EXPECT_NE(after.refresh_token, before.refresh_token) << "SR rotates refresh tokens";
  EXPECT_EQ(w.vendor_app().token_requests(), 2u);  // the code, then one refresh
}

TEST(World, DeletedUserBreaksTheGrant) {
  World w;
  ASSERT_FALSE(w.user_agent().run_flow(w.connect_url(), alice(Decision::kAllow)).error);
  ASSERT_TRUE(w.authorization_server().delete_user("alice@example.com"));
  const auto tokens = *w.vendor_app().current_tokens();
  EXPECT_FALSE(w.authorization_server().verifier().verify(tokens.access_token).active);
}

TEST(World, TokenEndpointAnswersOnTheCustomerApiHostTooWithTheSameStoreAndTrace) {
  World w;
  const auto& client = w.client_registration();
  // SR's current docs post to api.smartrecruiters.com: the Customer API's host.
  auto r = w.direct_transport().send(
      common::HttpRequest::post_form(w.resource_server().base_url() + "/identity/oauth/token",
                                     {{"grant_type", "client_credentials"},
                                      {"client_id", client.client_id},
                                      {"client_secret", client.client_secret},
                                      {"scope", "jobs_read"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto token = nlohmann::json::parse(r.body)["access_token"].get<std::string>();
  EXPECT_TRUE(w.authorization_server().verifier().verify(token).active)
      << "issued into the authorization server's own store";
  auto wrong = w.direct_transport().send(
      common::HttpRequest::post_form(w.resource_server().base_url() + "/identity/oauth/token",
                                     {{"grant_type", "client_credentials"},
                                      {"client_id", client.client_id},
                                      {"client_secret", "not-the-secret"}}));
  EXPECT_EQ(wrong.status, 401) << "the same client authentication, RFC 6749 5.2 errors";
  EXPECT_EQ(nlohmann::json::parse(wrong.body)["error"], "invalid_client");
  w.resource_server().stop();
  int traced = 0;
  for (const auto& e : w.trace().entries()) {
    if (e.path != "/identity/oauth/token") continue;
    ++traced;
    EXPECT_EQ(e.observer, common::party::kAuthorizationServer);
    EXPECT_EQ(e.to, common::party::kAuthorizationServer);
    EXPECT_EQ(e.to_json().dump().find(client.client_secret), std::string::npos);
  }
  EXPECT_EQ(traced, 2);
}

}  // namespace
}  // namespace oauthsim::scenario
