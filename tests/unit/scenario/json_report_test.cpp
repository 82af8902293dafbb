// json_report: the machine-readable results of `oauthsim run --json`.
#include "oauthsim/scenario/reports/json_report.h"

#include <gtest/gtest.h>

#include <string>

#include "unit/scenario/flow_result_builder.h"

namespace oauthsim::scenario {
namespace {

using test::break_harness;
using test::fail_check;
using test::passing_flow;

TEST(JsonReport, SummaryCountsPassedAndFailedFlowsAndTotalWallTime) {
  FlowResult failing = passing_flow("invalid_code", 30);
  fail_check(failing, 8, "TokenErrorIsInvalidGrant", "RFC6749-5.2", "expected invalid_grant");
  FlowResult broken = passing_flow("deny", 20);
  break_harness(broken, "the client did not start");
  const auto report = json_report({passing_flow("allow", 10), failing, broken});
  EXPECT_EQ(report["summary"]["passed"], 1);
  EXPECT_EQ(report["summary"]["failed"], 2);
  EXPECT_DOUBLE_EQ(report["summary"]["wall_ms"].get<double>(), 60.0);
  ASSERT_EQ(report["scenarios"].size(), 3u);
  EXPECT_EQ(report["scenarios"][0]["name"], "allow");
  EXPECT_EQ(report["scenarios"][0]["passed"], true);
  EXPECT_EQ(report["scenarios"][1]["passed"], false);
  EXPECT_DOUBLE_EQ(report["scenarios"][1]["wall_ms"].get<double>(), 30.0);
}

TEST(JsonReport, EmptyRunHasZeroCountsAndNoScenarios) {
  const auto report = json_report({});
  EXPECT_EQ(report["summary"]["passed"], 0);
  EXPECT_EQ(report["summary"]["failed"], 0);
  EXPECT_TRUE(report["scenarios"].is_array());
  EXPECT_TRUE(report["scenarios"].empty());
}

TEST(JsonReport, StepsAreNumberedTitledAndCarryVerdictStrings) {
  FlowResult r = passing_flow("deny");
  fail_check(r, 6, "ErrorRedirectCarriesState", "RFC6749-4.1.2.1", "state missing");
  const auto steps = json_report({r})["scenarios"][0]["steps"];
  ASSERT_EQ(steps.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(steps[static_cast<std::size_t>(i)]["step"], i + 1);
    EXPECT_EQ(steps[static_cast<std::size_t>(i)]["title"], std::string(step_title(i + 1)));
  }
  EXPECT_EQ(steps[0]["verdict"], "pass");
  EXPECT_EQ(steps[5]["verdict"], "fail");
  EXPECT_EQ(steps[9]["verdict"], "not_reached");
  EXPECT_EQ(steps[9]["observed"], "was never reached");
}

TEST(JsonReport, ChecksCarryNameResultRefEvidenceAndTraceSeq) {
  FlowResult r = passing_flow("invalid_code");
  fail_check(r, 8, "TokenErrorIsInvalidGrant", "RFC6749-5.2", "expected invalid_grant", 12);
  const auto checks = json_report({r})["scenarios"][0]["steps"][7]["checks"];
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0]["name"], "StepOutcomeMatchesScenario");
  EXPECT_EQ(checks[0]["result"], "pass");
  EXPECT_EQ(checks[1]["name"], "TokenErrorIsInvalidGrant");
  EXPECT_EQ(checks[1]["result"], "fail");
  EXPECT_EQ(checks[1]["ref"], "RFC6749-5.2");
  EXPECT_EQ(checks[1]["evidence"], "expected invalid_grant");
  EXPECT_EQ(checks[1]["trace_seq"], 12);
}

TEST(JsonReport, EveryCheckCarriesItsLevelAndAFailedWarningReadsAsSuch) {
  FlowResult r = passing_flow("allow");
  test::warn_check(r, 7, "ClientCallsOnlyEndpointsSrServes", "SR", "POST /identity/oauth/revoke");
  fail_check(r, 8, "TokenErrorIsInvalidGrant", "RFC6749-5.2", "expected invalid_grant");
  const auto steps = json_report({r})["scenarios"][0]["steps"];
  EXPECT_EQ(steps[6]["checks"][0]["level"], "FAIL");  // StepOutcomeMatchesScenario
  EXPECT_EQ(steps[6]["checks"][1]["level"], "WARNING");
  EXPECT_EQ(steps[6]["checks"][1]["result"], "warning");
  EXPECT_EQ(steps[7]["checks"][1]["level"], "FAIL");
  EXPECT_EQ(steps[7]["checks"][1]["result"], "fail");
}

TEST(JsonReport, ErrorKeyAppearsOnlyForAHarnessError) {
  FlowResult broken = passing_flow("deny");
  break_harness(broken, "could not set up the parties: port in use");
  const auto report = json_report({passing_flow("allow"), broken});
  EXPECT_FALSE(report["scenarios"][0].contains("error"));
  EXPECT_EQ(report["scenarios"][1]["error"], "could not set up the parties: port in use");
}

TEST(JsonReport, TraceIsEachEntrysOwnJson) {
  FlowResult r = passing_flow("allow");
  common::TraceEntry e;
  e.seq = 3;
  e.observer = common::party::kClient;
  e.from = common::party::kClient;
  e.to = common::party::kAuthorizationServer;
  e.method = "POST";
  e.path = "/identity/oauth/token";
  e.status = 200;
  r.trace.push_back(e);
  const auto trace = json_report({r})["scenarios"][0]["trace"];
  ASSERT_EQ(trace.size(), 1u);
  EXPECT_EQ(trace[0], e.to_json());
}

// Evidence quotes what a party sent, which need not be UTF-8; `oauthsim run` dumps with
// error_handler_t::replace so the report is still written.
TEST(JsonReport, DumpsWithReplacementWhenEvidenceIsNotUtf8) {
  FlowResult r = passing_flow("allow");
  fail_check(r, 4, "ConsentPageIsHtml", "SR-consent", "body starts with \xff\xfe");
  const auto report = json_report({r});
  EXPECT_THROW((void)report.dump(), nlohmann::json::type_error);
  const std::string text = report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  EXPECT_NE(text.find("body starts with \xEF\xBF\xBD\xEF\xBF\xBD"), std::string::npos);
  EXPECT_TRUE(nlohmann::json::accept(text));
}

}  // namespace
}  // namespace oauthsim::scenario
