#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "oauthsim/scenario/judging/check.h"
#include "oauthsim/scenario/judging/steps.h"
#include "oauthsim/scenario/world/world.h"

namespace oauthsim::scenario {

// What makes a flow slow, known before it runs: real time its faults wait on purpose, and a
// world speaking TLS (keys loaded, handshakes). Used to start the slow flows first.
struct FlowCost {
  int waits_ms = 0;
  bool tls = false;
};

// A flow written in code: how to set up the world, what the parties do, and what each of the
// ten steps should show. Scenario files describe the same things as data (scenario_runner.h
// turns one into a MissionFlow).
struct MissionFlow {
  std::string name;
  std::string description;
  std::function<void(WorldOptions&)> configure;  // may be empty
  std::function<void(World&)> run;               // drives the parties; throws on a broken harness
  Expectations expected;
  std::vector<std::shared_ptr<const Check>> extra_checks;
  std::vector<std::string> expected_failures;  // standard checks the flow is built to break
  FlowCost cost;
};

struct FlowResult {
  std::string name;
  bool passed = false;
  std::vector<StepResult> steps;
  std::vector<common::TraceEntry> trace;
  std::string error;  // the harness itself failed (a party did not start, the script broke)
  double wall_ms = 0;
};

// The built-in catalog (scenarios/catalog/*.json): allow, deny, invalid_code, expired_token and
// the rest, in file name order.
std::vector<MissionFlow> mission_flows();

// Runs one flow in a fresh world (own ports, clock, randomness) and judges its ten steps.
FlowResult run_mission_flow(const MissionFlow& flow, std::uint64_t seed = 1);

// The order to start `flows` in when several run at once: the longest designed waits first,
// then TLS worlds, the rest in catalog order. Started last, a 300 ms wait would add its whole
// length to the run; started first, the other flows fill the time. Results are reported in
// catalog order whatever this order is.
std::vector<std::size_t> slowest_first(const std::vector<MissionFlow>& flows);

// --strict: every failed WARNING check counts as a FAIL, so its step and flow fail.
void make_warnings_fail(FlowResult& result);
// The failed WARNING checks of a flow (each still passing its step unless --strict).
std::size_t warning_count(const FlowResult& result);

}  // namespace oauthsim::scenario
