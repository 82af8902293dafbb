#pragma once
#include <string>
#include <vector>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario {

// The results as JUnit XML, the common denominator of GitLab, GitHub test-report actions and
// Jenkins: <testsuites name="oauthsim"> holding one <testsuite name="oauthsim.mission_flows">
// with a <testcase classname="oauthsim.<flow>" name="<flow>" time="seconds"> per flow.
// A failing flow carries a <failure type="conformance"> whose message names the first failing
// check ("step N CheckName: evidence") and whose text lists every failing check; a flow whose
// harness broke carries an <error type="harness"> instead. <system-out> holds the per-step
// verdicts. Text is escaped for XML 1.0; evidence is already redacted.
std::string junit_report(const std::vector<FlowResult>& results);

}  // namespace oauthsim::scenario
