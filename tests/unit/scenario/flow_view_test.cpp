// FlowView's indexes and the small readers the checks share.
#include "oauthsim/scenario/judging/flow_view.h"

#include <gtest/gtest.h>

#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Trace = std::vector<TraceEntry>;
namespace party = common::party;
using namespace test;  // NOLINT: the builder vocabulary reads better unqualified

TraceEntry redirect_to(std::string location) {
  return as_saw("POST", paths::kConsent).status(302).header("Location", std::move(location));
}

TEST(LocationParams, ReadsARedactedLocationKeepingTheFingerprint) {
  // As common::redact_url leaves it: the code's fingerprint shown literally, not re-encoded.
  const auto p = location_params(
      redirect_to(std::string(kCallback) + "?code=[redacted fp:d5bfc449]&state=" + kState));
  EXPECT_EQ(p.get("code"), "[redacted fp:d5bfc449]");
  EXPECT_EQ(p.get("state"), kState);
  EXPECT_EQ(p.items().size(), 2u);
}

TEST(LocationParams, DecodesPercentEscapes) {
  const auto p = location_params(
      redirect_to(std::string(kCallback) +
                  "?error=access_denied&error_description=The%20user%20denied%2C%20sorry"));
  EXPECT_EQ(p.get("error"), "access_denied");
  EXPECT_EQ(p.get("error_description"), "The user denied, sorry");
}

TEST(LocationParams, EmptyWithoutLocationQueryOrWithAMalformedQuery) {
  EXPECT_TRUE(location_params(as_saw("GET", paths::kAuthorize).status(200)).empty());
  EXPECT_TRUE(location_params(redirect_to(kCallback)).empty());
  EXPECT_TRUE(location_params(redirect_to(std::string(kCallback) + "?")).empty());
  EXPECT_TRUE(location_params(redirect_to(std::string(kCallback) + "?state=%zz")).empty());
  // What redact_url writes for a query it could not parse carries no code or error.
  const auto p =
      location_params(redirect_to(std::string(kCallback) + "?[unparseable query redacted]"));
  EXPECT_FALSE(p.has("code"));
  EXPECT_FALSE(p.has("error"));
}

TEST(LocationWithoutQuery, StripsTheQueryOnly) {
  EXPECT_EQ(location_without_query(redirect_to(std::string(kCallback) + "?code=x&state=y")),
            kCallback);
  EXPECT_EQ(location_without_query(redirect_to(kCallback)), kCallback);
  EXPECT_EQ(location_without_query(as_saw("GET", paths::kAuthorize).status(200)), "");
}

TEST(HasOutcome, ReadsTheTypedOutcomeNeverTheNote) {
  TraceEntry e = consent_shown();
  EXPECT_TRUE(has_outcome(e, common::ExchangeOutcome::kConsentShown));
  EXPECT_FALSE(has_outcome(e, common::ExchangeOutcome::kLoginAccepted));
  e.note = "the user saw something else entirely";
  EXPECT_TRUE(has_outcome(e, common::ExchangeOutcome::kConsentShown));
  TraceEntry worded = api_call();
  worded.note = "consent form shown; login accepted";
  EXPECT_FALSE(has_outcome(worded, common::ExchangeOutcome::kConsentShown));
  EXPECT_FALSE(has_outcome(worded, common::ExchangeOutcome::kLoginAccepted));
}

TEST(ChallengeAttribute, ReadsQuotedAttributesAfterSpaceOrComma) {
  EXPECT_EQ(challenge_attribute(kInvalidTokenChallenge, "error"), "invalid_token");
  EXPECT_EQ(challenge_attribute(kInvalidTokenChallenge, "realm"), "SmartRecruiters Customer API");
  EXPECT_EQ(challenge_attribute("Bearer realm=\"api\",error=\"invalid_token\"", "error"),
            "invalid_token");
  EXPECT_EQ(challenge_attribute("error=\"invalid_token\"", "error"), "invalid_token");
  EXPECT_EQ(challenge_attribute("Bearer error=\"\"", "error"), "");
}

TEST(ChallengeAttribute, IgnoresTheNameInsideAnotherAttributesName) {
  EXPECT_EQ(challenge_attribute("Bearer xerror=\"a\", error=\"b\"", "error"), "b");
  EXPECT_EQ(challenge_attribute("Bearer xerror=\"a\"", "error"), std::nullopt);
  // error_description starts with "error" but is a different attribute.
  EXPECT_EQ(challenge_attribute("Bearer error_description=\"expired\"", "error"), std::nullopt);
  EXPECT_EQ(
      challenge_attribute("Bearer error_description=\"expired\", error=\"invalid_token\"", "error"),
      "invalid_token");
  EXPECT_EQ(challenge_attribute("Bearer realm=\"api\", myscope=\"a\"", "scope"), std::nullopt);
}

