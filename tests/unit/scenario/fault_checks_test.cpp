// The fault checks, each passing, failing and not applying on hand-built trace entries.
#include "oauthsim/scenario/judging/fault_checks.h"

#include <gtest/gtest.h>

#include "unit/scenario/check_assertions.h"
#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Trace = std::vector<TraceEntry>;
using namespace test;  // NOLINT: the builder vocabulary reads better unqualified

constexpr const char* kOtherCallback = "http://127.0.0.1:9002/callback2";
using test::kNewRefreshToken;

using test::with;

TraceEntry exchanged_by(TraceEntry e, std::string client_id) {
  e.form.set("client_id", std::move(client_id));
  return e;
}

TraceEntry with_redirect_uri(TraceEntry e, std::string uri) {
  e.form.set("redirect_uri", std::move(uri));
  return e;
}

// --- ReplayedCodeIsRefusedAndRevokesTokens -------------------------------------------------

TEST(ReplayedCodeIsRefusedAndRevokesTokens, PassesWhenTheReplayIsRefusedAndFirstTokensDie) {
  ReplayedCodeIsRefusedAndRevokesTokens check;
  // The allow flow's own 200 API call came before the replay: it is not judged.
  EXPECT_TRUE(Passes(check, with(allow_flow(), {code_refused("invalid_grant"), api_call(401)})));
  EXPECT_TRUE(Passes(check, with(allow_flow(), {code_refused("invalid_grant")})));
}

TEST(ReplayedCodeIsRefusedAndRevokesTokens, FailsWhenTheReplayIsAnsweredWithTokens) {
  EXPECT_TRUE(Fails(ReplayedCodeIsRefusedAndRevokesTokens(),
                    with(allow_flow(), {code_redemption()}),
                    "was answered 200; expected 400 invalid_grant"));
}

TEST(ReplayedCodeIsRefusedAndRevokesTokens, FailsWhenTheFirstAccessTokenStillWorks) {
  EXPECT_TRUE(Fails(ReplayedCodeIsRefusedAndRevokesTokens(),
                    with(allow_flow(), {code_refused("invalid_grant"), api_call(200)}),
                    "expected 401 (tokens revoked)"));
}

TEST(ReplayedCodeIsRefusedAndRevokesTokens, DoesNotApplyToOneRedemptionOrARetryAfterAFault) {
  ReplayedCodeIsRefusedAndRevokesTokens check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  // The 503 replaced the answer before the code was looked at: the retry is the first use.
  EXPECT_TRUE(DoesNotApply(
      check, {injected_answer(code_redemption(), 503), code_redemption(), api_call()}));
}

// --- ClientRetriesTokenRequestAtMostOnceAfterServerError -----------------------------------

TEST(ClientRetriesTokenRequestAtMostOnceAfterServerError, PassesForOneRetry) {
  ClientRetriesTokenRequestAtMostOnceAfterServerError check;
  EXPECT_TRUE(Passes(check, {injected_answer(code_redemption(), 503), code_redemption()}));
  // A real 500 counts too, and two errors (the request and its one retry) are within policy.
  EXPECT_TRUE(
      Passes(check, {code_refused("server_error", 500), injected_answer(code_redemption(), 503)}));
}

TEST(ClientRetriesTokenRequestAtMostOnceAfterServerError, FailsForThreeErrorsInARow) {
  ClientRetriesTokenRequestAtMostOnceAfterServerError check;
  const TraceEntry error = injected_answer(code_redemption(), 503);
  EXPECT_TRUE(Fails(check, {error, error, error, code_redemption()},
                    "3 authorization_code requests in a row were answered 5xx"));
  // A success in between ends the run; another grant's errors are another run.
  EXPECT_TRUE(Passes(check, {error, error, code_redemption(), error}));
  const TraceEntry code_500 = code_refused("server_error", 500);
  const TraceEntry refresh_500 = refresh_refused(kRefreshToken, 500, "server_error");
  EXPECT_TRUE(Passes(check, {code_500, refresh_500, code_500}));
}

TEST(ClientRetriesTokenRequestAtMostOnceAfterServerError, InjectedAnswersJoinTheRunTheyAreIn) {
  ClientRetriesTokenRequestAtMostOnceAfterServerError check;
  // As HttpServer records them: the fault answered before the body was read, so no form.
  TraceEntry injected = injected_answer(code_redemption(), 503);
  injected.form = {};
  EXPECT_TRUE(Fails(check, {injected, injected, injected}, "3 token requests in a row"));
  EXPECT_TRUE(Fails(check, {code_refused("server_error", 500), injected, injected},
                    "3 authorization_code requests in a row"));
  // Separated by successes, three injected errors are three single retries.
  EXPECT_TRUE(Passes(
      check, {injected, code_redemption(), injected, refresh(kRefreshToken, kNewRefreshToken),
              injected, refresh(kNewRefreshToken, "[redacted fp:77777777]")}));
}

