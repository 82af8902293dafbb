// Each ClientFlaw switch changes what the reference client sends in exactly the way its name
// says, next to the same request from the correct client.
#include "client_test_support.h"
#include "oauthsim/client/client_flaw.h"
#include "oauthsim/common/url.h"

namespace oauthsim::client::testing {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::Return;
using ::testing::SaveArg;
using Kind = ClientError::Kind;

ClientSettings flawed(ClientFlaw flaw, ClientSettings s = test_settings()) {
  s.flaws.insert(flaw);
  return s;
}

std::string without_query(const std::string& url) {
  return url.substr(0, url.find('?'));
}

class ClientFlawTest : public OAuthClientTest {
 protected:
  // The one token endpoint request a code exchange by a client with `settings` sends.
  common::HttpRequest code_exchange(const ClientSettings& settings) {
    common::HttpRequest sent;
    EXPECT_CALL(transport, send(_))
        .WillOnce(DoAll(SaveArg<0>(&sent), Return(token_response("at-1", "rt-1"))));
    OAuthClient client = make_client(settings);
    client.exchange_code("c-1", client.begin_authorization());
    ::testing::Mock::VerifyAndClearExpectations(&transport);
    return sent;
  }
  common::HttpRequest api_call(const ClientSettings& settings) {
    common::HttpRequest sent;
    EXPECT_CALL(transport, send(_))
        .WillOnce(DoAll(SaveArg<0>(&sent), Return(json_response(200, {{"id", "u1"}}))));
    TokenSet tokens = live_tokens();
    make_client(settings).call_api("GET", "/users/me?fields=id", tokens);
    ::testing::Mock::VerifyAndClearExpectations(&transport);
    return sent;
  }
};

TEST(ClientFlawNames, EveryFlawRoundTripsThroughItsName) {
  EXPECT_EQ(all_client_flaws().size(), 11u);
  for (ClientFlaw f : all_client_flaws()) {
    EXPECT_EQ(parse_client_flaw(flaw_name(f)), f) << flaw_name(f);
  }
  EXPECT_EQ(flaw_name(ClientFlaw::kNoState), "no_state");
  EXPECT_EQ(flaw_name(ClientFlaw::kTokenRequestAfterDenial), "token_request_after_denial");
  EXPECT_FALSE(parse_client_flaw("No_State"));
  EXPECT_FALSE(parse_client_flaw(""));
}

TEST_F(ClientFlawTest, NoStateOmitsOnlyTheStateAndAcceptsACallbackWithoutOne) {
  const auto correct = query_of(make_client().begin_authorization().url);
  OAuthClient client = make_client(flawed(ClientFlaw::kNoState));
  const PendingAuthorization pending = client.begin_authorization();
  auto sent = query_of(pending.url);
  EXPECT_TRUE(pending.state.empty());
  EXPECT_FALSE(sent.has("state"));
  sent.add("state", *correct.get("state"));
  EXPECT_EQ(sent.encode(), correct.encode()) << "everything but the state is unchanged";
  EXPECT_EQ(client.handle_callback({{"code", "c-1"}}, pending), "c-1");
}

TEST_F(ClientFlawTest, StateNotCheckedStillSendsAStateButAcceptsAForgedOrMissingOne) {
  OAuthClient client = make_client(flawed(ClientFlaw::kStateNotChecked));
  const PendingAuthorization pending = client.begin_authorization();
  EXPECT_EQ(query_of(pending.url).get("state"), pending.state);
  EXPECT_EQ(pending.state.size(), 43u);
  EXPECT_EQ(client.handle_callback({{"code", "c-1"}, {"state", "forged"}}, pending), "c-1");
  EXPECT_EQ(client.handle_callback({{"code", "c-2"}}, pending), "c-2");
}

TEST_F(ClientFlawTest, CodeRedeemedTwicePostsTheSameExchangeAgainAndKeepsTheFirstTokens) {
  const common::HttpRequest correct = code_exchange(test_settings());
  common::HttpRequest first, second;
  EXPECT_CALL(transport, send(_))
      .WillOnce(DoAll(SaveArg<0>(&first), Return(token_response("at-1", "rt-1"))))
      .WillOnce(
          DoAll(SaveArg<0>(&second), Return(json_response(400, {{"error", "invalid_grant"}}))));
  OAuthClient client = make_client(flawed(ClientFlaw::kCodeRedeemedTwice));
  const TokenSet tokens = client.exchange_code("c-1", client.begin_authorization());
  EXPECT_EQ(tokens.access_token, "at-1");
  EXPECT_EQ(first.url, correct.url);
  EXPECT_EQ(first.body, correct.body);
  EXPECT_EQ(second.url, first.url);
  EXPECT_EQ(second.body, first.body) << "byte for byte the same exchange";
}

TEST_F(ClientFlawTest, SecretInQueryMovesTheCredentialsFromTheBodyToTheUrl) {
  const common::HttpRequest correct = code_exchange(test_settings());
  const common::HttpRequest sent = code_exchange(flawed(ClientFlaw::kSecretInQuery));
  EXPECT_EQ(without_query(sent.url), correct.url);
  const auto query = query_of(sent.url);
  EXPECT_EQ(query.get("client_id"), "acme-ats");
  EXPECT_EQ(query.get("client_secret"), "acme-secret");
  auto correct_form = form_of(correct);
  correct_form.erase("client_id");
  correct_form.erase("client_secret");
  EXPECT_EQ(form_of(sent).encode(), correct_form.encode());
  EXPECT_FALSE(sent.headers.has("Authorization"));
}

TEST_F(ClientFlawTest, SecretInQueryAlsoReplacesHttpBasic) {
  ClientSettings basic = test_settings();
  basic.auth_method = ClientAuthMethod::kClientSecretBasic;
  const common::HttpRequest sent = code_exchange(flawed(ClientFlaw::kSecretInQuery, basic));
  EXPECT_FALSE(sent.headers.has("Authorization"));
  EXPECT_EQ(query_of(sent.url).get("client_secret"), "acme-secret");
}

TEST_F(ClientFlawTest, TokenInQuerySendsTheTokenInTheUrlInsteadOfTheHeader) {
  const common::HttpRequest correct = api_call(test_settings());
  const common::HttpRequest sent = api_call(flawed(ClientFlaw::kTokenInQuery));
  EXPECT_EQ(correct.headers.get("Authorization"), "Bearer at-1");
  EXPECT_FALSE(sent.headers.has("Authorization"));
  EXPECT_EQ(sent.url, correct.url + "&access_token=at-1");
  EXPECT_EQ(sent.headers.get("Accept"), correct.headers.get("Accept"));
}

TEST_F(ClientFlawTest, RotatedRefreshTokenNotKeptPresentsTheOldTokenNextTime) {
  common::HttpRequest second;
  EXPECT_CALL(transport, send(_))
      .WillOnce(Return(token_response("at-2", "rt-2")))
      .WillOnce(DoAll(SaveArg<0>(&second), Return(token_response("at-3", "rt-3"))));
  OAuthClient client = make_client(flawed(ClientFlaw::kRotatedRefreshTokenNotKept));
  const TokenSet after_first = client.refresh(live_tokens());
  EXPECT_EQ(after_first.access_token, "at-2") << "the new access token is used";
  EXPECT_EQ(after_first.refresh_token, "rt-1") << "the rotated one is dropped";
  client.refresh(after_first);
  EXPECT_EQ(form_of(second).get("refresh_token"), "rt-1");
}

TEST_F(ClientFlawTest, RefreshRetriedForeverRepeatsARefusedRefreshUpToTheBound) {
  std::vector<std::string> bodies;
  EXPECT_CALL(transport, send(_))
      .Times(kFlawedRefreshAttempts)
      .WillRepeatedly([&](const common::HttpRequest& r) {
        bodies.push_back(r.body);
        return json_response(400, {{"error", "invalid_grant"}});
      });
  try {
    make_client(flawed(ClientFlaw::kRefreshRetriedForever)).refresh(live_tokens());
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kRefreshRefused);
    EXPECT_EQ(e.oauth_error(), "invalid_grant");
  }
  ASSERT_EQ(bodies.size(), static_cast<std::size_t>(kFlawedRefreshAttempts));
  for (const auto& b : bodies) EXPECT_EQ(b, bodies.front());
}

