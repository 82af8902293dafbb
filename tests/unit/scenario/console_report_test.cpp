// console_report: what a person reads after `oauthsim run` / `check-client`.
#include "oauthsim/scenario/reports/console_report.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "unit/scenario/flow_result_builder.h"

namespace oauthsim::scenario {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ConsoleReport, AFailedWarningIsShownAsWarnWhileItsFlowPasses) {
  FlowResult r = test::passing_flow("client_plan_allow");
  test::warn_check(r, 7, "ClientCallsOnlyEndpointsSrServes", "SR: no revocation",
                   "the client called POST /identity/oauth/revoke");
  std::ostringstream progress;
  print_progress(progress, 1, 1, r);
  EXPECT_TRUE(has(progress.str(), "pass")) << progress.str();
  EXPECT_TRUE(has(progress.str(), "1 warning(s)")) << progress.str();

  std::ostringstream summary;
  print_summary(summary, {r}, false);
  const std::string out = summary.str();
  EXPECT_TRUE(has(out, "WARN ClientCallsOnlyEndpointsSrServes [SR: no revocation]")) << out;
  EXPECT_TRUE(has(out, "POST /identity/oauth/revoke")) << out;
  EXPECT_TRUE(has(out, "1 WARNING check(s) failed")) << out;
  EXPECT_TRUE(out.ends_with("1 passed, 0 failed\n")) << out;
}

TEST(ConsoleReport, StrictMakesAFailedWarningFailItsStepAndFlow) {
  FlowResult r = test::passing_flow("client_plan_allow");
  test::warn_check(r, 7, "RedirectUriMatchesAuthorization", "RFC6749-4.1.3", "not sent");
  ASSERT_EQ(warning_count(r), 1u);
  make_warnings_fail(r);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.steps[6].verdict, Verdict::kFail);
  EXPECT_EQ(warning_count(r), 0u);
  std::ostringstream summary;
  print_summary(summary, {r}, false);
  EXPECT_TRUE(has(summary.str(), "FAIL RedirectUriMatchesAuthorization")) << summary.str();
  EXPECT_TRUE(summary.str().ends_with("0 passed, 1 failed\n")) << summary.str();
}

}  // namespace
}  // namespace oauthsim::scenario
