#include "client_test_support.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::client::testing {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::Return;
using ::testing::SaveArg;
using Kind = ClientError::Kind;

constexpr const char* kRevocationUrl = "http://127.0.0.1:7001/identity/oauth/revoke";

class RevokeTest : public OAuthClientTest {
 protected:
  static ClientSettings settings(ClientAuthMethod method = ClientAuthMethod::kClientSecretPost) {
    auto s = test_settings();
    s.revocation_endpoint = kRevocationUrl;
    s.auth_method = method;
    return s;
  }

  // Revokes against `answer` and returns what was sent.
  common::HttpRequest revoke(const ClientSettings& s, const std::string& token,
                             const std::string& hint) {
    common::HttpRequest sent;
    EXPECT_CALL(transport, send(_))
        .WillOnce(DoAll(SaveArg<0>(&sent), Return(common::HttpResponse{200, {}, ""})));
    make_client(s).revoke(token, hint);
    return sent;
  }

  ClientError refusal(const common::HttpResponse& answer) {
    EXPECT_CALL(transport, send(_)).WillOnce(Return(answer));
    try {
      make_client(settings()).revoke("rt-1", "refresh_token");
    } catch (const ClientError& e) {
      return e;
    }
    ADD_FAILURE() << "revoke accepted the answer";
    return ClientError(Kind::kTransport, "");
  }
};

TEST_F(RevokeTest, PostsTokenAndHintWithSecretFieldsToTheRevocationEndpoint) {
  auto sent = revoke(settings(), "rt-1", "refresh_token");
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, kRevocationUrl);
  EXPECT_EQ(sent.content_type, "application/x-www-form-urlencoded");
  auto form = form_of(sent);
  EXPECT_EQ(form.get("token"), "rt-1");
  EXPECT_EQ(form.get("token_type_hint"), "refresh_token");
  EXPECT_EQ(form.get("client_id"), "acme-ats");
  EXPECT_EQ(form.get("client_secret"), "acme-secret");
  EXPECT_FALSE(sent.headers.has("Authorization"));
}

TEST_F(RevokeTest, AccessTokenHintIsSentAsGiven) {
  auto sent = revoke(settings(), "at-1", "access_token");
  auto form = form_of(sent);
  EXPECT_EQ(form.get("token"), "at-1");
  EXPECT_EQ(form.get("token_type_hint"), "access_token");
}

TEST_F(RevokeTest, BasicAuthSendsHeaderAndNoCredentialsInBody) {
  auto sent = revoke(settings(ClientAuthMethod::kClientSecretBasic), "rt-1", "refresh_token");
  EXPECT_EQ(sent.headers.get("Authorization"),
            "Basic " + common::base64_encode("acme-ats:acme-secret"));
  auto form = form_of(sent);
  EXPECT_FALSE(form.has("client_id"));
  EXPECT_FALSE(form.has("client_secret"));
  EXPECT_EQ(form.get("token"), "rt-1");
}

TEST_F(RevokeTest, RefusalWithOAuthErrorBodyNamesTheError) {
  auto e = refusal(
      json_response(401, {{"error", "invalid_client"}, {"error_description", "bad secret"}}));
  EXPECT_EQ(e.kind(), Kind::kRevocationRefused);
  EXPECT_EQ(e.oauth_error(), "invalid_client");
  const std::string message = e.what();
  EXPECT_NE(message.find("invalid_client"), std::string::npos) << message;
  EXPECT_EQ(message.find("rt-1"), std::string::npos) << "the token must not be in the message";
  EXPECT_EQ(message.find("acme-secret"), std::string::npos);
}

TEST_F(RevokeTest, RefusalWithoutErrorBodyNamesTheStatus) {
  auto e = refusal(common::HttpResponse{503, {}, "busy"});
  EXPECT_EQ(e.kind(), Kind::kRevocationRefused);
  EXPECT_TRUE(e.oauth_error().empty());
  EXPECT_NE(std::string(e.what()).find("503"), std::string::npos) << e.what();
}

TEST_F(RevokeTest, NonOkSuccessStatusIsStillARefusal) {
  // RFC 7009 2.2 answers 200; a 204 means the server is not speaking RFC 7009.
  EXPECT_EQ(refusal(common::HttpResponse{204, {}, ""}).kind(), Kind::kRevocationRefused);
}

TEST_F(RevokeTest, MissingEndpointIsAnErrorNamingItWithoutARequest) {
  try {
    make_client(test_settings()).revoke("rt-1", "refresh_token");
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kMissingEndpoint);
    EXPECT_NE(std::string(e.what()).find("revocation_endpoint"), std::string::npos);
  }
}

TEST_F(RevokeTest, UnknownHintOrEmptyTokenIsRejectedWithoutARequest) {
  auto client = make_client(settings());
  EXPECT_THROW(client.revoke("rt-1", "id_token"), std::invalid_argument);
  EXPECT_THROW(client.revoke("", "refresh_token"), std::invalid_argument);
}

TEST_F(RevokeTest, TransportFailureIsATransportError) {
  EXPECT_CALL(transport, send(_)).WillOnce(::testing::Throw(common::TransportError("refused")));
  try {
    make_client(settings()).revoke("rt-1", "refresh_token");
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kTransport);
  }
}

}  // namespace
}  // namespace oauthsim::client::testing