// As HttpServer records a handshake the tls_handshake_refused quirk refused: no request, no
// status, the fault's method and path.
TraceEntry refused_handshake() {
  TraceEntry e = code_redemption();
  e.form = {};
  e.status = 0;
  e.response_fields = {};
  e.response_headers = {};
  e.fault = common::FaultEffect::kHandshakeRefused;
  e.note = "TLS handshake refused with a protocol_version alert: fault injected";
  return e;
}

TEST(ClientRetriesTokenRequestAtMostOnceAfterServerError, RefusedHandshakesCountAsServerErrors) {
  ClientRetriesTokenRequestAtMostOnceAfterServerError check;
  const auto pass = check.evaluate(flow_of({refused_handshake(), code_redemption()}, &acme()));
  ASSERT_TRUE(pass);
  EXPECT_TRUE(pass->passed);
  EXPECT_NE(pass->evidence.find("refused at the TLS handshake"), std::string::npos)
      << pass->evidence;
  EXPECT_TRUE(Fails(check, {refused_handshake(), refused_handshake(), refused_handshake()},
                    "3 token requests in a row were answered 5xx or refused at the TLS handshake"));
}

TEST(ClientRetriesTokenRequestAtMostOnceAfterServerError, DoesNotApplyWithoutA5xx) {
  ClientRetriesTokenRequestAtMostOnceAfterServerError check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(DoesNotApply(check, {code_refused("invalid_grant"), code_redemption()}));
  EXPECT_TRUE(DoesNotApply(check, {injected_answer(api_call(), 503)}));  // not the token endpoint
}

// --- ClientWaitsRetryAfterBeforeCallingAgain -----------------------------------------------

TEST(ClientWaitsRetryAfterBeforeCallingAgain, PassesWhenTheNextCallWaitsLongEnough) {
  ClientWaitsRetryAfterBeforeCallingAgain check;
  EXPECT_TRUE(Passes(check, {rate_limited("2").at_ms(1000), api_call().at_ms(3000)}));
  EXPECT_TRUE(Passes(check, {rate_limited("2").at_ms(1000)}));  // never called again
  // Another path, or another sender, is not the call that was limited.
  TraceEntry other_sender = api_call().at_ms(1500);
  other_sender.from = "other_client";
  EXPECT_TRUE(
      Passes(check, {rate_limited("2").at_ms(1000),
                     api_call(200, kAccessToken, "/candidates").at_ms(1500), other_sender}));
}

TEST(ClientWaitsRetryAfterBeforeCallingAgain, FailsForACallBeforeRetryAfterElapsed) {
  EXPECT_TRUE(Fails(ClientWaitsRetryAfterBeforeCallingAgain(),
                    {rate_limited("2").at_ms(1000), api_call().at_ms(2500)},
                    "GET /users/me came again 1500 ms after a 429 with Retry-After: 2"));
}

TEST(ClientWaitsRetryAfterBeforeCallingAgain, DoesNotApplyWithoutA429CarryingSeconds) {
  ClientWaitsRetryAfterBeforeCallingAgain check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  TraceEntry no_header = rate_limited();
  no_header.response_headers.erase("Retry-After");
  EXPECT_TRUE(DoesNotApply(check, {no_header, api_call()}));
  EXPECT_TRUE(DoesNotApply(check, {rate_limited("Wed, 21 Oct 2015 07:28:00 GMT"), api_call()}));
}

// --- RateLimitAnswerCarriesRetryAfter ------------------------------------------------------

TEST(RateLimitAnswerCarriesRetryAfter, PassesWithRetryAfterAndBothRateLimitHeaders) {
  EXPECT_TRUE(Passes(RateLimitAnswerCarriesRetryAfter(), {rate_limited()}));
}

TEST(RateLimitAnswerCarriesRetryAfter, FailsNamingEachMissingHeader) {
  RateLimitAnswerCarriesRetryAfter check;
  TraceEntry limited = rate_limited();
  limited.response_headers.erase("X-RateLimit-Remaining");
  EXPECT_TRUE(Fails(check, {limited}, "lacks X-RateLimit-Remaining"));
  limited.response_headers.erase("Retry-After");
  EXPECT_TRUE(Fails(check, {limited}, "lacks Retry-After, X-RateLimit-Remaining"));
}

