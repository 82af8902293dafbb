#include "client_test_support.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::client::testing {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::Return;
using ::testing::SaveArg;
using Kind = ClientError::Kind;

class CodeExchangeTest : public OAuthClientTest {
 protected:
  // Exchanges "code-1" against `answer` and returns what was sent.
  common::HttpRequest exchange(OAuthClient client, const common::HttpResponse& answer,
                               TokenSet* out = nullptr) {
    common::HttpRequest sent;
    EXPECT_CALL(transport, send(_)).WillOnce(DoAll(SaveArg<0>(&sent), Return(answer)));
    auto pending = client.begin_authorization();
    TokenSet t = client.exchange_code("code-1", pending);
    if (out) *out = t;
    return sent;
  }

  Kind refusal(const common::HttpResponse& answer, std::string* oauth_error = nullptr,
               std::string* message = nullptr) {
    EXPECT_CALL(transport, send(_)).WillOnce(Return(answer));
    auto client = make_client();
    try {
      client.exchange_code("code-1", client.begin_authorization());
    } catch (const ClientError& e) {
      if (oauth_error) *oauth_error = e.oauth_error();
      if (message) *message = e.what();
      return e.kind();
    }
    ADD_FAILURE() << "exchange_code accepted the answer";
    return Kind::kTransport;
  }
};

TEST_F(CodeExchangeTest, PostsFormWithCodeRedirectUriAndSecretFields) {
  auto sent = exchange(make_client(), token_response("at", "rt"));
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "http://127.0.0.1:7001/identity/oauth/token");
  EXPECT_EQ(sent.content_type, "application/x-www-form-urlencoded");
  auto form = form_of(sent);
  EXPECT_EQ(form.get("grant_type"), "authorization_code");
  EXPECT_EQ(form.get("code"), "code-1");
  EXPECT_EQ(form.get("redirect_uri"), "http://localhost:9000/callback");
  EXPECT_EQ(form.get("client_id"), "acme-ats");
  EXPECT_EQ(form.get("client_secret"), "acme-secret");
  EXPECT_FALSE(form.has("code_verifier"));
  EXPECT_FALSE(sent.headers.has("Authorization"));
}

TEST_F(CodeExchangeTest, CertificateMethodsSendClientIdAndNoSecret) {
  for (auto method :
       {ClientAuthMethod::kTlsClientAuth, ClientAuthMethod::kSelfSignedTlsClientAuth}) {
    auto s = test_settings();
    s.auth_method = method;
    auto sent = exchange(make_client(s), token_response("at", "rt"));
    auto form = form_of(sent);
    EXPECT_EQ(form.get("client_id"), "acme-ats");
    EXPECT_FALSE(form.has("client_secret"));
    EXPECT_FALSE(sent.headers.has("Authorization"));
    EXPECT_EQ(form.get("code"), "code-1");
  }
}

TEST_F(CodeExchangeTest, BasicAuthSendsHeaderAndNoCredentialsInBody) {
  auto s = test_settings();
  s.auth_method = ClientAuthMethod::kClientSecretBasic;
  auto sent = exchange(make_client(s), token_response("at", "rt"));
  EXPECT_EQ(sent.headers.get("Authorization"),
            "Basic " + common::base64_encode("acme-ats:acme-secret"));
  auto form = form_of(sent);
  EXPECT_FALSE(form.has("client_secret"));
  EXPECT_FALSE(form.has("client_id"));
  EXPECT_EQ(form.get("code"), "code-1");
}

TEST_F(CodeExchangeTest, BasicAuthFormEncodesCredentialsFirst) {
  auto s = test_settings();
  s.auth_method = ClientAuthMethod::kClientSecretBasic;
  s.client_secret = "p:ss";
  auto sent = exchange(make_client(s), token_response("at", "rt"));
  EXPECT_EQ(sent.headers.get("Authorization"), "Basic " + common::base64_encode("acme-ats:p%3Ass"));
}

TEST_F(CodeExchangeTest, PkceSendsTheVerifierOfThePendingFlow) {
  auto s = test_settings();
  s.use_pkce = true;
  auto client = make_client(s);
  auto pending = client.begin_authorization();
  common::HttpRequest sent;
  EXPECT_CALL(transport, send(_))
      .WillOnce(DoAll(SaveArg<0>(&sent), Return(token_response("at", "rt"))));
  client.exchange_code("code-1", pending);
  EXPECT_EQ(form_of(sent).get("code_verifier"), pending.code_verifier);
}

