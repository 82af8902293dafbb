#pragma once
#include <vector>

#include <nlohmann/json.hpp>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario {

// The machine-readable results of a run, for scripts and dashboards:
//   {"summary": {"passed", "failed", "wall_ms"},
//    "scenarios": [{"name", "passed", "wall_ms", "error"?, "steps": [{"step", "title",
//      "verdict": "pass"|"fail"|"not_reached", "observed", "checks": [{"name",
//      "result": "pass"|"fail", "ref", "evidence", "trace_seq"}]}], "trace": [...]}]}
// Evidence and traces are already redacted. Text may hold bytes a party sent that are not
// UTF-8, so dump with nlohmann::json::error_handler_t::replace.
nlohmann::json json_report(const std::vector<FlowResult>& results);

}  // namespace oauthsim::scenario
