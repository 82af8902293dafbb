// A scenario's expectation for one action's API call, judged on the calls between that
// action's harness marker and the next one.
#include "oauthsim/scenario/judging/api_call_check.h"

#include <gtest/gtest.h>

#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Trace = std::vector<TraceEntry>;
namespace party = common::party;
using namespace test;  // NOLINT: the builder vocabulary reads better unqualified

using test::marker;

CheckResult judge(int action, ApiCallExpectation x, const Trace& trace) {
  auto r = ApiCallAnswersAsScenarioExpects(action, std::move(x)).evaluate(flow_of(trace));
  EXPECT_TRUE(r.has_value());
  return r.value_or(CheckResult{});
}

// Action 1 connects (the app greets with /users/me), action 2 calls /jobs twice (401, refresh,
// 200), action 3 calls /candidates and is refused.
Trace three_actions() {
  return {marker("action 1: connect (alice@example.com allows)"),
          api_call(200),
          marker("action 2: call_api GET /jobs"),
          api_call(401, kAccessToken, "/jobs"),
          marker("fault: something injected mid-action"),
          api_call(200, "[redacted fp:b19ee856]", "/jobs"),
          marker("action 3: call_api GET /candidates"),
          rs_saw("GET", "/candidates")
              .status(403)
              .header("WWW-Authenticate",
                      "Bearer error=\"insufficient_scope\", scope=\"candidates_read\"")};
}

TEST(ApiCallAnswersAsScenarioExpects, JudgesTheLastCallOfItsOwnAction) {
  const CheckResult r = judge(2, {200, ""}, three_actions());
  EXPECT_TRUE(r.passed) << r.evidence;
  EXPECT_EQ(r.name, "ApiCallAnswersAsScenarioExpects");
  EXPECT_NE(r.evidence.find("action 2: call_api GET /jobs"), std::string::npos) << r.evidence;
  EXPECT_NE(r.evidence.find("GET /jobs answered 200"), std::string::npos) << r.evidence;
}

TEST(ApiCallAnswersAsScenarioExpects, WrongStatusFailsNamingExpectedAndActual) {
  const CheckResult r = judge(2, {401, "invalid_token"}, three_actions());
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.evidence.find("expected 401 invalid_token, actual GET /jobs answered 200"),
            std::string::npos)
      << r.evidence;
}

TEST(ApiCallAnswersAsScenarioExpects, ErrorIsReadFromTheChallenge) {
  EXPECT_TRUE(judge(3, {403, "insufficient_scope"}, three_actions()).passed);
  const CheckResult wrong = judge(3, {403, "invalid_token"}, three_actions());
  EXPECT_FALSE(wrong.passed);
  EXPECT_NE(wrong.evidence.find("403 insufficient_scope"), std::string::npos) << wrong.evidence;
}

TEST(ApiCallAnswersAsScenarioExpects, ActionTenIsNotActionOne) {
  Trace trace = three_actions();
  trace.push_back(marker("action 10: call_api GET /users/me"));
  trace.push_back(api_call(401));
  EXPECT_TRUE(judge(1, {200, ""}, trace).passed);
  EXPECT_TRUE(judge(10, {401, "invalid_token"}, trace).passed);
}

TEST(ApiCallAnswersAsScenarioExpects, ActionWithoutAnApiCallFails) {
  Trace trace = three_actions();
  trace.push_back(marker("action 4: advance_clock 60 s"));
  const CheckResult r = judge(4, {200, ""}, trace);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.evidence.find("made no API call"), std::string::npos) << r.evidence;
}

TEST(ApiCallAnswersAsScenarioExpects, MissingMarkerFails) {
  const CheckResult r = judge(7, {200, ""}, three_actions());
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.evidence.find("no marker of action 7"), std::string::npos) << r.evidence;
}

}  // namespace
}  // namespace oauthsim::scenario
