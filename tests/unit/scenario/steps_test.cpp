// observe_step reads each of the ten steps off a trace; judge_steps grades them against a
// scenario's expectations.
#include "oauthsim/scenario/judging/steps.h"

#include <gtest/gtest.h>

#include "oauthsim/scenario/judging/refresh_checks.h"
#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Trace = std::vector<TraceEntry>;
namespace party = common::party;
using namespace test;  // NOLINT: the builder vocabulary reads better unqualified

// What observe_step saw, copied out of the view it points into.
struct Seen {
  bool reached = false;
  bool refused = false;
  std::string error;
  std::string summary;
  std::uint64_t seq = 0;  // of the entry the step was read from; 0: none
};

Seen observe(int step, const Trace& trace) {
  const FlowView view = flow_of(trace);
  const StepObservation o = observe_step(step, view);
  return {o.reached, o.refused, o.error, o.summary, o.entry ? o.entry->seq : 0};
}

Expectations all_pass() {
  Expectations x;
  x.fill(StepExpectation::passes());
  return x;
}

Expectations deny_expectations() {
  Expectations x = all_pass();
  x[4] = StepExpectation::refused("access_denied");
  x[5] = StepExpectation::refused("access_denied");
  for (std::size_t i = 6; i < kStepCount; ++i) x[i] = StepExpectation::not_reached();
  return x;
}

Trace deny_flow() {
  return {connect(), authorization_request(), login(), consent_shown(), consent_decision("deny")};
}

const CheckResult* find_check(const StepResult& r, std::string_view name) {
  for (const auto& c : r.checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

TEST(StepTitles, NameTheTenStepsAndNothingElse) {
  for (int s = 1; s <= kStepCount; ++s) EXPECT_NE(step_title(s), "?") << s;
  EXPECT_EQ(step_title(0), "?");
  EXPECT_EQ(step_title(11), "?");
  EXPECT_EQ(to_string(Verdict::kPass), "pass");
  EXPECT_EQ(to_string(Verdict::kFail), "fail");
  EXPECT_EQ(to_string(Verdict::kNotReached), "not_reached");
}

TEST(ObserveStep, EmptyTraceReachesNoStep) {
  for (int s = 0; s <= kStepCount + 1; ++s) {
    const auto o = observe(s, {});
    EXPECT_FALSE(o.reached) << s;
    EXPECT_FALSE(o.refused) << s;
    EXPECT_EQ(o.seq, 0u) << s;
  }
}

TEST(ObserveStep, ConformingAllowFlowCompletesEveryStep) {
  const Trace t = allow_flow();
  for (int s = 1; s <= kStepCount; ++s) {
    const auto o = observe(s, t);
    EXPECT_TRUE(o.reached) << s;
    EXPECT_FALSE(o.refused) << s << ": " << o.error;
    EXPECT_NE(o.seq, 0u) << s;
  }
}

TEST(ObserveStep, Step1IsTheUserAgentsConnectRequestRefusedOnAnErrorStatus) {
  Trace t{connect()};
  auto o = observe(1, t);
  EXPECT_TRUE(o.reached);
  EXPECT_FALSE(o.refused);
  EXPECT_EQ(o.summary, "GET /connect -> 302");

  t[0].status = 500;
  o = observe(1, t);
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "http_500");

  t[0].status = 0;  // the client never answered
  EXPECT_EQ(observe(1, t).error, "http_0");

  // The client's own record of the request is not the user's view of step 1.
  t[0].observer = party::kClient;
  EXPECT_FALSE(observe(1, t).reached);
}

TEST(ObserveStep, Step2IsRefusedByAnErrorPageOrAnErrorRedirect) {
  Trace t{authorization_request()};
  EXPECT_TRUE(observe(2, t).reached);
  EXPECT_FALSE(observe(2, t).refused);

  t[0].status = 400;
  auto o = observe(2, t);
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "error_page");

  t[0].status = 302;
  t[0].response_headers.set("Location",
                            std::string(kCallback) + "?error=invalid_scope&state=" + kState);
  o = observe(2, t);
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "invalid_scope");

  // Only the authorization server's record counts.
  t[0].observer = party::kUserAgent;
  EXPECT_FALSE(observe(2, t).reached);
}

