// The four flows the project exists for, four real parties on loopback, one virtual clock.
#include <gtest/gtest.h>

#include <algorithm>

#include "e2e/flow_explain.h"
#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario {
namespace {

MissionFlow flow_named(const std::string& name) {
  for (auto& f : mission_flows()) {
    if (f.name == name) return f;
  }
  throw std::invalid_argument("no flow " + name);
}

std::vector<Verdict> verdicts(const FlowResult& r) {
  std::vector<Verdict> v;
  for (const auto& s : r.steps) v.push_back(s.verdict);
  return v;
}

const CheckResult* find_check(const FlowResult& r, int step, const std::string& name) {
  for (const auto& c : r.steps.at(static_cast<std::size_t>(step - 1)).checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

constexpr Verdict P = Verdict::kPass;
constexpr Verdict N = Verdict::kNotReached;

TEST(MissionFlows, AllowPassesAllTenSteps) {
  const FlowResult r = run_mission_flow(flow_named("allow"));
  ASSERT_TRUE(r.passed) << explain(r);
  EXPECT_EQ(verdicts(r), (std::vector<Verdict>{P, P, P, P, P, P, P, P, P, P}));
  const auto* state = find_check(r, 6, "StateIsEchoedUnchanged");
  ASSERT_NE(state, nullptr);
  EXPECT_TRUE(state->passed);
}

TEST(MissionFlows, DenyNeverReachesTheTokenEndpointOrTheApi) {
  const FlowResult r = run_mission_flow(flow_named("deny"));
  ASSERT_TRUE(r.passed) << explain(r);
  EXPECT_EQ(verdicts(r), (std::vector<Verdict>{P, P, P, P, P, P, N, N, N, N}));
  EXPECT_EQ(observe_step(6, FlowView(r.trace, nullptr)).error, "access_denied");
}

TEST(MissionFlows, InvalidCodeIsRefusedWithInvalidGrantAndNoApiCallFollows) {
  const FlowResult r = run_mission_flow(flow_named("invalid_code"));
  ASSERT_TRUE(r.passed) << explain(r);
  EXPECT_EQ(verdicts(r), (std::vector<Verdict>{P, P, P, P, P, P, P, P, N, N}));
  const FlowView view(r.trace, nullptr);
  EXPECT_EQ(observe_step(8, view).error, "invalid_grant");
  EXPECT_TRUE(view.api_requests().empty());
}

TEST(MissionFlows, ExpiredTokenIsRefreshedWithRotationAndRetried) {
  const FlowResult r = run_mission_flow(flow_named("expired_token"));
  ASSERT_TRUE(r.passed) << explain(r);
  for (auto [step, name] :
       std::vector<std::pair<int, std::string>>{{10, "ExpiredTokenIsRefusedAsInvalidToken"},
                                                {9, "ClientRefreshesAndRetriesOnce"},
                                                {8, "RefreshRotatesRefreshToken"},
                                                {8, "RotatedOutRefreshTokenIsRefused"}}) {
    const auto* c = find_check(r, step, name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_TRUE(c->passed) << name << ": " << c->evidence;
  }
  // 200 after connecting, 401 once the clock passed expires_in, 200 after the refresh.
  std::vector<int> statuses;
  const FlowView view(r.trace, nullptr);
  for (const auto* e : view.api_requests()) statuses.push_back(e->status);
  EXPECT_EQ(statuses, (std::vector<int>{200, 401, 200}));
}

TEST(MissionFlows, WrongExpectationFailsAtTheRightStepWithTheRightCheck) {
  MissionFlow f = flow_named("allow");
  f.expected[7] = StepExpectation::refused("invalid_grant");  // deliberately wrong
  const FlowResult r = run_mission_flow(f);
  EXPECT_FALSE(r.passed);
  ASSERT_EQ(r.steps.size(), 10u);
  EXPECT_EQ(r.steps[7].verdict, Verdict::kFail);
  const auto* c = find_check(r, 8, "StepOutcomeMatchesScenario");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->passed);
  EXPECT_NE(c->evidence.find("invalid_grant"), std::string::npos) << c->evidence;
  for (int s : {1, 2, 3, 4, 5, 6, 7, 9, 10}) {
    EXPECT_EQ(r.steps[static_cast<std::size_t>(s - 1)].verdict, Verdict::kPass) << "step " << s;
  }
}

TEST(MissionFlows, TraceHoldsNoSecret) {
  const FlowResult r = run_mission_flow(flow_named("expired_token"));
  std::string dump;
  for (const auto& e : r.trace) dump += e.to_json().dump();
  for (const char* secret : {"acme-secret", "wonderland"}) {
    EXPECT_EQ(dump.find(secret), std::string::npos) << secret << " leaked into the trace";
  }
  // Codes and tokens appear only as fingerprints.
  EXPECT_NE(dump.find("[redacted fp:"), std::string::npos);
}

TEST(MissionFlows, SameSeedGivesTheSameTrace) {
  const FlowResult a = run_mission_flow(flow_named("allow"), 7);
  const FlowResult b = run_mission_flow(flow_named("allow"), 7);
  ASSERT_EQ(a.trace.size(), b.trace.size());
  for (std::size_t i = 0; i < a.trace.size(); ++i) {
    // Ports differ between worlds; what was exchanged, including the fingerprints, must not.
    EXPECT_EQ(a.trace[i].path, b.trace[i].path);
    EXPECT_EQ(a.trace[i].status, b.trace[i].status);
    EXPECT_EQ(a.trace[i].response_fields.items(), b.trace[i].response_fields.items());
  }
}

}  // namespace
}  // namespace oauthsim::scenario