TEST(ChallengeAttribute, KeepsCommasInsideAQuotedValue) {
  const std::string c =
      "Bearer error=\"insufficient_scope\", error_description=\"needs a, b, c\", scope=\"a b\"";
  EXPECT_EQ(challenge_attribute(c, "error_description"), "needs a, b, c");
  EXPECT_EQ(challenge_attribute(c, "scope"), "a b");
  EXPECT_EQ(challenge_attribute(c, "error"), "insufficient_scope");
}

TEST(ChallengeAttribute, NothingForAMissingClosingQuoteOrAbsentAttribute) {
  EXPECT_EQ(challenge_attribute("Bearer error=\"invalid_token", "error"), std::nullopt);
  EXPECT_EQ(challenge_attribute("Bearer realm=\"api\"", "error"), std::nullopt);
  EXPECT_EQ(challenge_attribute("", "error"), std::nullopt);
  EXPECT_EQ(challenge_attribute("Bearer", "error"), std::nullopt);
  // An unquoted token value is not read (the mock servers always quote).
  EXPECT_EQ(challenge_attribute("Bearer error=invalid_token", "error"), std::nullopt);
}

TEST(FlowView, FirstLastAndAllKeepTraceOrder) {
  const FlowView flow =
      flow_of({api_call(200), api_call(401), api_call(200, kAccessToken, "/candidates")});
  auto is_rs = [](const TraceEntry& e) { return e.observer == party::kResourceServer; };
  ASSERT_NE(flow.first(is_rs), nullptr);
  EXPECT_EQ(flow.first(is_rs)->seq, 1u);
  EXPECT_EQ(flow.last(is_rs)->seq, 3u);
  EXPECT_EQ(flow.all(is_rs).size(), 3u);
  auto never = [](const TraceEntry&) { return false; };
  EXPECT_EQ(flow.first(never), nullptr);
  EXPECT_EQ(flow.last(never), nullptr);
  EXPECT_TRUE(flow.all(never).empty());
}

TEST(FlowView, SeenByMatchesObserverPathAndOptionalMethod) {
  const FlowView flow = flow_of(allow_flow());
  EXPECT_EQ(flow.all(FlowView::seen_by(party::kAuthorizationServer, "", paths::kConsent)).size(),
            2u);
  EXPECT_EQ(
      flow.all(FlowView::seen_by(party::kAuthorizationServer, "POST", paths::kConsent)).size(), 1u);
  EXPECT_EQ(flow.all(FlowView::seen_by(party::kUserAgent, "", paths::kConsent)).size(), 0u);
}

TEST(FlowView, TokenRequestsAreFilteredByGrantTypeAsTheServerSawThem) {
  Trace t = allow_flow();
  t.push_back(refresh(kRefreshToken, "[redacted fp:5463eea3]"));
  TraceEntry client_copy = code_redemption();
  client_copy.observer = party::kClient;  // the client's own record of the same exchange
  t.push_back(client_copy);
  const FlowView flow = flow_of(t);
  EXPECT_EQ(flow.token_requests("authorization_code").size(), 1u);
  EXPECT_EQ(flow.token_requests("refresh_token").size(), 1u);
  EXPECT_TRUE(flow.token_requests("client_credentials").empty());
}

TEST(FlowView, RedirectBackIsTheLastServerRedirectCarryingCodeOrError) {
  const FlowView flow = flow_of(allow_flow());
  const TraceEntry* back = flow.redirect_back();
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->method, "POST");
  EXPECT_EQ(back->path, paths::kConsent);

  // The login's redirect to the consent page carries neither, so it is not the way back.
  EXPECT_EQ(flow_of({login()}).redirect_back(), nullptr);
  // The user agent's copy of the redirect is not the server's answer.
  TraceEntry ua_copy = consent_decision();
  ua_copy.observer = party::kUserAgent;
  EXPECT_EQ(flow_of({ua_copy}).redirect_back(), nullptr);
  // A redirect on another path is not the authorization server's way back.
  TraceEntry elsewhere = consent_decision();
  elsewhere.path = "/identity/oauth/other";
  EXPECT_EQ(flow_of({elsewhere}).redirect_back(), nullptr);

  TraceEntry error_redirect = authorization_request();
  error_redirect.status = 302;
  error_redirect.response_headers.set("Location", std::string(kCallback) + "?error=invalid_scope");
  const FlowView two = flow_of({error_redirect, consent_decision()});
  EXPECT_EQ(two.redirect_back()->seq, 2u);
}

TEST(FlowView, AuthorizationRequestAndApiRequestsComeFromTheirServers) {
  TraceEntry ua_copy = authorization_request();
  ua_copy.observer = party::kUserAgent;
  TraceEntry client_copy = api_call();
  client_copy.observer = party::kClient;
  const FlowView flow = flow_of({ua_copy, authorization_request(), client_copy, api_call()});
  ASSERT_NE(flow.authorization_request(), nullptr);
  EXPECT_EQ(flow.authorization_request()->seq, 2u);
  ASSERT_EQ(flow.api_requests().size(), 1u);
  EXPECT_EQ(flow.api_requests().front()->seq, 4u);
  EXPECT_EQ(flow.client(), &acme());
}

