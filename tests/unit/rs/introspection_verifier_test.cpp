#include "oauthsim/rs/introspection_verifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mocks/mock_http_transport.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::rs {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::Throw;

common::HttpResponse json_response(int status, std::string body) {
  common::HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

class IntrospectionVerifierTest : public ::testing::Test {
 protected:
  testing::MockHttpTransport transport;
  IntrospectionVerifier verifier{"http://127.0.0.1:8081/", "sr-customer-api", "s3cret:&",
                                 transport};
};

TEST_F(IntrospectionVerifierTest, PostsTokenWithBasicAuthToTheIntrospectionEndpoint) {
  common::HttpRequest sent;
  EXPECT_CALL(transport, send(_))
      .WillOnce(DoAll(SaveArg<0>(&sent), Return(json_response(200, R"({"active":false})"))));
  verifier.verify("tok-123");

  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "http://127.0.0.1:8081/identity/oauth/introspect");
  EXPECT_EQ(sent.content_type, "application/x-www-form-urlencoded");
  auto form = common::parse_params(sent.body);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("token"), "tok-123");
  auto auth = sent.headers.get("Authorization");
  ASSERT_TRUE(auth);
  ASSERT_EQ(auth->rfind("Basic ", 0), 0u);
  // RFC 6749 2.3.1: each part form-encoded before base64.
  EXPECT_EQ(common::base64_decode(auth->substr(6)), "sr-customer-api:s3cret%3A%26");
}

TEST_F(IntrospectionVerifierTest, ActiveResponseBecomesTokenInfo) {
  EXPECT_CALL(transport, send(_))
      .WillOnce(Return(json_response(200, R"({"active":true,"scope":"jobs_read user_me_read",
        "client_id":"acme-ats","username":"alice@example.com","token_type":"Bearer",
        "exp":1767227400,"iat":1767225600,"sub":"user-alice","grant_id":"g-1"})")));
  auto info = verifier.verify("tok");
  EXPECT_TRUE(info.active);
  EXPECT_EQ(info.client_id, "acme-ats");
  EXPECT_EQ(info.username, "alice@example.com");
  EXPECT_TRUE(info.has_scope("jobs_read"));
  EXPECT_EQ(info.exp, 1767227400);
  EXPECT_EQ(info.iat, 1767225600);
  EXPECT_EQ(info.grant_id, "g-1");
}

TEST_F(IntrospectionVerifierTest, InactiveResponseIgnoresOtherFields) {
  EXPECT_CALL(transport, send(_))
      .WillOnce(Return(json_response(200, R"({"active":false,"scope":"jobs_read"})")));
  auto info = verifier.verify("tok");
  EXPECT_FALSE(info.active);
  EXPECT_EQ(info.scope, "");
}

TEST_F(IntrospectionVerifierTest, AsksEveryTimeSoRevocationIsSeenAtOnce) {
  EXPECT_CALL(transport, send(_))
      .WillOnce(Return(json_response(200, R"({"active":true,"client_id":"c"})")))
      .WillOnce(Return(json_response(200, R"({"active":false})")));
  EXPECT_TRUE(verifier.verify("tok").active);
  EXPECT_FALSE(verifier.verify("tok").active);
}

TEST_F(IntrospectionVerifierTest, UnreachableServerIsVerifierUnavailable) {
  EXPECT_CALL(transport, send(_)).WillOnce(Throw(common::TransportError("connection refused")));
  EXPECT_THROW(verifier.verify("tok"), common::VerifierUnavailable);
}

TEST_F(IntrospectionVerifierTest, Non200IsVerifierUnavailable) {
  EXPECT_CALL(transport, send(_))
      .WillOnce(Return(json_response(401, R"({"error":"invalid_client"})")));
  EXPECT_THROW(verifier.verify("tok"), common::VerifierUnavailable);
}

TEST_F(IntrospectionVerifierTest, MalformedBodyIsVerifierUnavailable) {
  for (const char* body : {"not json", "[]", R"({"active":"yes"})", "{}"}) {
    EXPECT_CALL(transport, send(_)).WillOnce(Return(json_response(200, body)));
    EXPECT_THROW(verifier.verify("tok"), common::VerifierUnavailable) << body;
  }
}

TEST(ParseIntrospectionResponse, ConfirmationThumbprintIsReadBack) {
  const auto info = parse_introspection_response(
      R"({"active":true,"client_id":"a","cnf":{"x5t#S256":"bWVyY2k"}})");
  EXPECT_EQ(info.certificate_thumbprint, "bWVyY2k");
}

TEST(ParseIntrospectionResponse, NoConfirmationMeansUnbound) {
  EXPECT_EQ(parse_introspection_response(R"({"active":true})").certificate_thumbprint, "");
}

TEST(ParseIntrospectionResponse, UncheckableConfirmationFailsClosed) {
  // A bound token whose binding cannot be read must not become a plain bearer token.
  for (const char* body :
       {R"({"active":true,"cnf":"x"})", R"({"active":true,"cnf":{"x5t#S256":7}})",
        R"({"active":true,"cnf":{"jkt":"key-thumbprint"}})"}) {
    EXPECT_THROW(parse_introspection_response(body), common::VerifierUnavailable) << body;
  }
}

}  // namespace
}  // namespace oauthsim::rs
