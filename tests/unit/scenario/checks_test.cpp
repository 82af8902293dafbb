// Every standard and refresh check, passing and failing on hand-built trace entries.
#include <gtest/gtest.h>

#include <set>

#include "oauthsim/scenario/judging/refresh_checks.h"
#include "oauthsim/scenario/judging/sr_endpoint_checks.h"
#include "oauthsim/scenario/judging/standard_checks.h"
#include "unit/scenario/check_assertions.h"
#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Trace = std::vector<TraceEntry>;
namespace party = common::party;
using namespace test;  // NOLINT: the builder vocabulary reads better unqualified

TEST(StandardChecks, AreListedInStepOrderWithUniqueNamesAndRules) {
  std::set<std::string_view> names;
  int previous_step = 1;
  for (const auto& c : standard_checks()) {
    EXPECT_GE(c->step(), previous_step) << c->name();
    EXPECT_LE(c->step(), 10) << c->name();
    EXPECT_FALSE(c->ref().empty()) << c->name();
    EXPECT_TRUE(names.insert(c->name()).second) << "duplicate " << c->name();
    previous_step = c->step();
  }
  EXPECT_EQ(names.size(), 34u);
}

TEST(StandardChecks, ConformingAllowFlowFailsNone) {
  const FlowView flow = flow_of(allow_flow());
  int applied = 0;
  for (const auto& c : standard_checks()) {
    if (auto r = c->evaluate(flow)) {
      ++applied;
      EXPECT_TRUE(r->passed) << r->name << ": " << r->evidence;
    }
  }
  // Not applicable on a conforming flow: the 400 error page, the token error, the refusal and
  // every fault check (nothing was replayed, faulted, rate limited, revoked or deleted).
  EXPECT_EQ(applied, 15);
}

TEST(CheckResult, NamesTheCheckItsRuleAndTheEntryJudged) {
  Trace t = allow_flow();
  auto r = StateCarriesAtLeast128Bits().evaluate(flow_of(t));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->name, "StateCarriesAtLeast128Bits");
  EXPECT_EQ(r->ref, "RFC6749-10.12");
  EXPECT_EQ(r->trace_seq, 2u);  // the authorization request, second in the flow
}

TEST(ConnectRedirectsToAuthorizationEndpoint, PassesForARedirectToAllowAndFailsOtherwise) {
  ConnectRedirectsToAuthorizationEndpoint check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));

  entry_at(t, party::kUserAgent, "/connect").status = 200;
  entry_at(t, party::kUserAgent, "/connect").response_headers = {};
  EXPECT_TRUE(Fails(check, t, "got 200"));

  t = allow_flow();
  entry_at(t, party::kUserAgent, "/connect")
      .response_headers.set("Location", "http://127.0.0.1:9001/login?x=1");
  EXPECT_TRUE(Fails(check, t, "http://127.0.0.1:9001/login"));

  EXPECT_TRUE(DoesNotApply(check, {authorization_request()}));
}

TEST(AuthorizationRequestNamesClientAndRedirectUri, FailsNamingEachMissingParameter) {
  AuthorizationRequestNamesClientAndRedirectUri check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));

  entry_at(t, party::kAuthorizationServer, paths::kAuthorize).query.erase("redirect_uri");
  EXPECT_TRUE(Fails(check, t, "missing: redirect_uri"));
  entry_at(t, party::kAuthorizationServer, paths::kAuthorize).query.erase("client_id");
  EXPECT_TRUE(Fails(check, t, "missing: client_id, redirect_uri"));

  EXPECT_TRUE(DoesNotApply(check, {connect()}));
}

TEST(StateCarriesAtLeast128Bits, CountsFourBitsPerHexDigitAndSixOtherwise) {
  StateCarriesAtLeast128Bits check;
  auto with_state = [](std::string state) {
    return Trace{authorization_request(std::move(state))};
  };
  EXPECT_TRUE(Passes(check, with_state(kState)));  // 43 base64url characters
  EXPECT_TRUE(Fails(check, with_state("abc"), "3 characters"));
  EXPECT_TRUE(Fails(check, with_state(std::string(30, 'f')), "at most 120 bits"));
  EXPECT_TRUE(Passes(check, with_state(std::string(32, 'f'))));
  EXPECT_TRUE(Passes(check, with_state(std::string(22, 'z'))));  // 132 bits
  EXPECT_TRUE(Fails(check, with_state(std::string(21, 'z')), "126 bits"));
  EXPECT_TRUE(Fails(check, with_state(""), "no state"));

  Trace no_state = allow_flow();
  entry_at(no_state, party::kAuthorizationServer, paths::kAuthorize).query.erase("state");
  EXPECT_TRUE(Fails(check, no_state, "no state"));
}

