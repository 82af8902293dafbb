#pragma once
#include <string>
#include <vector>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario {

// The results as one self-contained HTML page for people (a CI artifact opened offline): no
// script, no external style, font or image. A summary (scenarios, passed, failed, warnings,
// time), an overview table linking to each scenario, then per scenario a <details> (open when
// it failed; class "scenario pass|fail", data-scenario) holding the ten-step table (tr.step with
// data-step and data-verdict; every check with its level and rule, failing ones with their
// evidence), the sequence diagram of its trace (sequence_diagram.h), and beside it the failing
// checks with step, level, rule, evidence and the trace entry they judged. Evidence and traces
// are already redacted. `title` names the run ("oauthsim run", "oauthsim check-client").
std::string html_report(const std::vector<FlowResult>& results, const std::string& title);

}  // namespace oauthsim::scenario
