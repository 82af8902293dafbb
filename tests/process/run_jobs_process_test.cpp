// `oauthsim run --jobs N`: scenarios side by side, each in its own world, so the verdicts of the
// whole catalog are the same whatever N, and the console lists them in catalog order.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "child_process.h"

namespace oauthsim::process_test {
namespace {

struct JobsRun {
  ExitStatus status;
  std::string out, err;
  nlohmann::json report;
};

JobsRun run_catalog(const std::string& jobs, const TempDir& dir) {
  const auto report_path = dir.path() / ("jobs-" + jobs + ".json");
  ChildProcess child({kAppBin, "run", "--jobs", jobs, "--json", report_path.string()}, dir.path(),
                     "jobs-" + jobs);
  const auto status = child.wait_for_exit(kRunDeadline);
  if (!status) throw std::runtime_error("oauthsim run --jobs " + jobs + " did not finish");
  JobsRun run{*status, child.out(), child.err(), nlohmann::json()};
  if (status->exited_with(0) || status->exited_with(1)) {
    run.report = nlohmann::json::parse(read_file(report_path), nullptr, false);
  }
  return run;
}

// What a scenario's verdict is made of: every step's verdict and observation and every check's
// result and evidence. Two things differ from run to run whatever --jobs is, and are taken out:
// ports (each world binds free ones) and the thumbprints of the HTTPS scenarios' client
// certificates (the test PKI is made afresh by each process). Wall times are not verdicts.
nlohmann::json verdicts(const nlohmann::json& report) {
  static const std::regex kPort(R"((127\.0\.0\.1|localhost|\[::1\]):\d+)");
  static const std::regex kThumbprint(R"(x5t#S256 [A-Za-z0-9_-]{43})");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : report.at("scenarios")) {
    nlohmann::json steps = s.at("steps");
    out.push_back({{"name", s.at("name")},
                   {"passed", s.at("passed")},
                   {"error", s.value("error", "")},
                   {"steps", nlohmann::json::parse(std::regex_replace(
                                 std::regex_replace(steps.dump(), kPort, "$1:PORT"), kThumbprint,
                                 "x5t#S256 THUMBPRINT"))}});
  }
  return out;
}

// The progress lines ("[3/67] name pass (12 ms)") without their times.
std::vector<std::string> progress_names(const std::string& out) {
  static const std::regex kLine(R"(^\[(\d+)/\d+\] (\S+) +(pass|FAIL))");
  std::vector<std::string> names;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, kLine)) names.push_back(m[1].str() + " " + m[2].str());
  }
  return names;
}

TEST(RunJobs, OneJobAndFourJobsGiveTheWholeCatalogTheSameVerdictsInTheSameOrder) {
  TempDir dir;
  const JobsRun one = run_catalog("1", dir);
  const JobsRun four = run_catalog("4", dir);
  ASSERT_FALSE(one.report.is_discarded()) << one.out << one.err;
  ASSERT_FALSE(four.report.is_discarded()) << four.out << four.err;
  EXPECT_EQ(one.status.describe(), four.status.describe());
  ASSERT_GT(one.report.at("scenarios").size(), 10u);

  const auto a = verdicts(one.report);
  const auto b = verdicts(four.report);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i], b[i]) << "scenario " << i << " differs between --jobs 1 and --jobs 4";
  }
  const auto order = progress_names(one.out);
  EXPECT_EQ(order.size(), a.size()) << one.out;
  EXPECT_EQ(order, progress_names(four.out)) << four.out;
  for (std::size_t i = 0; i < order.size() && i < a.size(); ++i) {
    EXPECT_EQ(order[i], std::to_string(i + 1) + " " + a[i].at("name").get<std::string>());
  }
}

TEST(RunJobs, ZeroJobsIsBadUsageNamingTheOption) {
  TempDir dir;
  ChildProcess child({kAppBin, "run", "--jobs", "0"}, dir.path(), "jobs-0");
  const auto status = child.wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->exited_with(2)) << child.out() << child.err();
  EXPECT_NE(child.err().find("jobs"), std::string::npos) << child.err();
}

}  // namespace
}  // namespace oauthsim::process_test
