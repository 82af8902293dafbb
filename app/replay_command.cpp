#include "replay_command.h"

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "oauthsim/common/cli.h"
#include "oauthsim/scenario/reports/console_report.h"
#include "oauthsim/scenario/reports/replay_report.h"
#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/runner/scenario_runner.h"
#include "scenario_loading.h"

namespace oauthsim::app {
namespace {

constexpr const char* kReplayProgram = "oauthsim replay";

std::string names_of(const std::vector<scenario::ScenarioSpec>& specs) {
  std::string names;
  for (const auto& s : specs) names += (names.empty() ? "" : ", ") + s.name;
  return names;
}

// The one scenario SCENARIO names: a scenario file (or directory of them), picked from with
// --scenario when it holds several; otherwise a built-in catalog scenario of that name.
// Throws ScenarioError (or UsageError) saying which names there are to choose from.
scenario::ScenarioSpec select_scenario(const std::string& target,
                                       const std::optional<std::string>& pick) {
  std::error_code ec;
  if (!std::filesystem::exists(target, ec)) {
    if (pick) {
      throw common::UsageError(
          "--scenario picks among the scenarios of a file, and there is no "
          "file " +
          target);
    }
    auto catalog = scenario::builtin_scenarios();
    for (auto& spec : catalog) {
      if (spec.name == target) return std::move(spec);
    }
    throw scenario::ScenarioError("'" + target +
                                  "' is neither a scenario file nor a built-in scenario; the "
                                  "catalog has: " +
                                  names_of(catalog));
  }
  auto specs = load_scenarios({target});
  if (pick) {
    for (auto& spec : specs) {
      if (spec.name == *pick) return std::move(spec);
    }
    throw scenario::ScenarioError(target + " has no scenario named '" + *pick +
                                  "'; it has: " + names_of(specs));
  }
  if (specs.size() != 1) {
    throw scenario::ScenarioError(target + " holds " + std::to_string(specs.size()) +
                                  " scenarios (" + names_of(specs) +
                                  "); pick one with --scenario NAME");
  }
  return std::move(specs.front());
}

}  // namespace

int replay_command(int argc, char** argv) {
  common::ArgParser args(
      kReplayProgram,
      "Runs ONE scenario in a fresh world of four parties on 127.0.0.1 and walks it\n"
      "exchange by exchange: at which of the ten steps, who sent what to whom, what came\n"
      "back and what each party concluded, secrets redacted; then the ten-step verdicts.");
  args.option("scenario", "NAME", "the scenario to replay when the file holds several")
      .option("seed", "N", "seed of every party's randomness (a scenario's own seed wins)", "1")
      .epilog(
          "Arguments: oauthsim replay [OPTIONS] SCENARIO\n"
          "  SCENARIO is a scenario file (format: docs/scenarios.md) or, when no such file\n"
          "  exists, the name of a built-in catalog scenario.\n"
          "\n"
          "Examples:\n"
          "  oauthsim replay deny                               the user denies consent\n"
          "  oauthsim replay mine.json --scenario code_replay   one scenario of a file\n"
          "\n"
          "Each exchange is shown once, as the party that received it recorded it; when a\n"
          "fault changed a redirect on the way, also what the user agent received. Lines like\n"
          "'-- action 2: advance_clock 1801 s --' mark the scenario's actions and faults.\n"
          "Step labels: 1-6 the browser flow, 7-8 the code redemption, 9-10 a Customer API\n"
          "call; refresh, client credentials, revocation, introspection and vendor app\n"
          "exchanges are named so.\n"
          "\n"
          "Exit status: 0 the scenario passes, 1 it fails, 2 bad usage or a bad or unknown\n"
          "scenario.");
  int seed = 1;
  try {
    args.parse(argc, argv);
    if (args.flag_set("help")) {
      std::cout << args.help();
      return 0;
    }
    seed = args.get_int("seed", 0, 1'000'000'000);
    if (args.positional().size() != 1) {
      throw common::UsageError("give exactly one SCENARIO (a file or a catalog name), got " +
                               std::to_string(args.positional().size()));
    }
  } catch (const common::UsageError& e) {
    std::cerr << kReplayProgram << ": " << e.what() << "\nRun '" << kReplayProgram
              << " --help' for usage.\n";
    return 2;
  }

  scenario::ScenarioSpec spec;
  scenario::MissionFlow flow;
  try {
    const std::optional<std::string> pick =
        args.has("scenario") ? std::optional(args.get("scenario")) : std::nullopt;
    spec = select_scenario(args.positional().front(), pick);
    flow = scenario::to_flow(spec);
  } catch (const std::runtime_error& e) {  // UsageError or ScenarioError: both are bad usage
    std::cerr << kReplayProgram << ": " << e.what() << "\n";
    return 2;
  }

  const auto result = scenario::run_mission_flow(flow, static_cast<std::uint64_t>(seed));
  scenario::print_replay(std::cout, {spec.name, spec.description, spec.source}, result.trace);
  scenario::print_summary(std::cout, {result}, false);
  return result.passed ? 0 : 1;
}

}  // namespace oauthsim::app
