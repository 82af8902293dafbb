#include "oauthsim/scenario/runner/mission_flows.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {

// One definition of each flow: the scenario files of the built-in catalog.
std::vector<MissionFlow> mission_flows() {
  std::vector<MissionFlow> flows;
  for (const auto& spec : builtin_scenarios()) flows.push_back(to_flow(spec));
  return flows;
}

FlowResult run_mission_flow(const MissionFlow& flow, std::uint64_t seed) {
  FlowResult result;
  result.name = flow.name;
  const auto started = std::chrono::steady_clock::now();
  WorldOptions options;
  options.seed = seed;
  if (flow.configure) flow.configure(options);
  std::vector<const Check*> extras;
  for (const auto& c : flow.extra_checks) extras.push_back(c.get());
  try {
    World world(options);
    try {
      flow.run(world);
    } catch (const std::exception& e) {
      result.error = e.what();
    }
    if (!world.trace().settle()) {
      result.error += (result.error.empty() ? "" : "; ") +
                      std::string("some exchanges never finished recording into the trace");
    }
    // Checks judge the whole exchange; a trace that lost its oldest entries would judge a
    // part of it as the whole.
    if (const auto dropped = world.trace().dropped(); dropped > 0) {
      result.error += (result.error.empty() ? "" : "; ") + std::string("the trace overflowed (") +
                      std::to_string(world.trace().capacity()) + " entries kept, " +
                      std::to_string(dropped) +
                      " dropped): the scenario is too long to judge; split it";
    }
    result.trace = world.trace().entries();
    FlowView view(result.trace, &world.client_registration(), world.config().lifetimes);
    result.steps = judge_steps(view, flow.expected, extras, flow.expected_failures);
  } catch (const std::exception& e) {
    result.error = std::string("could not set up the parties: ") + e.what();
  }
  result.passed = result.error.empty() && !result.steps.empty();
  for (const auto& s : result.steps) result.passed = result.passed && s.verdict != Verdict::kFail;
  result.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::vector<std::size_t> slowest_first(const std::vector<MissionFlow>& flows) {
  std::vector<std::size_t> order(flows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&flows](std::size_t a, std::size_t b) {
    const FlowCost& x = flows[a].cost;
    const FlowCost& y = flows[b].cost;
    if (x.waits_ms != y.waits_ms) return x.waits_ms > y.waits_ms;
    return x.tls && !y.tls;
  });
  return order;
}

void make_warnings_fail(FlowResult& result) {
  for (auto& s : result.steps) {
    for (auto& c : s.checks) {
      if (c.warns()) {
        c.level = CheckLevel::kFail;
        s.verdict = Verdict::kFail;
        result.passed = false;
      }
    }
  }
}

std::size_t warning_count(const FlowResult& result) {
  std::size_t n = 0;
  for (const auto& s : result.steps) {
    for (const auto& c : s.checks) n += c.warns() ? 1 : 0;
  }
  return n;
}

}  // namespace oauthsim::scenario
