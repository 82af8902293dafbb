#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/scenario/judging/check.h"
#include "oauthsim/scenario/judging/flow_view.h"

namespace oauthsim::scenario {

inline constexpr int kStepCount = 10;
// The ten steps of SR's overview, as short titles for tables.
std::string_view step_title(int step);

enum class Verdict { kPass, kFail, kNotReached };
std::string_view to_string(Verdict v);

// What a scenario expects of a step: it completes, it is refused with a given error (an RFC
// error code such as invalid_grant or access_denied), or it never happens.
struct StepExpectation {
  enum class Kind { kPass, kRefused, kNotReached };
  Kind kind = Kind::kPass;
  std::string error;  // for kRefused; empty accepts any refusal
  // For kRefused at step 8: the token endpoint's typed refusal reason (refusal_reason.h) the
  // trace must show, when several reasons share the error code; empty accepts any.
  std::string reason;

  static StepExpectation passes() { return {}; }
  static StepExpectation refused(std::string error, std::string reason = "") {
    return {Kind::kRefused, std::move(error), std::move(reason)};
  }
  static StepExpectation not_reached() { return {Kind::kNotReached, {}, {}}; }
};
using Expectations = std::array<StepExpectation, kStepCount>;

// What the trace shows of one step: whether it happened, and whether it completed or was
// refused (with which error).
struct StepObservation {
  bool reached = false;
  bool refused = false;
  std::string error;    // the refusal's error code
  std::string reason;   // the token endpoint's refusal reason (step 8); empty: none recorded
  std::string summary;  // one line for people
  const common::TraceEntry* entry = nullptr;
};
StepObservation observe_step(int step, const FlowView& flow);

struct StepResult {
  int step = 0;
  Verdict verdict = Verdict::kNotReached;
  std::string observed;
  std::vector<CheckResult> checks;
};

// Judges all ten steps: the observation against the expectation, then every applicable check.
// extra_checks (a scenario's own assertions) join the standard ones at their steps.
// expected_failures names standard checks the scenario is built to break: each must fail (its
// failure then passes, marked as expected), and one that passes or never applies fails.
std::vector<StepResult> judge_steps(const FlowView& flow, const Expectations& expected,
                                    const std::vector<const Check*>& extra_checks = {},
                                    const std::vector<std::string>& expected_failures = {});

}  // namespace oauthsim::scenario
