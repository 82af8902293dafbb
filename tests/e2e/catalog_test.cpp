// The built-in catalog end to end: every scenario file passes in its own world, and a scenario
// whose expectation is wrong fails at the step it got wrong.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/flow_explain.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {
namespace {

class BuiltinCatalog : public ::testing::TestWithParam<ScenarioSpec> {};

TEST_P(BuiltinCatalog, ScenarioPasses) {
  const FlowResult r = run_mission_flow(to_flow(GetParam()));
  EXPECT_TRUE(r.passed) << GetParam().source << "\n" << explain(r);
  EXPECT_EQ(r.steps.size(), static_cast<std::size_t>(kStepCount));
}

INSTANTIATE_TEST_SUITE_P(Catalog, BuiltinCatalog, ::testing::ValuesIn(builtin_scenarios()),
                         [](const ::testing::TestParamInfo<ScenarioSpec>& info) {
                           return info.param.name;
                         });

ScenarioSpec parse_one(const std::string& text) {
  return parse_scenario_text(text, "t.json").at(0);
}

TEST(ScenarioExpectations, WrongExpectationFailsAtTheNamedStepWithStepOutcomeMatchesScenario) {
  // Alice allows, but the scenario claims the token endpoint refuses the code.
  const FlowResult r = run_mission_flow(to_flow(
      parse_one(R"({"name": "wrong", "expect": {"steps": {"8": {"refused": "invalid_grant"}}}})")));
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_FALSE(r.passed);
  for (const auto& s : r.steps) {
    EXPECT_EQ(s.verdict == Verdict::kFail, s.step == 8) << "step " << s.step;
  }
  const auto& outcome = r.steps.at(7).checks.at(0);
  EXPECT_EQ(outcome.name, "StepOutcomeMatchesScenario");
  EXPECT_FALSE(outcome.passed);
  EXPECT_NE(outcome.evidence.find("refused with invalid_grant"), std::string::npos)
      << outcome.evidence;
}

TEST(ScenarioExpectations, StepExpectedNotReachedButReachedFails) {
  const FlowResult r = run_mission_flow(
      to_flow(parse_one(R"({"name": "wrong", "expect": {"steps": {"9": "not_reached"}}})")));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.steps.at(8).verdict, Verdict::kFail);
}

TEST(ScenarioActions, ReusingARefreshTokenBeforeAnyRefreshIsAHarnessError) {
  const FlowResult r = run_mission_flow(to_flow(parse_one(
      R"({"name": "early", "actions": [{"do": "connect"}, {"do": "reuse_previous_refresh_token"}]})")));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.error.find("reuse_previous_refresh_token"), std::string::npos) << r.error;
}

TEST(ScenarioFaults, ReplacedStateLeavesTheCodeUnredeemed) {
  const FlowResult r = run_mission_flow(to_flow(parse_one(R"({"name": "forged",
      "faults": [{"at": "redirect_back", "kind": "replace_state", "value": "forged"}]})")));
  EXPECT_FALSE(r.passed);  // it expects all steps to pass, but the client refuses at step 7
  EXPECT_EQ(r.steps.at(6).verdict, Verdict::kFail);
  EXPECT_EQ(r.steps.at(6).observed, "was never reached");
}

}  // namespace
}  // namespace oauthsim::scenario
