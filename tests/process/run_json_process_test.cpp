// `oauthsim run --json` as a user runs it: the real executable, its exit status, and the report
// file it leaves behind, read back as JSON.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "child_process.h"

namespace oauthsim::process_test {
namespace {

struct RunOutcome {
  ExitStatus status;
  std::string out, err;
  std::string describe() const {
    return status.describe() + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
};

RunOutcome run_oauthsim(std::vector<std::string> args, const TempDir& dir,
                        const std::string& name) {
  args.insert(args.begin(), {kAppBin, "run"});
  ChildProcess child(std::move(args), dir.path(), name);
  const auto status = child.wait_for_exit(kRunDeadline);
  if (!status) {
    throw std::runtime_error(name + " still ran after " + std::to_string(kRunDeadline.count()) +
                             " ms\n" + child.output_for_diagnosis());
  }
  return {*status, child.out(), child.err()};
}

const nlohmann::json* scenario_named(const nlohmann::json& report, const std::string& name) {
  for (const auto& s : report.at("scenarios")) {
    if (s.at("name") == name) return &s;
  }
  return nullptr;
}

const nlohmann::json* check_named(const nlohmann::json& scenario, int step,
                                  const std::string& name) {
  for (const auto& c : scenario.at("steps").at(static_cast<std::size_t>(step - 1)).at("checks")) {
    if (c.at("name") == name) return &c;
  }
  return nullptr;
}

// The allow flow passes; expecting invalid_grant at step 8 of it is deliberately wrong; an allow
// flow asking for a refresh check has nothing for it to judge.
constexpr const char* kScenarios = R"([
  {"name": "allow_as_is"},
  {"name": "allow_expected_to_fail", "expect": {"steps": {"8": {"refused": "invalid_grant"}}}},
  {"name": "allow_asking_for_a_refresh_check",
   "expect": {"checks": ["RefreshRotatesRefreshToken"]}}
])";

TEST(RunJson, WritesEachScenariosVerdictChecksAndRedactedTraceAndExitsOneOnAFailure) {
  TempDir dir;
  const auto scenarios = dir.path() / "three.json";
  write_file(scenarios, kScenarios);
  const auto report_path = dir.path() / "report.json";
  const RunOutcome run =
      run_oauthsim({scenarios.string(), "--json", report_path.string()}, dir, "json");
  EXPECT_TRUE(run.status.exited_with(1)) << run.describe();

  const std::string text = read_file(report_path);
  const auto report = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << text;
  EXPECT_EQ(report.at("summary").at("passed"), 1);
  EXPECT_EQ(report.at("summary").at("failed"), 2);

  const auto* ok = scenario_named(report, "allow_as_is");
  ASSERT_NE(ok, nullptr) << text;
  EXPECT_EQ(ok->at("passed"), true);
  ASSERT_EQ(ok->at("steps").size(), 10u);
  for (const auto& s : ok->at("steps")) EXPECT_EQ(s.at("verdict"), "pass") << s.dump();
  EXPECT_FALSE(ok->at("trace").empty());

  const auto* wrong = scenario_named(report, "allow_expected_to_fail");
  ASSERT_NE(wrong, nullptr) << text;
  EXPECT_EQ(wrong->at("passed"), false);
  EXPECT_EQ(wrong->at("steps").at(7).at("verdict"), "fail");
  const auto* outcome = check_named(*wrong, 8, "StepOutcomeMatchesScenario");
  ASSERT_NE(outcome, nullptr);
  EXPECT_EQ(outcome->at("result"), "fail");

  const auto* unjudged = scenario_named(report, "allow_asking_for_a_refresh_check");
  ASSERT_NE(unjudged, nullptr) << text;
  EXPECT_EQ(unjudged->at("passed"), false);
  const auto* rotation = check_named(*unjudged, 8, "RefreshRotatesRefreshToken");
  ASSERT_NE(rotation, nullptr) << "the requested check is missing from the report";
  EXPECT_EQ(rotation->at("result"), "fail");
  EXPECT_NE(rotation->at("evidence").get<std::string>().find("requested but never applied"),
            std::string::npos);

  // The report holds the traces, never the secrets that crossed the wire.
  for (const char* secret : {"acme-secret", "wonderland"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
}

TEST(RunJson, AllPassingExitsZeroWithAnEmptyFailedCount) {
  TempDir dir;
  const auto report_path = dir.path() / "report.json";
  const RunOutcome run =
      run_oauthsim({"--filter", "deny", "--json", report_path.string()}, dir, "ok");
  EXPECT_TRUE(run.status.exited_with(0)) << run.describe();
  const auto report = nlohmann::json::parse(read_file(report_path), nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_GE(report.at("summary").at("passed").get<int>(), 1);
  EXPECT_EQ(report.at("summary").at("failed"), 0);
  for (const auto& s : report.at("scenarios")) {
    EXPECT_NE(s.at("name").get<std::string>().find("deny"), std::string::npos);
  }
}

TEST(RunJson, AReportThatCannotBeWrittenExitsTwoNamingThePath) {
  TempDir dir;
  const auto unwritable = (dir.path() / "no-such-dir" / "report.json").string();
  const RunOutcome run =
      run_oauthsim({"--filter", "allow", "--json", unwritable}, dir, "unwritable");
  EXPECT_TRUE(run.status.exited_with(2)) << run.describe();
  EXPECT_NE(run.err.find(unwritable), std::string::npos) << run.describe();
  // The verdicts still reached the console.
  EXPECT_NE(run.out.find("passed"), std::string::npos) << run.describe();
}

TEST(RunJson, AMissingReportPathIsBadUsage) {
  TempDir dir;
  const RunOutcome run = run_oauthsim({"--json"}, dir, "no-path");
  EXPECT_TRUE(run.status.exited_with(2)) << run.describe();
  EXPECT_NE(run.err.find("json"), std::string::npos) << run.describe();
}

}  // namespace
}  // namespace oauthsim::process_test
