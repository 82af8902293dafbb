// The checks written for the broken client variants, each passing, failing and not applying on
// hand-built trace entries.
#include "oauthsim/scenario/judging/client_flaw_checks.h"

#include <gtest/gtest.h>

#include "unit/scenario/check_assertions.h"
#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Trace = std::vector<TraceEntry>;
namespace party = common::party;
using namespace test;  // NOLINT: the builder vocabulary reads better unqualified

using test::kNewRefreshToken;
constexpr const char* kNewerRefreshToken = "[redacted fp:77aa01bc]";

using test::with;

// The user agent following the redirect back to the client, with what reached it.
Entry callback(std::optional<std::string> state, int client_answer, bool denied = false) {
  Entry e = ua_saw("GET", "/callback", party::kClient);
  if (denied) {
    e.query("error", "access_denied");
  } else {
    e.query("code", kCode);
  }
  if (state) e.query("state", *state);
  return e.status(client_answer);
}

// Steps 1 to 6 of a flow: the redirect back carries a code, or access_denied.
Trace front_channel(std::string decision = "allow") {
  return {connect(), authorization_request(), login(), consent_shown(),
          consent_decision(std::move(decision))};
}

// A code exchange without a code, as a client ignoring a denial sends it.
TraceEntry exchange_without_code() {
  TraceEntry e = code_refused("invalid_request");
  e.form.set("code", "");
  return e;
}

// --- ClientRefusesCallbackWithWrongState ---------------------------------------------------

TEST(ClientRefusesCallbackWithWrongState, PassesWhenAForgedOrDroppedStateIsRefused) {
  ClientRefusesCallbackWithWrongState check;
  EXPECT_TRUE(Passes(check, with(front_channel(), {callback("forged-state", 400)})));
  EXPECT_TRUE(Passes(check, with(front_channel(), {callback(std::nullopt, 400)})));
}

TEST(ClientRefusesCallbackWithWrongState, FailsWhenTheCodeOfAForgedCallbackIsRedeemed) {
  EXPECT_TRUE(
      Fails(ClientRefusesCallbackWithWrongState(),
            with(front_channel(), {callback("forged-state", 200), code_redemption(), api_call()}),
            "carried state 'forged-state', the client sent '" + std::string(kState) +
                "', yet it redeemed"));
}

TEST(ClientRefusesCallbackWithWrongState, DoesNotApplyWithAnIntactStateOrNoneSent) {
  ClientRefusesCallbackWithWrongState check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));  // no callback entry at all
  EXPECT_TRUE(DoesNotApply(
      check, with(front_channel(), {callback(kState, 200), code_redemption(), api_call()})));
  // A client that sends no state is StateCarriesAtLeast128Bits' finding, not this check's.
  Trace no_state = with(front_channel(), {callback(std::nullopt, 200), code_redemption()});
  entry_at(no_state, party::kAuthorizationServer, paths::kAuthorize).query.erase("state");
  EXPECT_TRUE(DoesNotApply(check, no_state));
}

// --- NoTokenRequestAfterDenial ---------------------------------------------------------------

TEST(NoTokenRequestAfterDenial, PassesWhenTheClientStopsAtTheDenial) {
  EXPECT_TRUE(Passes(NoTokenRequestAfterDenial(),
                     with(front_channel("deny"), {callback(kState, 200, true)})));
}

TEST(NoTokenRequestAfterDenial, FailsWhenATokenRequestFollowsTheDenial) {
  EXPECT_TRUE(
      Fails(NoTokenRequestAfterDenial(),
            with(front_channel("deny"), {callback(kState, 502, true), exchange_without_code()}),
            "error=access_denied came back without a code, yet the client posted 1 "
            "authorization_code token request(s) with an empty code, answered 400 "
            "invalid_request"));
}

TEST(NoTokenRequestAfterDenial, NamesAnEmptyCodeAsTheTraceRedactsIt) {
  TraceEntry empty = exchange_without_code();
  empty.form.set("code", common::redact_value("code", ""));
  EXPECT_TRUE(Fails(NoTokenRequestAfterDenial(),
                    with(front_channel("deny"), {callback(kState, 502, true), empty}),
                    "token request(s) with an empty code"));
  TraceEntry none = exchange_without_code();
  none.form.erase("code");
  EXPECT_TRUE(Fails(NoTokenRequestAfterDenial(),
                    with(front_channel("deny"), {callback(kState, 502, true), none}),
                    "token request(s) with no code"));
}