TEST(RateLimitAnswerCarriesRetryAfter, DoesNotApplyWithoutARealRateLimit) {
  RateLimitAnswerCarriesRetryAfter check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  // An injected 429 is the harness's answer, not the resource server's limiter.
  EXPECT_TRUE(DoesNotApply(check, {injected_answer(api_call(), 429)}));
}

// --- RevokedTokenIsRefused -----------------------------------------------------------------

TEST(RevokedTokenIsRefused, PassesWhenLaterUsesAreRefused) {
  RevokedTokenIsRefused check;
  EXPECT_TRUE(Passes(check, with(allow_flow(), {revocation(kAccessToken), api_call(401)})));
  EXPECT_TRUE(Passes(
      check, with(allow_flow(), {revocation(kRefreshToken), refresh_refused(kRefreshToken)})));
  // Other tokens are not judged, nor uses before the revocation (the allow flow's 200 call).
  EXPECT_TRUE(Passes(check, with(allow_flow(), {revocation(kRefreshToken), api_call(200)})));
}

TEST(RevokedTokenIsRefused, PassesSayingSoWhenNothingUsedItLater) {
  auto r =
      RevokedTokenIsRefused().evaluate(flow_of(with(allow_flow(), {revocation(kAccessToken)})));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->passed);
  EXPECT_NE(r->evidence.find("nothing used it later"), std::string::npos) << r->evidence;
}

TEST(RevokedTokenIsRefused, FailsWhenTheRevokedTokenStillWorks) {
  RevokedTokenIsRefused check;
  EXPECT_TRUE(Fails(check, with(allow_flow(), {revocation(kAccessToken), api_call(200)}),
                    "was answered 200; expected 401"));
  EXPECT_TRUE(Fails(
      check,
      with(allow_flow(), {revocation(kRefreshToken), refresh(kRefreshToken, kNewRefreshToken)}),
      "a refresh with the revoked token"));
  EXPECT_TRUE(Fails(check,
                    with(allow_flow(), {revocation(kRefreshToken),
                                        refresh_refused(kRefreshToken, 400, "invalid_request")}),
                    "400 invalid_request; expected 400 invalid_grant"));
}

TEST(RevokedTokenIsRefused, DoesNotApplyWithoutASuccessfulRevocation) {
  RevokedTokenIsRefused check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  TraceEntry refused = revocation(kAccessToken);
  refused.status = 401;
  EXPECT_TRUE(DoesNotApply(check, with(allow_flow(), {refused, api_call(200)})));
}

// --- TokenInQueryIsRefused -----------------------------------------------------------------

TraceEntry token_in_query(int status, std::string challenge) {
  Entry e = rs_saw("GET", "/users/me").query("access_token", kAccessToken).status(status);
  if (!challenge.empty()) e.header("WWW-Authenticate", std::move(challenge));
  return e;
}

TEST(TokenInQueryIsRefused, PassesFor400InvalidRequestInChallengeOrBody) {
  TokenInQueryIsRefused check;
  EXPECT_TRUE(
      Passes(check, {token_in_query(400, "Bearer realm=\"api\", error=\"invalid_request\"")}));
  TraceEntry body_only = token_in_query(400, "");
  body_only.response_fields.add("error", "invalid_request");
  EXPECT_TRUE(Passes(check, {body_only}));
}

TEST(TokenInQueryIsRefused, FailsWhenTheQueryTokenIsAcceptedOrMisjudged) {
  TokenInQueryIsRefused check;
  EXPECT_TRUE(Fails(check, {token_in_query(200, "")}, "was answered 200"));
  EXPECT_TRUE(Fails(check, {token_in_query(401, kInvalidTokenChallenge)},
                    "401 invalid_token; expected 400 invalid_request"));
  EXPECT_TRUE(Fails(check, {token_in_query(400, "Bearer realm=\"api\"")}, "answered 400;"));
}

TEST(TokenInQueryIsRefused, DoesNotApplyWithoutAQueryToken) {
  EXPECT_TRUE(DoesNotApply(TokenInQueryIsRefused(), allow_flow()));
}

// --- ClientCredentialsTokenHasNoRefreshToken -----------------------------------------------

TEST(ClientCredentialsTokenHasNoRefreshToken, PassesForAnAccessTokenOnly) {
  EXPECT_TRUE(Passes(ClientCredentialsTokenHasNoRefreshToken(), {client_credentials_grant()}));
}