TEST(ObserveStep, Step3CompletesWhenAnyLoginWasAccepted) {
  auto o = observe(3, {authorization_request(), login(false)});
  EXPECT_TRUE(o.reached);
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "login_failed");

  o = observe(3, {authorization_request(), login(false), login(true)});
  EXPECT_TRUE(o.reached);
  EXPECT_FALSE(o.refused);
  EXPECT_NE(o.summary.find("2 login attempt(s)"), std::string::npos) << o.summary;
}

TEST(ObserveStep, Step4IsTheConsentFormNote) {
  EXPECT_TRUE(observe(4, {consent_shown()}).reached);
  EXPECT_FALSE(observe(4, {login(), consent_decision()}).reached);
}

TEST(ObserveStep, Step5IsRefusedUnlessTheDecisionIsAllow) {
  EXPECT_FALSE(observe(5, {consent_decision("allow")}).refused);

  auto o = observe(5, {consent_decision("deny")});
  EXPECT_TRUE(o.reached);
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "access_denied");

  TraceEntry no_decision = consent_decision("allow");
  no_decision.form.erase("decision");
  o = observe(5, {no_decision});
  EXPECT_TRUE(o.refused);
  EXPECT_NE(o.summary.find("decision=(none)"), std::string::npos) << o.summary;
}

TEST(ObserveStep, Step6ReadsTheCodeOrErrorFromTheRedirectBack) {
  auto o = observe(6, {consent_decision("allow")});
  EXPECT_TRUE(o.reached);
  EXPECT_FALSE(o.refused);
  EXPECT_EQ(o.summary, std::string("302 to ") + kCallback + " with a code");

  o = observe(6, {consent_decision("deny")});
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "access_denied");
  EXPECT_NE(o.summary.find("with error=access_denied"), std::string::npos) << o.summary;

  // The login's redirect to the consent page is not the redirect back.
  EXPECT_FALSE(observe(6, {login()}).reached);
}

TEST(ObserveStep, Step6CanBeAnErrorRedirectFromTheAuthorizationEndpoint) {
  TraceEntry refused = authorization_request();
  refused.status = 302;
  refused.response_headers.set("Location",
                               std::string(kCallback) + "?error=invalid_scope&state=" + kState);
  auto o = observe(6, {refused});
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "invalid_scope");
}

TEST(ObserveStep, Steps7And8AreTheFirstCodeRedemption) {
  auto o7 = observe(7, allow_flow());
  EXPECT_TRUE(o7.reached);
  EXPECT_EQ(o7.summary, "POST /identity/oauth/token grant_type=authorization_code");
  EXPECT_FALSE(observe(8, allow_flow()).refused);

  Trace replay = allow_flow();
  replay.push_back(code_refused("invalid_grant"));
  EXPECT_NE(observe(7, replay).summary.find("(2 times)"), std::string::npos);
  EXPECT_FALSE(observe(8, replay).refused);  // the first redemption is the one step 8 shows
  EXPECT_EQ(observe(8, replay).seq, observe(7, allow_flow()).seq);

  auto o8 = observe(8, {code_refused("invalid_grant")});
  EXPECT_TRUE(o8.refused);
  EXPECT_EQ(o8.error, "invalid_grant");

  TraceEntry no_body = code_refused("", 503);
  no_body.response_fields = {};
  EXPECT_EQ(observe(8, {no_body}).error, "http_503");

  // A refresh is not a code redemption.
  EXPECT_FALSE(observe(7, {refresh(kRefreshToken, "[redacted fp:5463eea3]")}).reached);
}

TEST(ObserveStep, Step9CountsTheApiCallsTheResourceServerSaw) {
  auto o = observe(9, {api_call(), api_call(200, kAccessToken, "/candidates")});
  EXPECT_TRUE(o.reached);
  EXPECT_EQ(o.summary, "2 API call(s), first GET /users/me");
}

