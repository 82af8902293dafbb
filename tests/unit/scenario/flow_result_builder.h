#pragma once
// Hand-built FlowResult values for the report tests: a flow whose steps 1-4 passed and 5-10
// were never reached, which each test then bends with a failing check or a harness error.
#include <string>
#include <utility>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario::test {

inline FlowResult passing_flow(std::string name, double wall_ms = 40) {
  FlowResult r;
  r.name = std::move(name);
  r.passed = true;
  r.wall_ms = wall_ms;
  for (int step = 1; step <= kStepCount; ++step) {
    StepResult s;
    s.step = step;
    const bool reached = step <= 4;
    s.verdict = reached ? Verdict::kPass : Verdict::kNotReached;
    s.observed =
        reached ? "completed (GET /step" + std::to_string(step) + " -> 200)" : "was never reached";
    s.checks.push_back({"StepOutcomeMatchesScenario", "scenario", true,
                        "expected: the step completes; actual: it " + s.observed,
                        reached ? static_cast<std::uint64_t>(step) : 0, CheckLevel::kFail});
    r.steps.push_back(std::move(s));
  }
  return r;
}

// Adds a failed WARNING check to one step: the step and the flow still pass.
inline FlowResult& warn_check(FlowResult& r, int step, std::string name, std::string ref,
                              std::string evidence) {
  StepResult& s = r.steps.at(static_cast<std::size_t>(step - 1));
  s.checks.push_back(
      {std::move(name), std::move(ref), false, std::move(evidence), 0, CheckLevel::kWarning});
  return r;
}

// Adds a failing check to one step (1..10) and fails the step and the flow with it.
inline FlowResult& fail_check(FlowResult& r, int step, std::string name, std::string ref,
                              std::string evidence, std::uint64_t trace_seq = 0) {
  StepResult& s = r.steps.at(static_cast<std::size_t>(step - 1));
  s.checks.push_back(
      {std::move(name), std::move(ref), false, std::move(evidence), trace_seq, CheckLevel::kFail});
  s.verdict = Verdict::kFail;
  r.passed = false;
  return r;
}

inline FlowResult& break_harness(FlowResult& r, std::string error) {
  r.error = std::move(error);
  r.passed = false;
  return r;
}

}  // namespace oauthsim::scenario::test
