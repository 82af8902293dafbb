// `oauthsim replay` as a user runs it: one scenario walked exchange by exchange, and exit 2 with
// the names to choose from when the scenario asked for is unknown or ambiguous.
#include <gtest/gtest.h>

#include "child_process.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::process_test {
namespace {

// One scenario in one world of four servers; generous for a sanitizer build on a loaded machine.
constexpr milliseconds kReplayDeadline{60'000};

struct Replay {
  ExitStatus status;
  std::string out, err;
  std::string describe() const {
    return status.describe() + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
};

Replay replay(std::vector<std::string> args, const TempDir& dir, const std::string& name) {
  args.insert(args.begin(), {kAppBin, "replay"});
  ChildProcess child(std::move(args), dir.path(), name);
  auto status = child.wait_for_exit(kReplayDeadline);
  if (!status) {
    throw std::runtime_error(name + " still ran after " + std::to_string(kReplayDeadline.count()) +
                             " ms\n" + child.output_for_diagnosis());
  }
  return {*status, child.out(), child.err()};
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ReplayCommand, DenyWalksStepsOneToSixAndShowsTheAccessDeniedRedirect) {
  TempDir dir;
  const auto r = replay({"deny"}, dir, "replay-deny");
  ASSERT_TRUE(r.status.exited_with(0)) << r.describe();
  EXPECT_TRUE(has(r.out, "Replay of deny")) << r.describe();
  for (int step = 1; step <= 6; ++step) {
    EXPECT_TRUE(has(r.out, "\nstep " + std::to_string(step) + " ")) << "step " << step << "\n"
                                                                    << r.describe();
  }
  // The user said no: the redirect back carries the error, and no code is ever redeemed.
  EXPECT_TRUE(has(r.out, "error=access_denied")) << r.describe();
  EXPECT_FALSE(has(r.out, "\nstep 7-8 ")) << r.describe();
  EXPECT_TRUE(has(r.out, "1 passed, 0 failed")) << r.describe();
}

TEST(ReplayCommand, UnknownScenarioExitsTwoNamingTheCatalog) {
  TempDir dir;
  const auto r = replay({"no_such_scenario"}, dir, "replay-unknown");
  EXPECT_TRUE(r.status.exited_with(2)) << r.describe();
  EXPECT_TRUE(has(r.err, "no_such_scenario")) << r.describe();
  for (const auto& spec : scenario::builtin_scenarios()) {
    EXPECT_TRUE(has(r.err, spec.name)) << spec.name << "\n" << r.describe();
  }
}

TEST(ReplayCommand, FileWithTwoScenariosNeedsScenarioOptionNamingBoth) {
  TempDir dir;
  const auto file = dir / "two.json";
  write_file(file, R"([{"name": "first_allow"},
                       {"name": "second_deny", "user": {"decision": "deny"},
                        "expect": {"steps": {"5": {"refused": "access_denied"},
                                             "6": {"refused": "access_denied"},
                                             "7": "not_reached", "8": "not_reached",
                                             "9": "not_reached", "10": "not_reached"}}}])");
  const auto ambiguous = replay({file.string()}, dir, "replay-two");
  EXPECT_TRUE(ambiguous.status.exited_with(2)) << ambiguous.describe();
  EXPECT_TRUE(has(ambiguous.err, "first_allow")) << ambiguous.describe();
  EXPECT_TRUE(has(ambiguous.err, "second_deny")) << ambiguous.describe();
  EXPECT_TRUE(has(ambiguous.err, "--scenario")) << ambiguous.describe();

  const auto unknown = replay({file.string(), "--scenario", "third"}, dir, "replay-third");
  EXPECT_TRUE(unknown.status.exited_with(2)) << unknown.describe();
  EXPECT_TRUE(has(unknown.err, "third")) << unknown.describe();
  EXPECT_TRUE(has(unknown.err, "first_allow")) << unknown.describe();
}

TEST(ReplayCommand, ScenarioOptionPicksOneScenarioOfAFile) {
  TempDir dir;
  const auto file = dir / "two.json";
  write_file(file, R"([{"name": "first_allow"}, {"name": "second_allow"}])");
  const auto r = replay({file.string(), "--scenario", "second_allow"}, dir, "replay-pick");
  ASSERT_TRUE(r.status.exited_with(0)) << r.describe();
  EXPECT_TRUE(has(r.out, "Replay of second_allow (" + file.string() + ")")) << r.describe();
  EXPECT_FALSE(has(r.out, "first_allow")) << r.describe();
  // An allow flow goes all the way: the code is redeemed and the API answers.
  EXPECT_TRUE(has(r.out, "\nstep 7-8 ")) << r.describe();
  EXPECT_TRUE(has(r.out, "\nstep 9-10 ")) << r.describe();
}

TEST(ReplayCommand, HelpTeachesTheOptionsAndExitsZero) {
  TempDir dir;
  const auto r = replay({"--help"}, dir, "replay-help");
  EXPECT_TRUE(r.status.exited_with(0)) << r.describe();
  for (const char* word : {"--scenario", "--seed", "SCENARIO", "oauthsim replay deny"}) {
    EXPECT_TRUE(has(r.out, word)) << word << "\n" << r.describe();
  }
}

TEST(ReplayCommand, MissingScenarioArgumentExitsTwo) {
  TempDir dir;
  const auto r = replay({}, dir, "replay-none");
  EXPECT_TRUE(r.status.exited_with(2)) << r.describe();
  EXPECT_TRUE(has(r.err, "SCENARIO")) << r.describe();
}

}  // namespace
}  // namespace oauthsim::process_test