TEST(ObserveStep, Step10IsJudgedByTheLastApiAnswer) {
  auto o = observe(10, {api_call(401), api_call(200)});
  EXPECT_FALSE(o.refused);
  EXPECT_EQ(o.summary, "answers 401, 200");
  EXPECT_EQ(o.seq, 2u);

  o = observe(10, {api_call(200), api_call(401)});
  EXPECT_TRUE(o.refused);
  EXPECT_EQ(o.error, "invalid_token");  // from the challenge

  TraceEntry forbidden =
      rs_saw("GET", "/candidates")
          .status(403)
          .header("WWW-Authenticate",
                  "Bearer error=\"insufficient_scope\", scope=\"candidates_read\"");
  EXPECT_EQ(observe(10, {forbidden}).error, "insufficient_scope");

  TraceEntry limited = rs_saw("GET", "/users/me").status(429).field("error", "rate_limited");
  EXPECT_EQ(observe(10, {limited}).error, "rate_limited");  // no challenge: the body's error
  limited.response_fields = {};
  EXPECT_EQ(observe(10, {limited}).error, "http_429");
}

TEST(JudgeSteps, ConformingAllowFlowPassesEveryStep) {
  const auto results = judge_steps(flow_of(allow_flow()), all_pass());
  ASSERT_EQ(results.size(), static_cast<std::size_t>(kStepCount));
  for (const auto& r : results) {
    EXPECT_EQ(r.verdict, Verdict::kPass) << "step " << r.step << ": " << r.observed;
    ASSERT_FALSE(r.checks.empty());
    EXPECT_EQ(r.checks.front().name, "StepOutcomeMatchesScenario");
  }
  EXPECT_NE(find_check(results[1], "StateCarriesAtLeast128Bits"), nullptr);
  EXPECT_NE(find_check(results[6], "ClientAuthenticatesOnce"), nullptr);
}

TEST(JudgeSteps, DeniedFlowPassesWithRefusalsAndUnreachedSteps) {
  const auto results = judge_steps(flow_of(deny_flow()), deny_expectations());
  for (int s = 1; s <= 6; ++s) EXPECT_EQ(results[s - 1].verdict, Verdict::kPass) << s;
  for (int s = 7; s <= kStepCount; ++s) {
    EXPECT_EQ(results[s - 1].verdict, Verdict::kNotReached) << s;
    // Only the outcome is judged: the step's own checks have nothing to look at.
    EXPECT_EQ(results[s - 1].checks.size(), 1u) << s;
    EXPECT_TRUE(results[s - 1].checks.front().passed) << s;
  }
}

TEST(JudgeSteps, ExpectedToCompleteButNeverReachedFailsNamingBoth) {
  const auto results = judge_steps(flow_of(deny_flow()), all_pass());
  const StepResult& step7 = results[6];
  EXPECT_EQ(step7.verdict, Verdict::kFail);
  const CheckResult* outcome = find_check(step7, "StepOutcomeMatchesScenario");
  ASSERT_NE(outcome, nullptr);
  EXPECT_FALSE(outcome->passed);
  EXPECT_EQ(outcome->evidence, "expected: the step completes; actual: it was never reached");
  EXPECT_EQ(outcome->trace_seq, 0u);
}

TEST(JudgeSteps, RefusedWithTheWrongErrorFails) {
  Expectations x = deny_expectations();
  x[5] = StepExpectation::refused("invalid_scope");
  const auto results = judge_steps(flow_of(deny_flow()), x);
  EXPECT_EQ(results[5].verdict, Verdict::kFail);
  const CheckResult* outcome = find_check(results[5], "StepOutcomeMatchesScenario");
  ASSERT_NE(outcome, nullptr);
  EXPECT_NE(outcome->evidence.find("is refused with invalid_scope"), std::string::npos)
      << outcome->evidence;
  EXPECT_NE(outcome->evidence.find("was refused with access_denied"), std::string::npos)
      << outcome->evidence;
  EXPECT_EQ(outcome->trace_seq, 5u);  // the consent decision, fifth in the deny flow

  // An expectation without an error code accepts any refusal.
  x[5] = StepExpectation::refused("");
  EXPECT_EQ(judge_steps(flow_of(deny_flow()), x)[5].verdict, Verdict::kPass);
}

