#pragma once
#include <ostream>
#include <vector>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario {

// "[2/4] deny ... pass (41 ms)": one line as each flow finishes.
void print_progress(std::ostream& out, std::size_t index, std::size_t total, const FlowResult& r);
// One row per flow, one column per step, then the legend and every failing check with its
// rule and evidence. verbose adds every check and the redacted trace of each flow.
void print_summary(std::ostream& out, const std::vector<FlowResult>& results, bool verbose);

}  // namespace oauthsim::scenario