TEST(ClientCredentialsTokenHasNoRefreshToken, FailsWhenARefreshTokenIsIssued) {
  EXPECT_TRUE(Fails(ClientCredentialsTokenHasNoRefreshToken(),
                    {client_credentials_grant().field("refresh_token", kNewRefreshToken)},
                    "carried a refresh_token"));
}

TEST(ClientCredentialsTokenHasNoRefreshToken, DoesNotApplyWithoutAGrantedClientCredentials) {
  ClientCredentialsTokenHasNoRefreshToken check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));  // its refresh token is the code grant's
  TraceEntry refused = client_credentials_grant();
  refused.status = 400;
  refused.response_fields = {{"error", "unauthorized_client"}};
  EXPECT_TRUE(DoesNotApply(check, {refused}));
}

// --- DeletedUsersGrantIsRefused ------------------------------------------------------------

const TraceEntry kDeletion = harness_marker("action 4: delete_user alice@example.com");

TEST(DeletedUsersGrantIsRefused, PassesWhenCallsAndRefreshesAreRefused) {
  DeletedUsersGrantIsRefused check;
  EXPECT_TRUE(Passes(check, with(allow_flow(), {kDeletion, api_call(401)})));
  EXPECT_TRUE(Passes(check, with(allow_flow(), {kDeletion, refresh_refused(kRefreshToken)})));
  EXPECT_TRUE(Passes(
      check, with(allow_flow(), {kDeletion, api_call(401), refresh_refused(kRefreshToken)})));
}

TEST(DeletedUsersGrantIsRefused, FailsWhenTheGrantStillWorks) {
  DeletedUsersGrantIsRefused check;
  EXPECT_TRUE(
      Fails(check, with(allow_flow(), {kDeletion, api_call(200)}), "expected 401 invalid_token"));
  EXPECT_TRUE(Fails(
      check,
      with(allow_flow(), {kDeletion, api_call(401), refresh(kRefreshToken, kNewRefreshToken)}),
      "a refresh was answered 200; expected 400 invalid_grant"));
  TraceEntry bare_401 = api_call(401);
  bare_401.response_headers.set("WWW-Authenticate", "Bearer realm=\"api\"");
  bare_401.response_fields = {};
  EXPECT_TRUE(Fails(check, with(allow_flow(), {kDeletion, bare_401}), "answered 401;"));
}

TEST(DeletedUsersGrantIsRefused, FailsWhenNothingTriedTheGrantAfterwards) {
  DeletedUsersGrantIsRefused check;
  EXPECT_TRUE(Fails(check, with(allow_flow(), {kDeletion}), "nothing tried the grant"));
  // An injected answer is not the server refusing the grant.
  EXPECT_TRUE(Fails(check, with(allow_flow(), {kDeletion, injected_answer(api_call(), 503)}),
                    "nothing tried the grant"));
}

TEST(DeletedUsersGrantIsRefused, DoesNotApplyWithoutADeletion) {
  DeletedUsersGrantIsRefused check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(DoesNotApply(
      check,
      with(allow_flow(), {harness_marker("action 2: revoke refresh_token"), api_call(401)})));
}

// --- ExpiredCodeIsRefused ------------------------------------------------------------------

constexpr std::int64_t kPastCodeLifetimeMs = 601 * 1000;

TEST(ExpiredCodeIsRefused, PassesForALateCodeRefusedWithInvalidGrant) {
  EXPECT_TRUE(
      Passes(ExpiredCodeIsRefused(), {authorization_request(), consent_decision().at_ms(0),
                                      code_refused("invalid_grant").at_ms(kPastCodeLifetimeMs)}));
}

TEST(ExpiredCodeIsRefused, FailsWhenALateCodeIsRedeemed) {
  EXPECT_TRUE(Fails(ExpiredCodeIsRefused(),
                    {authorization_request(), consent_decision().at_ms(0),
                     code_redemption().at_ms(kPastCodeLifetimeMs)},
                    "presented 601 s after it was issued (lifetime 60 s), was answered 200"));
}

TEST(ExpiredCodeIsRefused, DoesNotApplyWithinTheLifetimeOrForAnotherCode) {
  ExpiredCodeIsRefused check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(DoesNotApply(check, {authorization_request(), consent_decision().at_ms(1000),
                                   code_redemption().at_ms(61000)}));  // exactly 60 s
  EXPECT_TRUE(DoesNotApply(check, {authorization_request(), consent_decision().at_ms(0),
                                   code_redemption("[redacted fp:0000beef]").at_ms(900000)}));
}