TEST(AnsweredByInjectedFault, TrueOnlyForAReplacedAnswer) {
  EXPECT_TRUE(answered_by_injected_fault(injected_answer(code_redemption(), 503)));
  TraceEntry dropped = code_redemption();
  dropped.fault = common::FaultEffect::kConnectionDropped;
  EXPECT_TRUE(answered_by_injected_fault(dropped));
  // Words are not facts: a note that reads like a fault marks nothing.
  TraceEntry worded = code_redemption();
  worded.note = "fault injected: 503 once on POST /identity/oauth/token";
  EXPECT_FALSE(answered_by_injected_fault(worded));
  // A delay alone leaves the real handler's answer: the server did judge the request.
  EXPECT_FALSE(answered_by_injected_fault(delayed_answer(code_redemption())));
  EXPECT_FALSE(answered_by_injected_fault(code_redemption()));
  // The harness's own "fault:" marker is not an answer.
  EXPECT_FALSE(answered_by_injected_fault(
      harness_marker("fault: fault injected: 503 once on POST /identity/oauth/token")));
}

TEST(FlowView, TokenRequestsSkipAnswersAnInjectedFaultReplaced) {
  const FlowView flow = flow_of({injected_answer(code_redemption(), 503), code_redemption(),
                                 delayed_answer(refresh(kRefreshToken, "[redacted fp:5463eea3]")),
                                 injected_answer(api_call(), 503)});
  const auto codes = flow.token_requests("authorization_code");
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes.front()->seq, 2u);
  EXPECT_EQ(flow.token_requests("refresh_token").size(), 1u);  // delayed, still processed

  const auto injected = flow.injected_answers();
  ASSERT_EQ(injected.size(), 2u);
  EXPECT_EQ(injected[0]->seq, 1u);
  EXPECT_EQ(injected[1]->seq, 4u);
  // What the client saw from the API, injected or not, stays an API request.
  EXPECT_EQ(flow.api_requests().size(), 1u);
}

TEST(HarnessActionWord, ReadsTheDoWordOfAnActionMarkerOnly) {
  EXPECT_EQ(harness_action_word(harness_marker("action 4: delete_user alice@example.com")),
            "delete_user");
  EXPECT_EQ(harness_action_word(harness_marker("action 12: connect")), "connect");
  EXPECT_EQ(harness_action_word(harness_marker("fault: 503 once on POST /x")), "");
  // The typed word, whatever the marker's text says.
  TraceEntry reworded = harness_marker("action 2: delete_user alice@example.com");
  reworded.note = "Step two: the user is removed";
  EXPECT_EQ(harness_action_word(reworded), "delete_user");
  // The same words in a party's note are not a harness marker.
  TraceEntry not_harness = api_call();
  not_harness.note = "action 1: connect";
  EXPECT_FALSE(is_harness_marker(not_harness));
  EXPECT_EQ(harness_action_word(not_harness), "");
}

TEST(FlowView, HarnessActionFindsTheFirstMarkerOfThatAction) {
  const FlowView flow =
      flow_of({harness_marker("action 1: connect"), connect(), harness_marker("fault: 503"),
               harness_marker("action 2: delete_user alice@example.com"),
               harness_marker("action 3: delete_user bob@example.com")});
  ASSERT_EQ(flow.harness_actions().size(), 3u);
  ASSERT_NE(flow.harness_action("delete_user"), nullptr);
  EXPECT_EQ(flow.harness_action("delete_user")->seq, 4u);
  EXPECT_EQ(flow.harness_action("connect")->seq, 1u);
  EXPECT_EQ(flow.harness_action("delete"), nullptr);  // a whole word, not a prefix
  EXPECT_EQ(flow.harness_action("revoke"), nullptr);
}

TEST(AuthorizationReaders, BearerTokenAndBasicClientId) {
  EXPECT_EQ(bearer_token(api_call()), kAccessToken);
  EXPECT_EQ(bearer_token(code_redemption()), std::nullopt);
  TraceEntry basic = code_redemption();
  basic.request_headers.add("Authorization", "Basic client_id=other-ats secret=[redacted]");
  EXPECT_EQ(basic_client_id(basic), "other-ats");
  EXPECT_EQ(bearer_token(basic), std::nullopt);
  EXPECT_EQ(basic_client_id(api_call()), std::nullopt);
  basic.request_headers.set("Authorization", "Basic [undecodable credentials redacted]");
  EXPECT_EQ(basic_client_id(basic), std::nullopt);
}

TEST(AnswerError, ReadsTheBodyThenTheChallenge) {
  EXPECT_EQ(answer_error(code_refused("invalid_grant")), "invalid_grant");
  TraceEntry challenge_only = api_call(401);
  challenge_only.response_fields = {};
  EXPECT_EQ(answer_error(challenge_only), "invalid_token");
  EXPECT_EQ(answer_error(api_call(200)), "");
  EXPECT_EQ(answer_summary(code_refused("invalid_grant")), "400 invalid_grant");
  EXPECT_EQ(answer_summary(api_call(200)), "200");
}

}  // namespace
}  // namespace oauthsim::scenario
