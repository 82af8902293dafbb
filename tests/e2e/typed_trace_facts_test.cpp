// Verdicts rest on typed trace facts (outcomes, injected faults, action markers) and wire facts,
// never on a note's wording: every note of a recorded trace is reworded, the trace is judged
// again, and every step and check comes out the same.
#include <gtest/gtest.h>

#include <string>

#include "e2e/catalog_run.h"

namespace oauthsim::scenario {
namespace {

ScenarioSpec spec_named(const std::string& name) {
  for (auto& spec : builtin_scenarios()) {
    if (spec.name == name) return spec;
  }
  throw std::runtime_error("no built-in scenario " + name);
}

std::vector<StepResult> judge(const ScenarioSpec& spec, std::vector<common::TraceEntry> trace) {
  const MissionFlow flow = to_flow(spec);
  std::vector<const Check*> extras;
  for (const auto& c : flow.extra_checks) extras.push_back(c.get());
  // The world registered the reference app's callback (on a port of its own) with the client:
  // the redirect URIs its authorization requests carried are that registration's.
  common::ClientConfig registration = spec.world.config.clients.front();
  for (const auto& e : trace) {
    if (e.observer == common::party::kAuthorizationServer && e.path == paths::kAuthorize) {
      if (auto uri = e.query.get("redirect_uri")) registration.redirect_uris.push_back(*uri);
    }
  }
  FlowView view(std::move(trace), &registration, spec.world.config.lifetimes);
  return judge_steps(view, flow.expected, extras, flow.expected_failures);
}

std::string verdicts(const std::vector<StepResult>& steps) {
  std::string out;
  for (const auto& s : steps) {
    out += "step " + std::to_string(s.step) + " " + std::string(to_string(s.verdict)) + ":";
    for (const auto& c : s.checks) out += " " + c.name + (c.passed ? "=pass" : "=FAIL");
    out += "\n";
  }
  return out;
}

class RewordedNotes : public ::testing::TestWithParam<std::string> {};

TEST_P(RewordedNotes, LeaveEveryVerdictAsItWas) {
  const ScenarioSpec spec = spec_named(GetParam());
  const FlowResult run = run_mission_flow(to_flow(spec));
  ASSERT_TRUE(run.error.empty()) << run.error;
  ASSERT_TRUE(run.passed) << verdicts(run.steps);
  std::vector<common::TraceEntry> reworded = run.trace;
  std::size_t noted = 0;
  for (auto& e : reworded) {
    noted += e.note.empty() ? 0 : 1;
    e.note = "reworded #" + std::to_string(e.seq);
  }
  ASSERT_GT(noted, 0u) << "the trace had no notes to reword";
  EXPECT_EQ(verdicts(judge(spec, run.trace)), verdicts(run.steps))
      << "judging the same trace again changed the verdicts";
  EXPECT_EQ(verdicts(judge(spec, reworded)), verdicts(run.steps));
}

// Steps 3 and 4 (login, consent), a refused login, a denial, injected faults (replaced,
// delayed), action markers (API call expectations, delete_user).
INSTANTIATE_TEST_SUITE_P(Catalog, RewordedNotes,
                         ::testing::Values("allow", "deny", "wrong_password_gives_up",
                                           "wrong_password_then_success", "token_endpoint_5xx_once",
                                           "token_endpoint_slow", "api_503_once",
                                           "user_deleted_after_consent", "client_plan_api_5xx",
                                           "expired_token"));

// Without its typed facts the same trace is judged differently: the facts, not the words, carry
// the verdict (so the test above cannot pass by ignoring them).
TEST(TypedTraceFacts, CarryTheVerdictsOfStepsThreeAndFour) {
  const ScenarioSpec spec = spec_named("allow");
  const FlowResult run = run_mission_flow(to_flow(spec));
  ASSERT_TRUE(run.passed) << verdicts(run.steps);
  std::vector<common::TraceEntry> untyped = run.trace;
  for (auto& e : untyped) e.outcome = common::ExchangeOutcome::kNone;
  const auto steps = judge(spec, untyped);
  EXPECT_EQ(steps[2].verdict, Verdict::kFail) << verdicts(steps);  // no accepted login
  EXPECT_EQ(steps[3].verdict, Verdict::kFail) << verdicts(steps);  // no consent form
}

}  // namespace
}  // namespace oauthsim::scenario