TEST(UnregisteredRedirectUriIsNeverRedirectedTo, FailsWhenTheErrorPageAlsoRedirects) {
  UnregisteredRedirectUriIsNeverRedirectedTo check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));  // no 400: nothing to judge

  Trace t{authorization_request()};
  t[0].query.set("redirect_uri", "https://evil.example/cb");
  t[0].status = 400;
  EXPECT_TRUE(Passes(check, t));
  t[0].response_headers.set("Location", "https://evil.example/cb?error=invalid_request");
  EXPECT_TRUE(Fails(check, t, "evil.example"));
}

TEST(UnregisteredRedirectUriIsNeverRedirectedTo, FailsWhenTheServerRedirectsToIt) {
  UnregisteredRedirectUriIsNeverRedirectedTo check;
  // The server took the unregistered URI as if it were registered: the code goes there.
  Trace t = allow_flow();
  entry_at(t, party::kAuthorizationServer, paths::kAuthorize)
      .query.set("redirect_uri", "https://evil.example/cb");
  decision_in(t).response_headers.set(
      "Location", std::string("https://evil.example/cb?code=") + kCode + "&state=" + kState);
  EXPECT_TRUE(Fails(check, t, "https://evil.example/cb"));

  // Or sent an error there straight from the authorization endpoint.
  Trace direct{authorization_request()};
  direct[0].query.set("redirect_uri", "https://evil.example/cb");
  direct[0].status = 302;
  direct[0].response_headers.set("Location", "https://evil.example/cb?error=invalid_request");
  EXPECT_TRUE(Fails(check, direct, "https://evil.example/cb"));

  // Refused on a page, and nothing later redirected there: passes whatever the status.
  direct[0].status = 200;
  direct[0].response_headers.erase("Location");
  EXPECT_TRUE(Passes(check, direct));
}

TEST(LoginSessionCookieIsHttpOnly, FailsWithoutHttpOnlyOrSameSiteOrCookie) {
  LoginSessionCookieIsHttpOnly check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));

  auto& l = entry_at(t, party::kAuthorizationServer, paths::kLogin);
  l.response_headers.set("Set-Cookie", "sr_session=[redacted fp:1b58a8b1]; Path=/; SameSite=Lax");
  EXPECT_TRUE(Fails(check, t, "lacks HttpOnly"));
  l.response_headers.set("Set-Cookie", "sr_session=[redacted fp:1b58a8b1]; Path=/; HttpOnly");
  EXPECT_TRUE(Fails(check, t, "lacks SameSite"));
  l.response_headers.erase("Set-Cookie");
  EXPECT_TRUE(Fails(check, t, "no session cookie"));

  EXPECT_TRUE(DoesNotApply(check, {authorization_request(), login(false)}));
}

TEST(DecisionCarriesCsrfToken, FailsForADecisionWithoutCsrfToken) {
  DecisionCarriesCsrfToken check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));
  decision_in(t).form.erase("csrf_token");
  EXPECT_TRUE(Fails(check, t, "without a csrf_token"));
  EXPECT_TRUE(DoesNotApply(check, {authorization_request(), login()}));
}

TEST(RedirectTargetsRegisteredUri, FailsForARedirectOutsideTheRegisteredUris) {
  RedirectTargetsRegisteredUri check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));
  EXPECT_TRUE(Passes(check, {authorization_request(), consent_decision("deny")}));

  decision_in(t).response_headers.set("Location",
                                      "http://127.0.0.1:9002/other?code=[redacted fp:d5bfc449]");
  EXPECT_TRUE(Fails(check, t, "http://127.0.0.1:9002/other is not among"));
  EXPECT_TRUE(DoesNotApply(check, allow_flow(), nullptr));  // no registration to judge against
}

