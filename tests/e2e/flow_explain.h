#pragma once
#include <string>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario {

// Every failing check of a flow, one per line, for an assertion's message.
inline std::string explain(const FlowResult& r) {
  std::string out = r.error.empty() ? "" : "harness error: " + r.error + "\n";
  for (const auto& s : r.steps) {
    for (const auto& c : s.checks) {
      if (!c.passed) {
        out += "step " + std::to_string(s.step) + " " + c.name + ": " + c.evidence + "\n";
      }
    }
  }
  return out;
}

}  // namespace oauthsim::scenario
