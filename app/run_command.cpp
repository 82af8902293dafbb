#include "run_command.h"

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "oauthsim/common/cli.h"
#include "oauthsim/scenario/reports/console_report.h"
#include "oauthsim/scenario/reports/html_report.h"
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

// Runs every flow on `jobs` threads, the slowest started first, and prints each one's progress
// line in catalog order as soon as it and every flow before it are done. Flows whose faults wait
// on purpose (a delayed answer) mostly sleep, so they run on up to `jobs` threads of their own
// beside the others rather than hold a core's share. Each flow has its own world (servers,
// ports, clock, trace, seeded randomness), so running them side by side changes no verdict.
std::vector<scenario::FlowResult> run_flows(const std::vector<scenario::MissionFlow>& flows,
                                            std::uint64_t seed, unsigned jobs, bool strict) {
  std::vector<std::optional<scenario::FlowResult>> done(flows.size());
  std::mutex mu;
  std::condition_variable finished;
  std::vector<std::size_t> waiting, computing;
  for (const std::size_t i : scenario::slowest_first(flows)) {
    (flows[i].cost.waits_ms > 0 ? waiting : computing).push_back(i);
  }
  std::size_t next_waiting = 0, next_computing = 0;
  auto work = [&](const std::vector<std::size_t>& queue, std::size_t& next) {
    for (;;) {
      std::size_t i = 0;
      {
        std::lock_guard lock(mu);
        if (next == queue.size()) return;
        i = queue[next++];
      }
      auto result = scenario::run_mission_flow(flows[i], seed);
      {
        std::lock_guard lock(mu);
        done[i] = std::move(result);
      }
      finished.notify_one();
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < std::min<std::size_t>(jobs, computing.size()); ++t) {
    workers.emplace_back(work, std::cref(computing), std::ref(next_computing));
  }
  for (std::size_t t = 0; t < std::min<std::size_t>(jobs, waiting.size()); ++t) {
    workers.emplace_back(work, std::cref(waiting), std::ref(next_waiting));
  }
  std::vector<scenario::FlowResult> results;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    {
      std::unique_lock lock(mu);
      finished.wait(lock, [&] { return done[i].has_value(); });
      results.push_back(std::move(*done[i]));
    }
    if (strict) scenario::make_warnings_fail(results.back());
    scenario::print_progress(std::cout, i + 1, flows.size(), results.back());
  }
  for (auto& w : workers) w.join();
  return results;
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
  if (!files.html.empty()) {
    written = write_report(program, files.html, scenario::html_report(results, program)) && written;
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
      .option("html", "FILE",
              "also write one self-contained HTML page: the summary, each scenario's ten steps "
              "and its sequence diagram, failing checks with their evidence")
      .option("seed", "N", "seed of every party's randomness", "1")
      .option("jobs", "N",
              "run up to N scenarios at once, each in its own world (default: the number of "
              "cores), and up to N more whose faults wait on purpose; results are printed in "
              "catalog order and do not depend on N")
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
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  try {
    seed = args.get_int("seed", 0, 1'000'000'000);
    if (args.has("jobs")) jobs = args.get_int("jobs", 1, 256);
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
  const auto results = run_flows(flows, static_cast<std::uint64_t>(seed),
                                 static_cast<unsigned>(jobs), args.flag_set("strict"));
  ReportFiles files;
  if (args.has("json")) files.json = args.get("json");
  if (args.has("junit")) files.junit = args.get("junit");
  if (args.has("html")) files.html = args.get("html");
  return report_results("oauthsim run", results, files, args.flag_set("verbose"));
}

}  // namespace oauthsim::app