TEST(StateIsEchoedUnchanged, FailsWhenTheRedirectStateDiffersOrIsMissing) {
  StateIsEchoedUnchanged check;
  EXPECT_TRUE(Passes(check, allow_flow()));
  EXPECT_TRUE(Passes(check, {authorization_request(), consent_decision("deny")}));

  Trace t = allow_flow();
  decision_in(t).response_headers.set(
      "Location", std::string(kCallback) + "?code=" + kCode + "&state=tampered");
  EXPECT_TRUE(Fails(check, t, "carried 'tampered'"));
  decision_in(t).response_headers.set("Location", std::string(kCallback) + "?code=" + kCode);
  EXPECT_TRUE(Fails(check, t, "carried '(none)'"));

  EXPECT_TRUE(DoesNotApply(check, {authorization_request(), login()}));
}

TEST(StateIsEchoedUnchanged, JudgesTheAuthorizationEndpointsOwnErrorRedirect) {
  StateIsEchoedUnchanged check;
  // The authorization request refused at once (invalid_scope): its answer is the redirect back.
  Trace t{authorization_request()};
  t[0].status = 302;
  t[0].response_headers.set("Location",
                            std::string(kCallback) + "?error=invalid_scope&state=" + kState);
  EXPECT_TRUE(Passes(check, t));
  t[0].response_headers.set("Location", std::string(kCallback) + "?error=invalid_scope&state=x");
  EXPECT_TRUE(Fails(check, t, "carried 'x'"));
  t[0].response_headers.set("Location", std::string(kCallback) + "?error=invalid_scope");
  EXPECT_TRUE(Fails(check, t, "carried '(none)'"));
}

TEST(CodeIsSentAsFormBody, FailsForAJsonBodyOrACodeInTheUrl) {
  CodeIsSentAsFormBody check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));

  auto& token = entry_at(t, party::kAuthorizationServer, paths::kToken);
  token.request_headers.set("Content-Type", "application/json");
  EXPECT_TRUE(Fails(check, t, "got 'application/json'"));

  token.request_headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_TRUE(Passes(check, t));
  token.query.add("code", kCode);
  EXPECT_TRUE(Fails(check, t, "URL query"));

  EXPECT_TRUE(DoesNotApply(check, {refresh(kRefreshToken, "[redacted fp:5463eea3]")}));
}

TEST(ClientAuthenticatesOnce, AcceptsBasicOrPostButNotBothOrNeither) {
  ClientAuthenticatesOnce check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));  // client_secret_post

  auto& token = entry_at(t, party::kAuthorizationServer, paths::kToken);
  token.request_headers.add("Authorization", "Basic client_id=acme-ats secret=[redacted]");
  EXPECT_TRUE(Fails(check, t, "both"));
  token.form.erase("client_secret");
  EXPECT_TRUE(Passes(check, t));  // client_secret_basic
  token.request_headers.erase("Authorization");
  EXPECT_TRUE(Fails(check, t, "no client authentication"));
  token.request_headers.add("Authorization", "Bearer [redacted fp:6b990551]");
  EXPECT_TRUE(Fails(check, t, "no client authentication"));
}

TEST(ClientAuthenticatesOnce, TlsClientCertificateAloneAuthenticates) {
  ClientAuthenticatesOnce check;
  Trace t = allow_flow();
  auto& token = entry_at(t, party::kAuthorizationServer, paths::kToken);
  token.form.erase("client_secret");
  EXPECT_TRUE(Fails(check, t, "no TLS certificate"));
  token.client_certificate = "A7fG3kd93jfLq0aZ0c0aVbq5lqGhd2bpd9s8d7f6g5h";
  EXPECT_TRUE(Passes(check, t));
}

TEST(RedirectUriMatchesAuthorization, FailsWhenTheTokenRequestChangesOrDropsIt) {
  RedirectUriMatchesAuthorization check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));

  auto& token = entry_at(t, party::kAuthorizationServer, paths::kToken);
  token.form.set("redirect_uri", "http://127.0.0.1:9002/callback2");
  EXPECT_TRUE(Fails(check, t, "got 'http://127.0.0.1:9002/callback2'"));
  EXPECT_EQ(LevelOf(check, t), CheckLevel::kFail);  // SR refuses a different one
  token.form.erase("redirect_uri");
  EXPECT_TRUE(Fails(check, t, "not with the code"));
  EXPECT_EQ(LevelOf(check, t), CheckLevel::kWarning);  // SR accepts none

  // Without a redirect_uri at authorization there is nothing it must match.
  entry_at(t, party::kAuthorizationServer, paths::kAuthorize).query.erase("redirect_uri");
  EXPECT_TRUE(DoesNotApply(check, t));
}

