#pragma once
#include <string>

#include <gtest/gtest.h>

#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {

// Runs the built-in catalog scenario `name` in a fresh world; a name the catalog lacks fails the
// test (and returns an empty result) rather than passing vacuously.
inline FlowResult run_catalog_scenario(const std::string& name) {
  for (const auto& spec : builtin_scenarios()) {
    if (spec.name == name) return run_mission_flow(to_flow(spec));
  }
  ADD_FAILURE() << "no catalog scenario " << name;
  return {};
}

}  // namespace oauthsim::scenario