TEST(ExpiredCodeIsRefused, JudgesAgainstTheConfiguredCodeLifetime) {
  // SR's codes live 60 s (the default configuration): one redeemed 61 s late was not refused.
  const Trace late{authorization_request(), consent_decision().at_ms(0),
                   code_redemption().at_ms(61'000)};
  EXPECT_TRUE(Fails(ExpiredCodeIsRefused(), late, "(lifetime 60 s)"));
  EXPECT_TRUE(DoesNotApply(
      ExpiredCodeIsRefused(),
      {authorization_request(), consent_decision().at_ms(0), code_redemption().at_ms(60'000)}));
}

TEST(ExpiredCodeIsRefused, FollowsALifetimeTheWorldConfigures) {
  common::Lifetimes lifetimes;
  lifetimes.authorization_code = 900;
  Trace t{authorization_request(), consent_decision().at_ms(0), code_redemption().at_ms(601'000)};
  for (std::size_t i = 0; i < t.size(); ++i) t[i].seq = i + 1;
  EXPECT_FALSE(ExpiredCodeIsRefused().evaluate(FlowView(t, &acme(), lifetimes)));
  t.back().time_ms = 901'000;
  const auto r = ExpiredCodeIsRefused().evaluate(FlowView(t, &acme(), lifetimes));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->passed);
  EXPECT_NE(r->evidence.find("(lifetime 900 s)"), std::string::npos) << r->evidence;
}

// --- CodeIsBoundToTheClient ----------------------------------------------------------------

TEST(CodeIsBoundToTheClient, PassesWhenAnotherClientIsRefused) {
  CodeIsBoundToTheClient check;
  EXPECT_TRUE(Passes(check, {authorization_request(), consent_decision(),
                             exchanged_by(code_refused("invalid_grant"), "other-ats")}));
  // With HTTP Basic the authenticated client is the one that counts.
  TraceEntry basic = code_refused("invalid_client", 401);
  basic.form.erase("client_id");
  basic.form.erase("client_secret");
  basic.request_headers.add("Authorization", "Basic client_id=other-ats secret=[redacted]");
  EXPECT_TRUE(Passes(check, {authorization_request(), consent_decision(), basic}));
}

TEST(CodeIsBoundToTheClient, FailsWhenAnotherClientGetsTokens) {
  CodeIsBoundToTheClient check;
  EXPECT_TRUE(Fails(
      check,
      {authorization_request(), consent_decision(), exchanged_by(code_redemption(), "other-ats")},
      "client 'other-ats' redeemed a code issued to 'acme-ats' and got 200"));
  EXPECT_TRUE(Fails(check,
                    {authorization_request(), consent_decision(),
                     exchanged_by(code_refused("invalid_request"), "other-ats")},
                    "got 400 invalid_request"));
}

TEST(CodeIsBoundToTheClient, DoesNotApplyWhenTheSameClientRedeems) {
  CodeIsBoundToTheClient check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(DoesNotApply(check, {exchanged_by(code_redemption(), "other-ats")}));
}

// --- MismatchedRedirectUriIsRefused --------------------------------------------------------

TEST(MismatchedRedirectUriIsRefused, PassesWhenAChangedRedirectUriIsRefused) {
  EXPECT_TRUE(Passes(MismatchedRedirectUriIsRefused(),
                     {authorization_request(), consent_decision(),
                      with_redirect_uri(code_refused("invalid_grant"), kOtherCallback)}));
}

TEST(MismatchedRedirectUriIsRefused, FailsWhenAChangedRedirectUriGetsTokens) {
  EXPECT_TRUE(Fails(MismatchedRedirectUriIsRefused(),
                    {authorization_request(), consent_decision(),
                     with_redirect_uri(code_redemption(), kOtherCallback)},
                    "redirect_uri 'http://127.0.0.1:9002/callback2' (authorized: "
                    "'http://127.0.0.1:9002/callback') was answered 200"));
}

TEST(MismatchedRedirectUriIsRefused, DoesNotApplyWhenItMatchesOrIsAbsent) {
  MismatchedRedirectUriIsRefused check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  TraceEntry without = code_redemption();
  without.form.erase("redirect_uri");
  EXPECT_TRUE(DoesNotApply(check, {authorization_request(), consent_decision(), without}));
}

}  // namespace
}  // namespace oauthsim::scenario