TEST(CodeIsRedeemedOnce, FailsWhenTheSameCodeIsSentTwice) {
  CodeIsRedeemedOnce check;
  EXPECT_TRUE(Passes(check, allow_flow()));
  EXPECT_TRUE(Passes(check, {code_redemption(), code_redemption("[redacted fp:0000beef]")}));

  Trace replay = allow_flow();
  replay.push_back(code_refused("invalid_grant"));
  EXPECT_TRUE(Fails(check, replay, std::string(kCode) + " was sent twice"));

  EXPECT_TRUE(DoesNotApply(check, {authorization_request()}));
}

TEST(TokenResponseCarriesBearerAndRefreshToken, FailsWithoutRefreshTokenOrForANonBearerType) {
  TokenResponseCarriesBearerAndRefreshToken check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));

  auto& token = entry_at(t, party::kAuthorizationServer, paths::kToken);
  token.response_fields.set("token_type", "bearer");
  EXPECT_TRUE(Passes(check, t));  // the type is case-insensitive
  token.response_fields.set("token_type", "mac");
  EXPECT_TRUE(Fails(check, t, "'mac', not Bearer"));
  token.response_fields.erase("refresh_token");
  token.response_fields.erase("expires_in");
  EXPECT_TRUE(Fails(check, t, "lacks expires_in, refresh_token"));

  EXPECT_TRUE(DoesNotApply(check, {code_refused("invalid_grant")}));
}

TEST(TokenResponseIsNotCached, FailsWithoutCacheControlNoStore) {
  TokenResponseIsNotCached check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));
  EXPECT_TRUE(Passes(check, {code_refused("invalid_grant")}));  // errors too

  auto& token = entry_at(t, party::kAuthorizationServer, paths::kToken);
  token.response_headers.set("Cache-Control", "no-cache");
  EXPECT_TRUE(Fails(check, t, "got 'no-cache'"));
  token.response_headers.erase("Cache-Control");
  EXPECT_TRUE(Fails(check, t, "got ''"));
}

TEST(TokenErrorIsRfc6749Error, ChecksTheCodeAndItsStatus) {
  TokenErrorIsRfc6749Error check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(Passes(check, {code_refused("invalid_grant")}));
  EXPECT_TRUE(Passes(check, {code_refused("unsupported_grant_type")}));

  TraceEntry client_error = code_refused("invalid_client", 401);
  client_error.response_headers.add("WWW-Authenticate", "Basic realm=\"SmartRecruiters\"");
  EXPECT_TRUE(Passes(check, {client_error}));
  client_error.response_headers.erase("WWW-Authenticate");
  EXPECT_TRUE(Fails(check, {client_error}, "WWW-Authenticate"));
  // RFC 6749 5.2: with credentials in the body, 400 is allowed; with HTTP Basic, 401 is required.
  EXPECT_TRUE(Passes(check, {code_refused("invalid_client", 400)}));
  TraceEntry basic_refused = code_refused("invalid_client", 400);
  basic_refused.request_headers.add("Authorization", "Basic client_id=acme-ats secret=[redacted]");
  EXPECT_TRUE(Fails(check, {basic_refused}, "got 400"));
  EXPECT_TRUE(Fails(check, {code_refused("invalid_client", 500)}, "got 500"));

  EXPECT_TRUE(Fails(check, {code_refused("code_expired")}, "'code_expired' is not an RFC 6749"));
  EXPECT_TRUE(
      Fails(check, {code_refused("invalid_grant", 401)}, "must be answered with 400, got 401"));
  TraceEntry no_body = code_refused("", 500);
  no_body.response_fields = {};
  EXPECT_TRUE(Fails(check, {no_body}, "is not an RFC 6749"));
}

TEST(BearerTokenSentInAuthorizationHeader, FailsForAnyCallWithoutBearerHeader) {
  BearerTokenSentInAuthorizationHeader check;
  Trace t = allow_flow();
  t.push_back(api_call(200, kAccessToken, "/candidates"));
  EXPECT_TRUE(Passes(check, t));

  t.back().request_headers.set("Authorization", "Basic client_id=acme-ats secret=[redacted]");
  EXPECT_TRUE(Fails(check, t, "GET /candidates came without"));
  t.back().request_headers.erase("Authorization");
  EXPECT_TRUE(Fails(check, t, "GET /candidates came without"));

  EXPECT_TRUE(DoesNotApply(check, {connect(), code_redemption()}));
}

