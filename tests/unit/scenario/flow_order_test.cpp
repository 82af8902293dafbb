// The order `oauthsim run` starts flows in: what each scenario is known to cost before it runs,
// and the slowest first.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/runner/scenario_file.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario::flow_order_test {
namespace {

using nlohmann::json;

MissionFlow flow_of(const json& j) {
  return to_flow(parse_scenarios(j, "s.json").at(0));
}

MissionFlow costing(int waits_ms, bool tls) {
  MissionFlow f;
  f.cost = {waits_ms, tls};
  return f;
}

TEST(FlowOrder, DelayFaultsAddUpToTheFlowsDesignedWait) {
  const json j = {{"name", "slow"},
                  {"faults",
                   {{{"at", "token_endpoint"}, {"kind", "delay"}, {"delay_ms", 300}},
                    {{"at", "api"},
                     {"path", "/users/me"},
                     {"kind", "delay"},
                     {"delay_ms", 50},
                     {"times", 2}}}}};
  const MissionFlow f = flow_of(j);
  EXPECT_EQ(f.cost.waits_ms, 400);
  EXPECT_FALSE(f.cost.tls);
}

TEST(FlowOrder, TlsWorldIsMarked) {
  const MissionFlow f = flow_of({{"name", "t"}, {"world", {{"tls", json::object()}}}});
  EXPECT_TRUE(f.cost.tls);
  EXPECT_EQ(f.cost.waits_ms, 0);
}

TEST(FlowOrder, LongestWaitsFirstThenTlsThenCatalogOrder) {
  const std::vector<MissionFlow> flows = {costing(0, false), costing(0, true),  costing(300, false),
                                          costing(0, false), costing(50, true), costing(0, true)};
  EXPECT_EQ(slowest_first(flows), (std::vector<std::size_t>{2, 4, 1, 5, 0, 3}));
}

TEST(FlowOrder, TheCatalogStartsItsDelayedScenarioFirst) {
  std::vector<MissionFlow> flows;
  for (const auto& spec : builtin_scenarios()) flows.push_back(to_flow(spec));
  const auto order = slowest_first(flows);
  ASSERT_FALSE(order.empty());
  EXPECT_EQ(flows[order.front()].name, "token_endpoint_slow");
}

}  // namespace
}  // namespace oauthsim::scenario::flow_order_test
