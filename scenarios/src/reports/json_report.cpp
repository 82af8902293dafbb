#include "oauthsim/scenario/reports/json_report.h"

#include <string>

namespace oauthsim::scenario {
namespace {

nlohmann::json check_json(const CheckResult& c) {
  return {{"name", c.name},
          {"result", c.passed    ? "pass"
                     : c.warns() ? "warning"
                                 : "fail"},
          {"level", std::string(to_string(c.level))},
          {"ref", c.ref},
          {"evidence", c.evidence},
          {"trace_seq", c.trace_seq}};
}

nlohmann::json step_json(const StepResult& s) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : s.checks) checks.push_back(check_json(c));
  return {{"step", s.step},
          {"title", std::string(step_title(s.step))},
          {"verdict", std::string(to_string(s.verdict))},
          {"observed", s.observed},
          {"checks", std::move(checks)}};
}

nlohmann::json flow_json(const FlowResult& r) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps) steps.push_back(step_json(s));
  nlohmann::json trace = nlohmann::json::array();
  for (const auto& e : r.trace) trace.push_back(e.to_json());
  nlohmann::json flow{{"name", r.name},
                      {"passed", r.passed},
                      {"wall_ms", r.wall_ms},
                      {"steps", std::move(steps)},
                      {"trace", std::move(trace)}};
  if (!r.error.empty()) flow["error"] = r.error;
  return flow;
}

}  // namespace

nlohmann::json json_report(const std::vector<FlowResult>& results) {
  nlohmann::json flows = nlohmann::json::array();
  std::size_t passed = 0;
  double wall_ms = 0;
  for (const auto& r : results) {
    passed += r.passed ? 1 : 0;
    wall_ms += r.wall_ms;
    flows.push_back(flow_json(r));
  }
  return {
      {"summary", {{"passed", passed}, {"failed", results.size() - passed}, {"wall_ms", wall_ms}}},
      {"scenarios", std::move(flows)}};
}

}  // namespace oauthsim::scenario