// RFC 6750 2.1: the scheme alone is no credential (an app that took an answer without an
// access_token for tokens sends it so).
TEST(BearerTokenSentInAuthorizationHeader, FailsForTheSchemeWithoutAToken) {
  BearerTokenSentInAuthorizationHeader check;
  Trace t = allow_flow();
  t.push_back(api_call(200, kAccessToken, "/candidates"));
  for (const char* empty : {"Bearer ", "Bearer", "Bearer   "}) {
    t.back().request_headers.set("Authorization", empty);
    EXPECT_TRUE(Fails(check, t, "came with Authorization: Bearer and no token")) << empty;
  }
}

TEST(AccessTokenNeverInQueryString, FailsForATokenInTheQueryOrTheBody) {
  AccessTokenNeverInQueryString check;
  Trace t = allow_flow();
  EXPECT_TRUE(Passes(check, t));

  t.back().query.add("access_token", kAccessToken);
  EXPECT_TRUE(Fails(check, t, "outside the header"));
  t.back().query = {};
  t.back().form.add("access_token", kAccessToken);
  EXPECT_TRUE(Fails(check, t, "outside the header"));

  EXPECT_TRUE(DoesNotApply(check, {code_redemption()}));
}

TEST(RefusalCarriesBearerChallenge, A403AboutRightsNotScopeIsNotATokenError) {
  RefusalCarriesBearerChallenge check;
  // GET /users/me with a client_credentials token: the token is fine, there is no user.
  TraceEntry no_user = rs_saw("GET", "/users/me")
                           .request_header("Authorization", std::string("Bearer ") + kAccessToken)
                           .status(403)
                           .field("message", "No user context");
  EXPECT_TRUE(DoesNotApply(check, {no_user}));
  // Saying insufficient_scope in the body without the challenge RFC 6750 3 requires fails.
  TraceEntry scope_without_challenge = no_user;
  scope_without_challenge.response_fields.add("error", "insufficient_scope");
  EXPECT_TRUE(Fails(check, {scope_without_challenge}, "403 without a Bearer challenge"));
}

TEST(RefusalCarriesBearerChallenge, JudgesEvery401And403) {
  RefusalCarriesBearerChallenge check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));  // no refusal, nothing to judge
  EXPECT_TRUE(Passes(check, {api_call(401)}));

  // No token presented: a bare challenge is right (RFC 6750 3.1).
  TraceEntry anonymous =
      rs_saw("GET", "/users/me").status(401).header("WWW-Authenticate", "Bearer realm=\"api\"");
  EXPECT_TRUE(Passes(check, {anonymous}));

  TraceEntry wrong_error = api_call(401);
  wrong_error.response_headers.set("WWW-Authenticate",
                                   "Bearer realm=\"api\", error=\"invalid_request\"");
  EXPECT_TRUE(Fails(check, {wrong_error}, "must say error=\"invalid_token\""));

  TraceEntry no_challenge = api_call(401);
  no_challenge.response_headers.erase("WWW-Authenticate");
  EXPECT_TRUE(Fails(check, {no_challenge}, "401 without a Bearer challenge"));
  no_challenge.response_headers.set("WWW-Authenticate", "Basic realm=\"api\"");
  EXPECT_TRUE(Fails(check, {no_challenge}, "401 without a Bearer challenge"));

  TraceEntry forbidden =
      rs_saw("GET", "/candidates")
          .request_header("Authorization", std::string("Bearer ") + kAccessToken)
          .status(403)
          .header("WWW-Authenticate",
                  "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"candidates_read\"");
  EXPECT_TRUE(Passes(check, {api_call(), forbidden}));
  forbidden.response_headers.set("WWW-Authenticate",
                                 "Bearer realm=\"api\", error=\"insufficient_scope\"");
  EXPECT_TRUE(Fails(check, {api_call(), forbidden}, "the scope needed"));
  forbidden.response_headers.set("WWW-Authenticate",
                                 "Bearer realm=\"api\", error=\"invalid_token\", scope=\"x\"");
  EXPECT_TRUE(Fails(check, {api_call(), forbidden}, "insufficient_scope"));
  // One bad refusal among good ones fails the check.
  EXPECT_TRUE(Fails(check, {api_call(401), forbidden}, "403"));
}

