#pragma once
#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/runner/scenario_file.h"

namespace oauthsim::scenario {

// Turns a scenario file's description into a flow run_mission_flow() runs and judges: the world
// options, the faults, the actions in order, the expectations and the named extra checks.
MissionFlow to_flow(const ScenarioSpec& spec);

// The built-in catalog parsed, in file name order; sources read "catalog/<file>".
std::vector<ScenarioSpec> builtin_scenarios();

}  // namespace oauthsim::scenario