TEST(JudgeSteps, ExpectedRefusalThatCompletedFails) {
  Expectations x = all_pass();
  x[7] = StepExpectation::refused("invalid_grant");
  const auto results = judge_steps(flow_of(allow_flow()), x);
  EXPECT_EQ(results[7].verdict, Verdict::kFail);
  EXPECT_NE(results[7].checks.front().evidence.find("actual: it completed"), std::string::npos);
}

TEST(JudgeSteps, ExpectedNotReachedButReachedFails) {
  Expectations x = all_pass();
  x[8] = StepExpectation::not_reached();
  const auto results = judge_steps(flow_of(allow_flow()), x);
  EXPECT_EQ(results[8].verdict, Verdict::kFail);
  EXPECT_NE(results[8].checks.front().evidence.find("is never reached"), std::string::npos);
}

TEST(JudgeSteps, AFailedCheckFailsAStepWhoseOutcomeMatches) {
  Trace t = allow_flow();
  entry_at(t, party::kAuthorizationServer, paths::kAuthorize).query.set("state", "abc");
  const auto results = judge_steps(flow_of(t), all_pass());
  EXPECT_TRUE(results[1].checks.front().passed);
  EXPECT_EQ(results[1].verdict, Verdict::kFail);
  const CheckResult* state = find_check(results[1], "StateCarriesAtLeast128Bits");
  ASSERT_NE(state, nullptr);
  EXPECT_FALSE(state->passed);
  // The echo check at step 6 sees a different state coming back, so it fails too.
  EXPECT_EQ(results[5].verdict, Verdict::kFail);
  EXPECT_EQ(results[0].verdict, Verdict::kPass);
}

TEST(JudgeSteps, ExtraChecksJoinAtTheirStepOnlyWhenItIsReached) {
  Trace t = allow_flow();
  t.push_back(api_call(401));
  t.push_back(refresh(kRefreshToken, "[redacted fp:5463eea3]"));
  t.push_back(api_call(200, "[redacted fp:b19ee856]"));
  ClientRefreshesAndRetriesOnce retries;
  RotatedOutRefreshTokenIsRefused rotated_out;
  const auto results = judge_steps(flow_of(t), all_pass(), {&retries, &rotated_out});

  const CheckResult* r9 = find_check(results[8], "ClientRefreshesAndRetriesOnce");
  ASSERT_NE(r9, nullptr);
  EXPECT_TRUE(r9->passed) << r9->evidence;
  // No stolen refresh token was replayed, so the step-8 assertion fails the step.
  const CheckResult* r8 = find_check(results[7], "RotatedOutRefreshTokenIsRefused");
  ASSERT_NE(r8, nullptr);
  EXPECT_FALSE(r8->passed);
  EXPECT_EQ(results[7].verdict, Verdict::kFail);
}

TEST(JudgeSteps, ARequestedCheckThatNeverAppliesFailsItsStep) {
  // No API call was refused: the retry check has nothing to judge, and says so by failing.
  ClientRefreshesAndRetriesOnce retries;
  const auto results = judge_steps(flow_of(allow_flow()), all_pass(), {&retries});
  const CheckResult* r9 = find_check(results[8], "ClientRefreshesAndRetriesOnce");
  ASSERT_NE(r9, nullptr);
  EXPECT_FALSE(r9->passed);
  EXPECT_NE(r9->evidence.find("requested but never applied"), std::string::npos) << r9->evidence;
  EXPECT_EQ(results[8].verdict, Verdict::kFail);

  // Where its step never happens a requested check is not judged either: that fails the step.
  RotatedOutRefreshTokenIsRefused rotated_out;
  const auto denied = judge_steps(flow_of(deny_flow()), deny_expectations(), {&rotated_out});
  const CheckResult* r8 = find_check(denied[7], "RotatedOutRefreshTokenIsRefused");
  ASSERT_NE(r8, nullptr);
  EXPECT_FALSE(r8->passed);
  EXPECT_NE(r8->evidence.find("requested but never applied"), std::string::npos) << r8->evidence;
  EXPECT_EQ(denied[7].verdict, Verdict::kFail);
  EXPECT_EQ(denied[6].verdict, Verdict::kNotReached);
}

