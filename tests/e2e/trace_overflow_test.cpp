// A scenario is judged from its whole trace: one that overflows the ring fails loudly rather
// than being judged on what is left.
#include <gtest/gtest.h>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::scenario {
namespace {

MissionFlow allow_flow() {
  for (auto& f : mission_flows()) {
    if (f.name == "allow") return f;
  }
  throw std::invalid_argument("no allow flow");
}

TEST(TraceOverflow, ScenarioWhoseTraceOverflowsFailsSayingSo) {
  MissionFlow flow = allow_flow();
  auto configure = flow.configure;
  flow.configure = [configure](WorldOptions& o) {
    if (configure) configure(o);
    o.trace_capacity = 3;  // far fewer than the allow flow's exchanges
  };
  const FlowResult r = run_mission_flow(flow);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.error.find("the trace overflowed"), std::string::npos) << r.error;
}

TEST(TraceOverflow, TheSameScenarioWithTheDefaultRingPasses) {
  const FlowResult r = run_mission_flow(allow_flow());
  EXPECT_TRUE(r.passed) << r.error;
  EXPECT_TRUE(r.error.empty()) << r.error;
}

}  // namespace
}  // namespace oauthsim::scenario
