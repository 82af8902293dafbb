#include "run_command.h"

#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/common/cli.h"
#include "oauthsim/scenario/reports/console_report.h"
#include "oauthsim/scenario/reports/json_report.h"
#include "oauthsim/scenario/reports/junit_report.h"
#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/runner/scenario_runner.h"
#include "scenario_loading.h"

namespace oauthsim::app {
namespace {

// Writes one report file; false (after saying why) when it cannot.
bool write_report(const std::string& program, const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  if (out && out << content && out.flush()) return true;
  std::cerr << program << ": cannot write " << path << "\n";
  return false;
}

}  // namespace

int report_results(const std::string& program, const std::vector<scenario::FlowResult>& results,
                   const ReportFiles& files, bool verbose) {
  scenario::print_summary(std::cout, results, verbose);
  bool written = true;
  if (!files.json.empty()) {
    // replace: a party may have sent bytes that are not UTF-8; the report must still be written.
    const std::string json = scenario::json_report(results).dump(
        2, ' ', false, nlohmann::json::error_handler_t::replace);
    written = write_report(program, files.json, json + "\n") && written;
  }
  if (!files.junit.empty()) {
    written = write_report(program, files.junit, scenario::junit_report(results)) && written;
  }
  if (!written) return 2;
  for (const auto& r : results) {
    if (!r.passed) return 1;
  }
  return 0;
}

int run_command(int argc, char** argv) {
  common::ArgParser args(
      "oauthsim run",
      "Runs scenarios (the files or directories of *.json given, or the built-in "
      "catalog), each in a fresh world of four parties on "
      "127.0.0.1 with its own ports, virtual clock and seeded randomness, and "
      "judges the ten steps of each from what the parties saw on the wire.");
  args.option("filter", "TEXT", "run only the scenarios whose name contains TEXT")
      .option("json", "FILE", "also write the results, checks and redacted traces as JSON")
      .option("junit", "FILE",
              "also write the results as JUnit XML for CI (GitLab, GitHub, Jenkins): a "
              "testcase per flow, its failing checks in the failure message")
      .option("seed", "N", "seed of every party's randomness", "1")
      .flag("verbose", "print every check and the redacted trace of each flow")
      .flag("strict", "failed WARNING checks fail their scenario too (exit 1)")
      .epilog(
          "Usage: oauthsim run [OPTIONS] [PATH...]; each PATH is a scenario file or a directory of "
          "*.json scenario files. Exit status: 0 all scenarios pass, 1 some fail, 2 bad usage, a "
          "malformed scenario file "
          "or a report file that cannot be written. Scenario format: docs/scenarios.md.");
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
  std::vector<scenario::MissionFlow> flows;
  try {
    for (const auto& spec : load_scenarios(args.positional())) {
      if (!args.has("filter") || spec.name.find(args.get("filter")) != std::string::npos) {
        flows.push_back(scenario::to_flow(spec));
      }
    }
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "oauthsim run: " << e.what() << "\n";
    return 2;
  }
  if (flows.empty()) {
    std::cerr << "oauthsim run: no scenario matches --filter '" << args.get("filter") << "'\n";
    return 2;
  }
  std::cout
      << "oauthsim: " << flows.size()
      << " scenario(s) of the SmartRecruiters three-legged OAuth flow, four parties on 127.0.0.1\n";
  std::vector<scenario::FlowResult> results;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    results.push_back(scenario::run_mission_flow(flows[i], static_cast<std::uint64_t>(seed)));
    if (args.flag_set("strict")) scenario::make_warnings_fail(results.back());
    scenario::print_progress(std::cout, i + 1, flows.size(), results.back());
  }
  ReportFiles files;
  if (args.has("json")) files.json = args.get("json");
  if (args.has("junit")) files.junit = args.get("junit");
  return report_results("oauthsim run", results, files, args.flag_set("verbose"));
}

}  // namespace oauthsim::app