TEST(NoTokenRequestAfterDenial, DoesNotApplyWhenACodeCameBackOrNothingCameBack) {
  NoTokenRequestAfterDenial check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(DoesNotApply(check, {connect(), authorization_request(), login(), consent_shown()}));
}

// --- ClientKeepsRotatedRefreshToken ----------------------------------------------------------

TEST(ClientKeepsRotatedRefreshToken, PassesWhenEachRefreshPresentsTheLatestToken) {
  ClientKeepsRotatedRefreshToken check;
  EXPECT_TRUE(Passes(check, with(allow_flow(), {refresh(kRefreshToken, kNewRefreshToken)})));
  EXPECT_TRUE(Passes(check, with(allow_flow(), {refresh(kRefreshToken, kNewRefreshToken),
                                                refresh(kNewRefreshToken, kNewerRefreshToken)})));
}

TEST(ClientKeepsRotatedRefreshToken, FailsWhenTheRotatedOutTokenIsPresentedAgain) {
  EXPECT_TRUE(Fails(ClientKeepsRotatedRefreshToken(),
                    with(allow_flow(), {refresh(kRefreshToken, kNewRefreshToken),
                                        refresh_refused(kRefreshToken)}),
                    std::string("presented refresh token ") + kRefreshToken +
                        " again after refresh #8 replaced it with " + kNewRefreshToken));
}

TEST(ClientKeepsRotatedRefreshToken, DoesNotApplyWithoutRotationOrForTheHarnessesStolenCopy) {
  ClientKeepsRotatedRefreshToken check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(DoesNotApply(check, with(allow_flow(), {refresh(kRefreshToken, kRefreshToken)})));
  EXPECT_TRUE(DoesNotApply(check, with(allow_flow(), {refresh_refused(kRefreshToken)})));
  // The harness posting the old token as an attacker would is not the client's doing.
  EXPECT_TRUE(Passes(
      check, with(allow_flow(),
                  {harness_marker("action 2: refresh"), refresh(kRefreshToken, kNewRefreshToken),
                   harness_marker("action 3: reuse_previous_refresh_token"),
                   refresh_refused(kRefreshToken)})));
}

// --- ClientStopsRefreshingAfterInvalidGrant --------------------------------------------------

TEST(ClientStopsRefreshingAfterInvalidGrant, PassesWhenARefusedRefreshTokenIsDropped) {
  EXPECT_TRUE(Passes(ClientStopsRefreshingAfterInvalidGrant(),
                     with(allow_flow(), {refresh_refused(kRefreshToken), api_call(401)})));
}

TEST(ClientStopsRefreshingAfterInvalidGrant, FailsWhenTheRefusedTokenIsTriedAgain) {
  EXPECT_TRUE(
      Fails(ClientStopsRefreshingAfterInvalidGrant(),
            with(allow_flow(), {refresh_refused(kRefreshToken), refresh_refused(kRefreshToken),
                                refresh_refused(kRefreshToken)}),
            "yet the client presented it 2 more time(s)"));
}

TEST(ClientStopsRefreshingAfterInvalidGrant, DoesNotApplyWithoutAnInvalidGrantFromTheClient) {
  ClientStopsRefreshingAfterInvalidGrant check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(DoesNotApply(check, with(allow_flow(), {refresh(kRefreshToken, kNewRefreshToken)})));
  // Another error is not final in the same way (invalid_client: fix the credentials).
  EXPECT_TRUE(DoesNotApply(
      check, with(allow_flow(), {refresh_refused(kRefreshToken, 401, "invalid_client")})));
  // A 503 the harness injected was never judged: the retry is the first real attempt.
  EXPECT_TRUE(
      DoesNotApply(check, with(allow_flow(), {injected_answer(refresh_refused(kRefreshToken), 503),
                                              refresh(kRefreshToken, kNewRefreshToken)})));
  // The harness's stolen copy being refused is not the client's refresh.
  EXPECT_TRUE(DoesNotApply(
      check, with(allow_flow(), {harness_marker("action 3: reuse_previous_refresh_token"),
                                 refresh_refused(kRefreshToken), refresh_refused(kRefreshToken)})));
}

}  // namespace
}  // namespace oauthsim::scenario
