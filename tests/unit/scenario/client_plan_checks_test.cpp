// The client test plan's checks, each passing, failing and not applying on hand-built traces.
#include "oauthsim/scenario/judging/client_plan_checks.h"

#include <gtest/gtest.h>

#include "unit/scenario/check_assertions.h"
#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Trace = std::vector<TraceEntry>;
namespace party = common::party;
using namespace test;  // NOLINT: the builder vocabulary reads better unqualified

using test::with;

constexpr const char* kOtherState = "Zq81bN0xVv3mRr7TtpL2cY9wKx4aHs6dEe1fGg5hJj0";

// --- ClientAnswersEveryUserRequest ---------------------------------------------------------

TEST(ClientAnswersEveryUserRequest, PassesWhenTheAppAnsweredEveryRequest) {
  EXPECT_TRUE(Passes(ClientAnswersEveryUserRequest(),
                     with(allow_flow(), {ua_saw("GET", "/callback", party::kClient).status(400)})));
}

TEST(ClientAnswersEveryUserRequest, FailsWhenARequestGotNoAnswer) {
  EXPECT_TRUE(Fails(ClientAnswersEveryUserRequest(),
                    with(allow_flow(), {ua_saw("GET", "/callback", party::kClient).status(0)}),
                    "GET /callback got no answer"));
}

TEST(ClientAnswersEveryUserRequest, DoesNotApplyWhenTheUserNeverReachedTheApp) {
  EXPECT_TRUE(DoesNotApply(ClientAnswersEveryUserRequest(), {authorization_request()}));
}

// --- StateIsNeverReused -------------------------------------------------------------------

TEST(StateIsNeverReused, PassesWhenEveryAuthorizationRequestHasItsOwnState) {
  EXPECT_TRUE(
      Passes(StateIsNeverReused(), with(allow_flow(), {authorization_request(kOtherState)})));
}

TEST(StateIsNeverReused, FailsWhenAStateComesTwice) {
  EXPECT_TRUE(
      Fails(StateIsNeverReused(), with(allow_flow(), {authorization_request()}), "reuses state"));
}

TEST(StateIsNeverReused, DoesNotApplyToASingleAuthorizationRequest) {
  EXPECT_TRUE(DoesNotApply(StateIsNeverReused(), allow_flow()));
}

// --- ClientReauthorizesAfterInvalidGrant --------------------------------------------------

TEST(ClientReauthorizesAfterInvalidGrant, PassesWhenANewCodeIsRedeemedAfterTheRefusal) {
  EXPECT_TRUE(
      Passes(ClientReauthorizesAfterInvalidGrant(),
             with(allow_flow(), {refresh_refused(kRefreshToken), authorization_request(kOtherState),
                                 code_redemption("[redacted fp:0badc0de]")})));
}

TEST(ClientReauthorizesAfterInvalidGrant, FailsWhenTheUserIsNeverSentToAuthorizeAgain) {
  EXPECT_TRUE(Fails(ClientReauthorizesAfterInvalidGrant(),
                    with(allow_flow(), {refresh_refused(kRefreshToken)}),
                    "never sent to authorize again"));
}

TEST(ClientReauthorizesAfterInvalidGrant, FailsWhenTheNewCodeIsNeverRedeemed) {
  EXPECT_TRUE(Fails(
      ClientReauthorizesAfterInvalidGrant(),
      with(allow_flow(), {refresh_refused(kRefreshToken), authorization_request(kOtherState)}),
      "no new code was redeemed"));
}

TEST(ClientReauthorizesAfterInvalidGrant, DoesNotApplyWithoutARefusedRefresh) {
  EXPECT_TRUE(DoesNotApply(ClientReauthorizesAfterInvalidGrant(),
                           with(allow_flow(), {refresh(kRefreshToken, "[redacted fp:5463eea3]")})));
}

// --- GrantedScopeIsRespected --------------------------------------------------------------

TEST(GrantedScopeIsRespected, PassesWhenNoCallNeedsAMissingScope) {
  EXPECT_TRUE(Passes(GrantedScopeIsRespected(), allow_flow()));
}

TEST(GrantedScopeIsRespected, FailsWhenACallIsRefusedForInsufficientScope) {
  TraceEntry jobs = api_call(403, kAccessToken, "/jobs");
  jobs.response_headers.add("WWW-Authenticate",
                            "Bearer error=\"insufficient_scope\", scope=\"jobs_read\"");
  EXPECT_TRUE(
      Fails(GrantedScopeIsRespected(), with(allow_flow(), {jobs}), "needs scope jobs_read"));
}

TEST(GrantedScopeIsRespected, DoesNotApplyWithoutApiCalls) {
  EXPECT_TRUE(DoesNotApply(GrantedScopeIsRespected(),
                           {connect(), authorization_request(), login(), consent_shown(),
                            consent_decision(), code_redemption()}));
}

// --- ApiErrorIsNotHammered ----------------------------------------------------------------

TraceEntry unavailable() {
  return injected_answer(api_call(), 503);
}

TEST(ApiErrorIsNotHammered, PassesWithOneRetryInTheAction) {
  EXPECT_TRUE(
      Passes(ApiErrorIsNotHammered(),
             with(allow_flow(),
                  {harness_marker("action 2: call_api GET /users/me"), unavailable(), unavailable(),
                   harness_marker("action 3: call_api GET /users/me"), api_call()})));
}

TEST(ApiErrorIsNotHammered, FailsWithASecondRetryInTheSameAction) {
  EXPECT_TRUE(Fails(ApiErrorIsNotHammered(),
                    with(allow_flow(), {harness_marker("action 2: call_api GET /users/me"),
                                        unavailable(), unavailable(), unavailable()}),
                    "retry once at most"));
}

TEST(ApiErrorIsNotHammered, CountsA429LikeA5xx) {
  EXPECT_TRUE(Fails(ApiErrorIsNotHammered(),
                    with(allow_flow(), {harness_marker("action 2: call_api GET /users/me"),
                                        rate_limited(), rate_limited(), api_call()}),
                    "answered 429"));
}

TEST(ApiErrorIsNotHammered, DoesNotApplyWithoutAnApiError) {
  EXPECT_TRUE(DoesNotApply(ApiErrorIsNotHammered(), allow_flow()));
}

}  // namespace
}  // namespace oauthsim::scenario