TEST(ExpiredTokenIsRefusedAsInvalidToken, FailsWhenNoCallWasRefusedWithInvalidToken) {
  ExpiredTokenIsRefusedAsInvalidToken check;
  Trace t = allow_flow();
  t.push_back(api_call(401));
  EXPECT_TRUE(Passes(check, t));

  t.back().response_headers.set("WWW-Authenticate",
                                "Bearer realm=\"api\", error=\"invalid_request\"");
  EXPECT_TRUE(Fails(check, t, "no API call was refused"));
  // A scenario adds this check because the token must expire: a flow that never shows it fails.
  EXPECT_TRUE(Fails(check, allow_flow(), "no API call was refused"));
  TraceEntry expired_but_200 = api_call(200);
  expired_but_200.response_headers.add("WWW-Authenticate", kInvalidTokenChallenge);
  EXPECT_TRUE(Fails(check, {expired_but_200}, "no API call was refused"));
}

Trace expiry_then(std::vector<TraceEntry> after) {
  Trace t = allow_flow();
  t.push_back(api_call(401));
  for (auto& e : after) t.push_back(std::move(e));
  return t;
}

TEST(ClientRefreshesAndRetriesOnce, PassesForRefreshThenOneSuccessfulRetry) {
  ClientRefreshesAndRetriesOnce check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));  // nothing expired
  EXPECT_TRUE(Passes(check, expiry_then({refresh(kRefreshToken, "[redacted fp:5463eea3]"),
                                         api_call(200, "[redacted fp:b19ee856]")})));
}

TEST(ClientRefreshesAndRetriesOnce, FailsWithoutRefreshOrWithoutRetry) {
  ClientRefreshesAndRetriesOnce check;
  EXPECT_TRUE(Fails(check, expiry_then({}), "did not refresh"));
  EXPECT_TRUE(
      Fails(check, expiry_then({api_call(200)}), "did not refresh"));  // retried, no refresh
  EXPECT_TRUE(Fails(check, expiry_then({refresh(kRefreshToken, "[redacted fp:5463eea3]")}),
                    "did not retry"));
  // A call to another path after the refresh is not a retry of the refused one.
  EXPECT_TRUE(Fails(check,
                    expiry_then({refresh(kRefreshToken, "[redacted fp:5463eea3]"),
                                 api_call(200, "[redacted fp:b19ee856]", "/candidates")}),
                    "did not retry"));
}

TEST(ClientRefreshesAndRetriesOnce, FailsWithTwoRetries) {
  ClientRefreshesAndRetriesOnce check;
  EXPECT_TRUE(Fails(check,
                    expiry_then({refresh(kRefreshToken, "[redacted fp:5463eea3]"),
                                 api_call(500, "[redacted fp:b19ee856]"),
                                 api_call(200, "[redacted fp:b19ee856]")}),
                    "retried 2 times"));
}

TEST(ClientRefreshesAndRetriesOnce, FailsWhenTheRetryIsRefused) {
  ClientRefreshesAndRetriesOnce check;
  EXPECT_TRUE(Fails(
      check,
      expiry_then({refresh(kRefreshToken, "[redacted fp:5463eea3]"), api_call(401, kAccessToken)}),
      "the retry was answered 401"));
}

TEST(ClientRefreshesAndRetriesOnce, LaterCallsAfterASuccessfulRetryAreNotRetries) {
  ClientRefreshesAndRetriesOnce check;
  // The user reads /users/me again later with the new token: a new call, not a second retry.
  EXPECT_TRUE(Passes(check, expiry_then({refresh(kRefreshToken, "[redacted fp:5463eea3]"),
                                         api_call(200, "[redacted fp:b19ee856]"),
                                         api_call(200, "[redacted fp:b19ee856]")})));
  // A second expiry, later, gets its own refresh and retry.
  EXPECT_TRUE(Passes(
      check,
      expiry_then({refresh(kRefreshToken, "[redacted fp:5463eea3]"),
                   api_call(200, "[redacted fp:b19ee856]"), api_call(401, "[redacted fp:b19ee856]"),
                   refresh("[redacted fp:5463eea3]", "[redacted fp:77777777]"),
                   api_call(200, "[redacted fp:88888888]")})));
}

