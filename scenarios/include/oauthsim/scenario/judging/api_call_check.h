#pragma once
#include <string>

#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// What the answer to one API call must be: the status, and the RFC 6750 error (from the
// WWW-Authenticate challenge or the body) when error is not empty.
struct ApiCallExpectation {
  int status = 200;
  std::string error;
};

// The expectation a scenario states for one of its actions ("expect" on a call_api action),
// judged on the last Customer API request the resource server saw during that action: the
// requests between the action's harness marker ("action N: ...") and the next marker.
class ApiCallAnswersAsScenarioExpects final : public Check {
 public:
  ApiCallAnswersAsScenarioExpects(int action_number, ApiCallExpectation expected)
      : action_number_(action_number), expected_(std::move(expected)) {}
  int step() const override { return 10; }
  std::string_view name() const override { return "ApiCallAnswersAsScenarioExpects"; }
  std::string_view ref() const override { return "scenario"; }
  std::optional<CheckResult> evaluate(const FlowView& flow) const override;

 private:
  int action_number_;
  ApiCallExpectation expected_;
};

}  // namespace oauthsim::scenario
