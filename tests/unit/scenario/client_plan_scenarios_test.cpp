// The client test plan as scenario data: the call_api "api_fails" key read strictly, the plan's
// tag, and the refusal of what an external client cannot be asked to do.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "oauthsim/scenario/runner/check_client.h"
#include "oauthsim/scenario/runner/external_client_rules.h"
#include "oauthsim/scenario/runner/scenario_file.h"

namespace oauthsim::scenario {
namespace {

ScenarioSpec parse_one(const std::string& text) {
  return parse_scenario_text(text, "dir/s.json").front();
}

std::string error_of(const std::string& text) {
  try {
    parse_scenario_text(text, "dir/s.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(ApiFailsKey, IsReadWithStatusAndRetryAfter) {
  const auto spec = parse_one(
      R"({"name": "s", "actions": [{"do": "call_api", "path": "/jobs",
          "api_fails": {"status": 429, "retry_after": 60}}]})");
  ASSERT_TRUE(spec.actions.front().api_fails.has_value());
  EXPECT_EQ(spec.actions.front().api_fails->status, 429);
  EXPECT_EQ(spec.actions.front().api_fails->retry_after, 60);
}

TEST(ApiFailsKey, RefusesAStatusThatIsNeither429Nor5xx) {
  const std::string message = error_of(
      R"({"name": "s", "actions": [{"do": "call_api", "path": "/jobs",
          "api_fails": {"status": 404}}]})");
  EXPECT_NE(message.find("/actions/0/api_fails/status"), std::string::npos) << message;
}

TEST(ApiFailsKey, RefusesAMissingStatusAndUnknownKeys) {
  EXPECT_NE(error_of(R"({"name": "s", "actions": [{"do": "call_api", "path": "/jobs",
                         "api_fails": {}}]})")
                .find("/actions/0/api_fails/status: required"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"name": "s", "actions": [{"do": "call_api", "path": "/jobs",
                         "api_fails": {"status": 503, "times": 2}}]})")
                .find("/actions/0/api_fails/times"),
            std::string::npos);
}

TEST(ClientTestPlan, EveryPlanScenarioRunsAgainstAnExternalClient) {
  const auto plan = client_test_plan();
  ASSERT_GE(plan.size(), 7u);
  for (const auto& spec : plan) {
    EXPECT_EQ(external_client_refusal(spec), std::nullopt) << spec.name;
    EXPECT_NE(std::find(spec.tags.begin(), spec.tags.end(), kClientTestPlanTag), spec.tags.end());
  }
}

TEST(ExternalClientRefusal, NamesTheActionAndWhy) {
  const auto spec =
      parse_one(R"({"name": "s", "actions": [{"do": "connect"}, {"do": "replay_code"}]})");
  const auto why = external_client_refusal(spec);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("scenario s"), std::string::npos) << *why;
  EXPECT_NE(why->find("action 2: replay_code"), std::string::npos) << *why;
}

TEST(ExternalClientRefusal, RefusesBackChannelFaultsAndPostCalls) {
  EXPECT_TRUE(external_client_refusal(parse_one(
      R"({"name": "s", "faults": [{"at": "token_request", "kind": "drop_client_authentication"}]})")));
  EXPECT_TRUE(external_client_refusal(parse_one(
      R"({"name": "s", "actions": [{"do": "call_api", "method": "POST", "path": "/candidates"}]})")));
}

TEST(ExternalClientRefusal, AcceptsFrontChannelAndServerFaults) {
  EXPECT_FALSE(external_client_refusal(parse_one(
      R"({"name": "s", "actions": [{"do": "connect"}, {"do": "advance_clock", "seconds": 5},
          {"do": "delete_user"}],
          "faults": [{"at": "redirect_back", "kind": "drop_state"},
                     {"at": "token_endpoint", "kind": "answer", "status": 503}]})")));
}

TEST(ClientTestPlan, ARefusedTlsHandshakeNeedsHttps) {
  EXPECT_TRUE(needs_tls(parse_one(
      R"({"name": "s", "faults": [{"at": "token_endpoint", "kind": "tls_handshake_refused"}]})")));
  EXPECT_TRUE(needs_tls(parse_one(R"({"name": "s", "world": {"tls": {}}})")));
  EXPECT_FALSE(needs_tls(parse_one(
      R"({"name": "s", "faults": [{"at": "token_endpoint", "kind": "empty_json_200"}]})")));
}

// Over plain http the TLS scenario cannot apply: it is left out, and says why, not passed.
TEST(ClientTestPlan, OverPlainHttpTheTlsScenarioIsLeftOutSayingWhy) {
  CheckClientOptions options;
  options.client.action_url = "http://127.0.0.1:1/action";
  std::vector<std::string> left_out;
  const auto plan = selected_plan(options, &left_out);
  EXPECT_TRUE(std::none_of(plan.begin(), plan.end(), [](const ScenarioSpec& s) {
    return s.name == "client_plan_tls_refused";
  }));
  ASSERT_EQ(left_out.size(), 1u);
  EXPECT_EQ(left_out[0].rfind("client_plan_tls_refused: it needs https (--tls)", 0), 0u)
      << left_out[0];
  options.server_tls = common::TlsServerOptions{};
  left_out.clear();
  const auto over_https = selected_plan(options, &left_out);
  EXPECT_TRUE(left_out.empty());
  EXPECT_TRUE(std::any_of(over_https.begin(), over_https.end(), [](const ScenarioSpec& s) {
    return s.name == "client_plan_tls_refused";
  }));
}

}  // namespace
}  // namespace oauthsim::scenario