TEST(RefreshRotatesRefreshToken, FailsWhenTheSameRefreshTokenComesBack) {
  RefreshRotatesRefreshToken check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(Passes(check, {refresh(kRefreshToken, "[redacted fp:5463eea3]")}));
  EXPECT_TRUE(Fails(check, {refresh(kRefreshToken, kRefreshToken)}, "no rotation"));

  TraceEntry no_new = refresh(kRefreshToken, "");
  no_new.response_fields.erase("refresh_token");
  EXPECT_TRUE(Fails(check, {no_new}, "no new refresh token"));
  EXPECT_TRUE(Fails(check, {refresh_refused(kRefreshToken)}, "no refresh request succeeded"));
  // The first successful refresh is the one judged, after failed attempts.
  EXPECT_TRUE(Passes(check, {refresh_refused("[redacted fp:00000000]"),
                             refresh(kRefreshToken, "[redacted fp:5463eea3]")}));
}

TEST(RotatedOutRefreshTokenIsRefused, FailsWhenTheReusedTokenGot200) {
  RotatedOutRefreshTokenIsRefused check;
  const TraceEntry first = refresh(kRefreshToken, "[redacted fp:5463eea3]");
  EXPECT_TRUE(Passes(check, {first, refresh_refused(kRefreshToken)}));
  EXPECT_TRUE(
      Fails(check, {first, refresh(kRefreshToken, "[redacted fp:99999999]")}, "was answered 200"));
  EXPECT_TRUE(Fails(check, {first, refresh_refused(kRefreshToken, 401, "invalid_client")},
                    "was answered 401"));
  EXPECT_TRUE(Fails(check, {first, refresh_refused(kRefreshToken, 400, "invalid_request")},
                    "was answered 400"));
}

TEST(RotatedOutRefreshTokenIsRefused, FailsWhenNoRotatedOutTokenWasPresented) {
  RotatedOutRefreshTokenIsRefused check;
  EXPECT_TRUE(Fails(check, allow_flow(), "no rotated-out refresh token"));
  EXPECT_TRUE(Fails(check, {refresh(kRefreshToken, "[redacted fp:5463eea3]")},
                    "no rotated-out refresh token"));
  // A token refused the first time was never rotated out: presenting it again proves nothing.
  EXPECT_TRUE(Fails(check, {refresh_refused(kRefreshToken), refresh_refused(kRefreshToken)},
                    "no rotated-out refresh token"));
}

}  // namespace
TEST(ClientCallsOnlyEndpointsSrServes, WarnsOfRevocationIntrospectionAndMetadataCalls) {
  ClientCallsOnlyEndpointsSrServes check;
  EXPECT_TRUE(DoesNotApply(check, allow_flow()));
  EXPECT_TRUE(
      Fails(check, with(allow_flow(), {revocation(kRefreshToken)}), "POST /identity/oauth/revoke"));
  EXPECT_EQ(LevelOf(check, with(allow_flow(), {revocation(kRefreshToken)})), CheckLevel::kWarning);
  const TraceEntry discovery =
      as_saw("GET", "/.well-known/oauth-authorization-server", party::kUnknown).status(200);
  EXPECT_TRUE(Fails(check, with({discovery}, allow_flow()), "/.well-known/oauth-authorization"));
  const TraceEntry oidc = as_saw("GET", "/.well-known/openid-configuration").status(404);
  EXPECT_TRUE(Fails(check, with(allow_flow(), {oidc}), "openid-configuration"));
  // The client introspecting with its own credentials is the client; the mock's Customer API
  // introspecting with its own is not.
  TraceEntry by_client =
      as_saw("POST", paths::kIntrospect, party::kResourceServer)
          .form("token", kAccessToken)
          .request_header("Authorization", "Basic client_id=acme-ats secret=[redacted]")
          .status(200);
  EXPECT_TRUE(Fails(check, with(allow_flow(), {by_client}), "introspect"));
  TraceEntry by_api = by_client;
  by_api.request_headers = {};
  by_api.request_headers.add("Authorization", "Basic client_id=customer-api secret=[redacted]");
  EXPECT_TRUE(DoesNotApply(check, with(allow_flow(), {by_api})));
}

}  // namespace oauthsim::scenario