TEST_F(ClientFlawTest, RefreshRetriedForeverStopsOnceARetrySucceeds) {
  EXPECT_CALL(transport, send(_))
      .WillOnce(Return(json_response(400, {{"error", "invalid_grant"}})))
      .WillOnce(Return(token_response("at-2", "rt-2")));
  const TokenSet next =
      make_client(flawed(ClientFlaw::kRefreshRetriedForever)).refresh(live_tokens());
  EXPECT_EQ(next.refresh_token, "rt-2");
}

TEST_F(ClientFlawTest, TokenRequestAfterDenialTurnsADenialIntoAnExchangeWithoutACode) {
  OAuthClient client = make_client(flawed(ClientFlaw::kTokenRequestAfterDenial));
  const PendingAuthorization pending = client.begin_authorization();
  const std::string code =
      client.handle_callback({{"error", "access_denied"}, {"state", pending.state}}, pending);
  EXPECT_EQ(code, "");
  common::HttpRequest sent;
  EXPECT_CALL(transport, send(_))
      .WillOnce(
          DoAll(SaveArg<0>(&sent), Return(json_response(400, {{"error", "invalid_request"}}))));
  EXPECT_THROW(client.exchange_code(code, pending), ClientError);
  const auto form = form_of(sent);
  EXPECT_EQ(form.get("grant_type"), "authorization_code");
  EXPECT_EQ(form.get("code"), "");
}

