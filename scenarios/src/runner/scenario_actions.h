#pragma once
// Carries out a scenario's actions in a world, one after the other, each behind a harness
// marker in the trace.
#include <memory>

#include "oauthsim/scenario/runner/scenario_file.h"
#include "oauthsim/scenario/world/world.h"
#include "scenario_faults.h"

namespace oauthsim::scenario::detail {

// The "do" word of an action, as scenario files spell it.
std::string_view action_word(ScenarioAction::Kind kind);
// The words of a marker: "action 3: call_api GET /users/me".
std::string describe_action(std::size_t number, const ScenarioAction& action,
                            const UserScript& user);

// Throws std::runtime_error when the harness itself cannot go on (a party unreachable, an
// action that needs something the flow never produced).
void run_actions(const ScenarioSpec& spec, World& world,
                 const std::shared_ptr<CodeExchangeRecorder>& recorder);

}  // namespace oauthsim::scenario::detail
