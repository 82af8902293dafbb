#include "run_command.h"

#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "oauthsim/common/cli.h"
#include "oauthsim/scenario/console_report.h"
#include "oauthsim/scenario/mission_flows.h"

namespace oauthsim::app {
namespace {

nlohmann::json to_json(const std::vector<scenario::FlowResult>& results) {
  nlohmann::json flows = nlohmann::json::array();
  std::size_t passed = 0;
  for (const auto& r : results) {
    passed += r.passed ? 1 : 0;
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : r.steps) {
      nlohmann::json checks = nlohmann::json::array();
      for (const auto& c : s.checks) {
        checks.push_back({{"name", c.name},
                          {"result", c.passed ? "pass" : "fail"},
                          {"ref", c.ref},
                          {"evidence", c.evidence},
                          {"trace_seq", c.trace_seq}});
      }
      steps.push_back({{"step", s.step},
                       {"verdict", std::string(scenario::to_string(s.verdict))},
                       {"observed", s.observed},
                       {"checks", checks}});
    }
    nlohmann::json trace = nlohmann::json::array();
    for (const auto& e : r.trace) trace.push_back(e.to_json());
    nlohmann::json flow{{"name", r.name},
                        {"passed", r.passed},
                        {"wall_ms", r.wall_ms},
                        {"steps", steps},
                        {"trace", trace}};
    if (!r.error.empty()) flow["error"] = r.error;
    flows.push_back(flow);
  }
  return {{"summary", {{"passed", passed}, {"failed", results.size() - passed}}},
          {"scenarios", flows}};
}

}  // namespace

int run_command(int argc, char** argv) {
  common::ArgParser args("oauthsim run",
                         "Runs the mission flows, each in a fresh world of four parties on "
                         "127.0.0.1 with its own ports, virtual clock and seeded randomness, and "
                         "judges the ten steps of each from what the parties saw on the wire.");
  args.option("filter", "TEXT", "run only the flows whose name contains TEXT")
      .option("json", "FILE", "also write the results, checks and redacted traces as JSON")
      .option("seed", "N", "seed of every party's randomness", "1")
      .flag("verbose", "print every check and the redacted trace of each flow")
      .epilog("Exit status: 0 all flows pass, 1 some fail, 2 bad usage.");
  try {
    args.parse(argc, argv);
  } catch (const common::UsageError& e) {
    std::cerr << "oauthsim run: " << e.what() << "\n";
    return 2;
  }
  if (args.flag_set("help")) {
    std::cout << args.help();
    return 0;
  }
  int seed = 1;
  try {
    seed = args.get_int("seed", 0, 1'000'000'000);
  } catch (const common::UsageError& e) {
    std::cerr << "oauthsim run: " << e.what() << "\n";
    return 2;
  }
  if (!args.positional().empty()) {
    std::cerr << "oauthsim run: unexpected argument '" << args.positional().front()
              << "' (scenario files are not supported yet; see --help)\n";
    return 2;
  }

  std::vector<scenario::MissionFlow> flows;
  for (auto& f : scenario::mission_flows()) {
    if (!args.has("filter") || f.name.find(args.get("filter")) != std::string::npos) {
      flows.push_back(std::move(f));
    }
  }
  if (flows.empty()) {
    std::cerr << "oauthsim run: no flow matches --filter '" << args.get("filter") << "'\n";
    return 2;
  }
  std::cout
      << "oauthsim: " << flows.size()
      << " flow(s) of the SmartRecruiters three-legged OAuth flow, four parties on 127.0.0.1\n";
  std::vector<scenario::FlowResult> results;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    results.push_back(scenario::run_mission_flow(flows[i], static_cast<std::uint64_t>(seed)));
    scenario::print_progress(std::cout, i + 1, flows.size(), results.back());
  }
  scenario::print_summary(std::cout, results, args.flag_set("verbose"));
  if (args.has("json")) {
    std::ofstream out(args.get("json"));
    if (!out || !(out << to_json(results).dump(2) << "\n")) {
      std::cerr << "oauthsim run: cannot write " << args.get("json") << "\n";
      return 2;
    }
  }
  for (const auto& r : results) {
    if (!r.passed) return 1;
  }
  return 0;
}

}  // namespace oauthsim::app