TEST_F(ClientFlawTest, TokenRequestAfterDenialStillChecksTheState) {
  OAuthClient client = make_client(flawed(ClientFlaw::kTokenRequestAfterDenial));
  const PendingAuthorization pending = client.begin_authorization();
  EXPECT_THROW(client.handle_callback({{"error", "access_denied"}, {"state", "forged"}}, pending),
               ClientError);
}

TEST_F(ClientFlawTest, RedirectUriNotSentLeavesOnlyRedirectUriOutOfTheExchange) {
  auto correct = form_of(code_exchange(test_settings()));
  const auto sent = form_of(code_exchange(flawed(ClientFlaw::kRedirectUriNotSent)));
  EXPECT_TRUE(correct.has("redirect_uri"));
  EXPECT_FALSE(sent.has("redirect_uri"));
  correct.erase("redirect_uri");
  EXPECT_EQ(sent.encode(), correct.encode());
}

TEST_F(ClientFlawTest, TokenAnswerNotCheckedTakesAnEmptyOrMislabelledAnswerForEmptyTokens) {
  common::HttpResponse labelled_text = token_response("at-1", "rt-1");
  labelled_text.headers = {};
  labelled_text.headers.add("Content-Type", "text/plain");
  common::HttpResponse html;
  html.status = 200;
  html.headers.add("Content-Type", "text/html");
  html.body = "<html>maintenance</html>";
  for (const auto& answer : {json_response(200, nlohmann::json::object()), labelled_text, html}) {
    EXPECT_CALL(transport, send(_)).WillOnce(Return(answer));
    OAuthClient client = make_client(flawed(ClientFlaw::kTokenAnswerNotChecked));
    const TokenSet t = client.exchange_code("c-1", client.begin_authorization());
    EXPECT_EQ(t.access_token, "") << answer.body;
    ::testing::Mock::VerifyAndClearExpectations(&transport);
    // The correct client refuses the same answer.
    EXPECT_CALL(transport, send(_)).WillOnce(Return(answer));
    OAuthClient correct = make_client();
    if (answer.body == labelled_text.body) {
      EXPECT_EQ(correct.exchange_code("c-1", correct.begin_authorization()).access_token, "at-1");
    } else {
      EXPECT_THROW(correct.exchange_code("c-1", correct.begin_authorization()), ClientError);
    }
    ::testing::Mock::VerifyAndClearExpectations(&transport);
  }
  EXPECT_CALL(transport, send(_)).WillOnce(Return(token_response("at-1", "rt-1")));
  OAuthClient client = make_client(flawed(ClientFlaw::kTokenAnswerNotChecked));
  EXPECT_EQ(client.exchange_code("c-1", client.begin_authorization()).access_token, "at-1")
      << "a real token answer is read as it is";
}

TEST_F(ClientFlawTest, ApiErrorRetriedAtOnceRepeatsA429A5xxOrA403UpToTheBound) {
  for (int status : {429, 503, 403}) {
    int sent = 0;
    EXPECT_CALL(transport, send(_)).WillRepeatedly([&](const common::HttpRequest&) {
      ++sent;
      return json_response(status, {{"message", "refused"}});
    });
    TokenSet tokens = live_tokens();
    const auto answer =
        make_client(flawed(ClientFlaw::kApiErrorRetriedAtOnce)).call_api("GET", "/jobs", tokens);
    EXPECT_EQ(answer.status, status);
    EXPECT_EQ(sent, 1 + kFlawedApiRetries) << status;
    ::testing::Mock::VerifyAndClearExpectations(&transport);
  }
  EXPECT_CALL(transport, send(_)).WillOnce(Return(json_response(404, {{"message", "no"}})));
  TokenSet tokens = live_tokens();
  EXPECT_EQ(
      make_client(flawed(ClientFlaw::kApiErrorRetriedAtOnce)).call_api("GET", "/x", tokens).status,
      404)
      << "a 404 is not retried";
}

TEST_F(ClientFlawTest, NoFlawsIsTheCorrectClient) {
  EXPECT_TRUE(test_settings().flaws.empty());
  const auto sent = code_exchange(test_settings());
  EXPECT_EQ(sent.url, test_settings().token_endpoint);
  EXPECT_EQ(form_of(sent).get("client_secret"), "acme-secret");
}

}  // namespace
}  // namespace oauthsim::client::testing
