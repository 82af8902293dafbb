// A scenario passes only for what was judged: a requested check that never applies fails it, and
// the server's side of a flow is judged too, so a server that stopped refusing would be caught.
#include <gtest/gtest.h>

#include <string>

#include "e2e/catalog_run.h"
#include "e2e/flow_explain.h"

namespace oauthsim::scenario {
namespace {

ScenarioSpec catalog_spec(const std::string& name) {
  for (auto& spec : builtin_scenarios()) {
    if (spec.name == name) return spec;
  }
  throw std::runtime_error("no built-in scenario " + name);
}

const CheckResult* verdict_of_check(const FlowResult& r, int step, std::string_view name) {
  for (const auto& c : r.steps.at(static_cast<std::size_t>(step - 1)).checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// Judges a recorded trace again, as the scenario would, after a test changed it: what the
// verdict would have been had a party answered otherwise.
FlowResult judged_again(const ScenarioSpec& spec, std::vector<common::TraceEntry> trace) {
  const MissionFlow flow = to_flow(spec);
  std::vector<const Check*> extras;
  for (const auto& c : flow.extra_checks) extras.push_back(c.get());
  const auto& clients = spec.world.config.clients;
  FlowView view(std::move(trace), clients.empty() ? nullptr : &clients.front());
  FlowResult r;
  r.steps = judge_steps(view, flow.expected, extras, flow.expected_failures);
  r.passed = true;
  for (const auto& s : r.steps) r.passed = r.passed && s.verdict != Verdict::kFail;
  return r;
}

TEST(RequestedChecks, ACheckThatNeverAppliesFailsTheScenario) {
  // An allow flow never refreshes: the two refresh checks it asks for have nothing to judge.
  const auto specs = parse_scenario_text(R"({
    "name": "allow_asking_for_refresh_checks",
    "actions": [{"do": "connect"}, {"do": "call_api", "path": "/users/me"}],
    "expect": {"checks": ["ClientRefreshesAndRetriesOnce", "RefreshRotatesRefreshToken"]}
  })",
                                         "scratch.json");
  const FlowResult r = run_mission_flow(to_flow(specs.at(0)));
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_FALSE(r.passed);
  for (auto [step, name] : {std::pair{9, "ClientRefreshesAndRetriesOnce"},
                            std::pair{8, "RefreshRotatesRefreshToken"}}) {
    const CheckResult* c = verdict_of_check(r, step, name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_FALSE(c->passed) << name;
    EXPECT_NE(c->evidence.find("requested but never applied"), std::string::npos) << c->evidence;
  }
}

class AuthorizationErrorRedirect : public ::testing::TestWithParam<std::string> {};

TEST_P(AuthorizationErrorRedirect, IsJudgedForTheStateItCarries) {
  const FlowResult r = run_catalog_scenario(GetParam());
  EXPECT_TRUE(r.passed) << explain(r);
  const CheckResult* c = verdict_of_check(r, 6, "StateIsEchoedUnchanged");
  ASSERT_NE(c, nullptr) << "the error redirect's state was not judged";
  EXPECT_TRUE(c->passed) << c->evidence;
}

INSTANTIATE_TEST_SUITE_P(Catalog, AuthorizationErrorRedirect,
                         ::testing::Values("empty_scope", "scope_outside_registration",
                                           "pkce_required_but_missing"));

TEST(BrokenClientRotatedRefreshTokenNotKept, FailsWhenTheServerAcceptsTheReusedToken) {
  const ScenarioSpec spec = catalog_spec("broken_client_rotated_refresh_token_not_kept");
  const FlowResult run = run_mission_flow(to_flow(spec));
  ASSERT_TRUE(run.passed) << explain(run);

  // The same exchanges, but the server answered the rotated-out token with fresh tokens, as a
  // server without reuse detection would.
  auto trace = run.trace;
  int refreshes = 0;
  bool doctored = false;
  for (auto& e : trace) {
    if (e.observer != common::party::kAuthorizationServer ||
        e.form.get_or("grant_type", "") != "refresh_token")
      continue;
    if (++refreshes != 2) continue;
    ASSERT_EQ(e.status, 400) << e.summary();
    e.status = 200;
    e.response_fields = {};
    e.response_fields.add("access_token", "[redacted fp:00000001]");
    e.response_fields.add("refresh_token", "[redacted fp:00000002]");
    e.response_fields.add("token_type", "Bearer");
    doctored = true;
  }
  ASSERT_TRUE(doctored) << "the scenario's second refresh is not in the trace";
  const FlowResult r = judged_again(spec, trace);
  EXPECT_FALSE(r.passed) << "a server that accepts a rotated-out refresh token passed";
  const CheckResult* c = verdict_of_check(r, 8, "RotatedOutRefreshTokenIsRefused");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->passed);
}

TEST(PkceWrongVerifier, FailsWhenTheClientSentNoCodeChallenge) {
  // Without a challenge the server still refuses the verifier with invalid_grant, but for
  // another reason: the scenario must tell the two apart.
  ScenarioSpec spec = catalog_spec("pkce_wrong_verifier");
  ASSERT_TRUE(run_mission_flow(to_flow(spec)).passed);
  spec.world.use_pkce = false;
  const FlowResult r = run_mission_flow(to_flow(spec));
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_FALSE(r.passed) << "pkce_wrong_verifier passed for a client that sent no code_challenge";
}

}  // namespace
}  // namespace oauthsim::scenario
