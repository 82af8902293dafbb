#pragma once
// What a scenario may ask of a client oauthsim only sees on the wire (check-client).
#include <optional>
#include <string>

#include "oauthsim/scenario/runner/scenario_file.h"

namespace oauthsim::scenario {

// Why the scenario cannot run against an external client (an action or fault that needs the
// reference app's internals, naming it and why), or nullopt when it can.
std::optional<std::string> external_client_refusal(const ScenarioSpec& spec);

}  // namespace oauthsim::scenario