TEST_F(CodeExchangeTest, ParsesTokensAndComputesExpiryFromTheClock) {
  TokenSet t;
  exchange(make_client(), token_response("at-9", "rt-9", 1800), &t);
  EXPECT_EQ(t.access_token, "at-9");
  EXPECT_EQ(t.refresh_token, "rt-9");
  EXPECT_EQ(t.token_type, "Bearer");
  EXPECT_EQ(t.scope, "user_me_read jobs_read");
  EXPECT_EQ(t.expires_at_ms, common::VirtualClock::kDefaultStartMs + 1800 * 1000);
  EXPECT_FALSE(t.expired(clock));
  clock.advance_seconds(1799);
  EXPECT_FALSE(t.expired(clock));
  clock.advance_seconds(1);
  EXPECT_TRUE(t.expired(clock));
}

TEST_F(CodeExchangeTest, LowercaseBearerTokenTypeIsAccepted) {
  TokenSet t;
  exchange(
      make_client(),
      json_response(200, {{"access_token", "a"}, {"token_type", "bearer"}, {"expires_in", 60}}),
      &t);
  EXPECT_EQ(t.token_type, "Bearer");
}

TEST_F(CodeExchangeTest, MissingScopeInAnswerMeansTheRequestedOnes) {
  TokenSet t;
  exchange(make_client(), json_response(200, {{"access_token", "a"}, {"token_type", "Bearer"}}),
           &t);
  EXPECT_EQ(t.scope, "user_me_read jobs_read");
  EXPECT_EQ(t.expires_at_ms, TokenSet::kNoExpiry);
}

TEST_F(CodeExchangeTest, MissingAccessTokenIsAnInvalidTokenResponse) {
  EXPECT_EQ(refusal(json_response(200, {{"token_type", "Bearer"}, {"expires_in", 60}})),
            Kind::kInvalidTokenResponse);
}

TEST_F(CodeExchangeTest, NonBearerTokenTypeIsAnInvalidTokenResponse) {
  EXPECT_EQ(refusal(json_response(200, {{"access_token", "a"}, {"token_type", "mac"}})),
            Kind::kInvalidTokenResponse);
  EXPECT_EQ(refusal(json_response(200, {{"access_token", "a"}})), Kind::kInvalidTokenResponse);
}

TEST_F(CodeExchangeTest, NonJsonOrIllTypedAnswerIsAnInvalidTokenResponse) {
  common::HttpResponse html{200, {}, "<html>hi</html>"};
  EXPECT_EQ(refusal(html), Kind::kInvalidTokenResponse);
  EXPECT_EQ(refusal(json_response(200, nlohmann::json::array())), Kind::kInvalidTokenResponse);
  EXPECT_EQ(refusal(json_response(200, {{"access_token", 5}, {"token_type", "Bearer"}})),
            Kind::kInvalidTokenResponse);
  EXPECT_EQ(refusal(json_response(
                200, {{"access_token", "a"}, {"token_type", "Bearer"}, {"expires_in", -1}})),
            Kind::kInvalidTokenResponse);
}

TEST_F(CodeExchangeTest, InvalidGrantIsATokenEndpointErrorNamingIt) {
  std::string oauth_error, message;
  EXPECT_EQ(refusal(json_response(400, {{"error", "invalid_grant"},
                                        {"error_description", "Code already used"}}),
                    &oauth_error, &message),
            Kind::kTokenEndpointError);
  EXPECT_EQ(oauth_error, "invalid_grant");
  EXPECT_EQ(message, "token endpoint refused the code: invalid_grant (Code already used)");
}

TEST_F(CodeExchangeTest, ErrorWithoutOAuthBodyStillSaysTheStatus) {
  std::string message;
  // 404, not a 5xx: a 5xx is retried once (token_endpoint_retry_test.cpp).
  EXPECT_EQ(refusal(common::HttpResponse{404, {}, "oops"}, nullptr, &message),
            Kind::kTokenEndpointError);
  EXPECT_NE(message.find("404"), std::string::npos);
}

TEST_F(CodeExchangeTest, MessagesNeverContainSecretOrCode) {
  std::string message;
  refusal(json_response(401, {{"error", "invalid_client"}}), nullptr, &message);
  EXPECT_EQ(message.find("acme-secret"), std::string::npos);
  EXPECT_EQ(message.find("code-1"), std::string::npos);
}

TEST_F(CodeExchangeTest, UnreachableServerIsATransportError) {
  EXPECT_CALL(transport, send(_)).WillOnce(::testing::Throw(common::TransportError("refused")));
  auto client = make_client();
  try {
    client.exchange_code("code-1", client.begin_authorization());
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kTransport);
  }
}

}  // namespace
}  // namespace oauthsim::client::testing