TEST(JudgeSteps, ACheckTheScenarioExpectsToFailPassesWhenItFails) {
  Trace t = allow_flow();
  t.push_back(code_refused("invalid_grant"));  // the same code sent a second time
  const auto plain = judge_steps(flow_of(t), all_pass());
  ASSERT_NE(find_check(plain[6], "CodeIsRedeemedOnce"), nullptr);
  EXPECT_FALSE(find_check(plain[6], "CodeIsRedeemedOnce")->passed);

  const auto results = judge_steps(flow_of(t), all_pass(), {}, {"CodeIsRedeemedOnce"});
  const CheckResult* c = find_check(results[6], "CodeIsRedeemedOnce");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->passed);
  EXPECT_EQ(c->evidence.rfind("fails as the scenario expects: ", 0), 0u) << c->evidence;
  EXPECT_EQ(results[6].verdict, Verdict::kPass);
}

TEST(JudgeSteps, ACheckExpectedToFailThatPassesFailsTheStep) {
  const auto results = judge_steps(flow_of(allow_flow()), all_pass(), {}, {"CodeIsRedeemedOnce"});
  const CheckResult* c = find_check(results[6], "CodeIsRedeemedOnce");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->passed);
  EXPECT_NE(c->evidence.find("expects this check to fail, but it passed"), std::string::npos)
      << c->evidence;
  EXPECT_EQ(results[6].verdict, Verdict::kFail);
}

TEST(JudgeSteps, ACheckExpectedToFailThatNeverAppliesFailsItsStep) {
  const auto results =
      judge_steps(flow_of(deny_flow()), deny_expectations(), {}, {"CodeIsRedeemedOnce"});
  const CheckResult* c = find_check(results[6], "CodeIsRedeemedOnce");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->passed);
  EXPECT_NE(c->evidence.find("never applied"), std::string::npos) << c->evidence;
  EXPECT_EQ(results[6].verdict, Verdict::kFail);
}

TEST(JudgeSteps, Step8JudgesTheRefusalReasonAScenarioNames) {
  Trace t{connect(), authorization_request(), login(), consent_shown(), consent_decision()};
  TraceEntry refused = code_refused("invalid_grant");
  refused.refusal_reason = common::RefusalReason::kCodeVerifierWithoutChallenge;
  t.push_back(refused);
  Expectations x = all_pass();
  x[7] = StepExpectation::refused("invalid_grant", "code_verifier_mismatch");
  x[8] = StepExpectation::not_reached();
  x[9] = StepExpectation::not_reached();
  auto results = judge_steps(flow_of(t), x);
  EXPECT_EQ(results[7].verdict, Verdict::kFail);
  EXPECT_NE(results[7].checks.front().evidence.find(
                "because of code_verifier_mismatch; actual: it was refused with invalid_grant "
                "because of code_verifier_without_challenge"),
            std::string::npos)
      << results[7].checks.front().evidence;

  t.back().refusal_reason = common::RefusalReason::kCodeVerifierMismatch;
  results = judge_steps(flow_of(t), x);
  EXPECT_EQ(results[7].verdict, Verdict::kPass) << results[7].checks.front().evidence;
  // Without a reason in the expectation any invalid_grant matches, as before.
  x[7] = StepExpectation::refused("invalid_grant");
  t.back().refusal_reason = common::RefusalReason::kCodeExpired;
  EXPECT_EQ(judge_steps(flow_of(t), x)[7].verdict, Verdict::kPass);
}

TEST(ObserveStep, Steps7And8FallBackToTheClientCredentialsGrant) {
  TraceEntry cc = as_saw("POST", paths::kToken, party::kClient)
                      .form("grant_type", "client_credentials")
                      .form("client_id", "acme-ats")
                      .form("client_secret", "[redacted]")
                      .status(200)
                      .field("access_token", kAccessToken);
  auto o7 = observe(7, {cc});
  EXPECT_TRUE(o7.reached);
  EXPECT_EQ(o7.summary, "POST /identity/oauth/token grant_type=client_credentials");
  EXPECT_FALSE(observe(8, {cc}).refused);
  // With a code redemption in the trace, the code is what steps 7 and 8 show.
  Trace both = allow_flow();
  both.push_back(cc);
  EXPECT_EQ(observe(7, both).summary, "POST /identity/oauth/token grant_type=authorization_code");
}

}  // namespace
}  // namespace oauthsim::scenario
