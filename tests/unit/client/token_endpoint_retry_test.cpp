#include "client_test_support.h"

namespace oauthsim::client::testing {
namespace {

using ::testing::_;
using ::testing::Return;
using Kind = ClientError::Kind;

common::HttpResponse server_error(int status) {
  return json_response(status, {{"error", "server_error"}, {"error_description", "try again"}});
}

class TokenEndpointRetryTest : public OAuthClientTest {
 protected:
  TokenSet exchange(OAuthClient& client) {
    return client.exchange_code("code-1", client.begin_authorization());
  }
};

TEST_F(TokenEndpointRetryTest, ServiceUnavailableOnceThenTokensMeansTwoSendsAndTokens) {
  EXPECT_CALL(transport, send(_))
      .Times(2)
      .WillOnce(Return(server_error(503)))
      .WillOnce(Return(token_response("at", "rt")));
  auto client = make_client();
  auto tokens = exchange(client);
  EXPECT_EQ(tokens.access_token, "at");
  EXPECT_EQ(tokens.refresh_token, "rt");
}

TEST_F(TokenEndpointRetryTest, RetrySendsTheSameRequestAgain) {
  std::vector<common::HttpRequest> sent;
  EXPECT_CALL(transport, send(_)).Times(2).WillRepeatedly([&](const common::HttpRequest& r) {
    sent.push_back(r);
    return sent.size() == 1 ? server_error(500) : token_response("at", "rt");
  });
  auto client = make_client();
  exchange(client);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].url, sent[1].url);
  EXPECT_EQ(sent[0].body, sent[1].body);
}

TEST_F(TokenEndpointRetryTest, ServiceUnavailableTwiceIsFinalAfterExactlyTwoSends) {
  EXPECT_CALL(transport, send(_)).Times(2).WillRepeatedly(Return(server_error(503)));
  auto client = make_client();
  try {
    exchange(client);
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.kind(), Kind::kTokenEndpointError);
    EXPECT_EQ(e.oauth_error(), "server_error");
  }
}

TEST_F(TokenEndpointRetryTest, InvalidGrantIsFinalAfterOneSend) {
  EXPECT_CALL(transport, send(_))
      .Times(1)
      .WillOnce(Return(json_response(400, {{"error", "invalid_grant"}})));
  auto client = make_client();
  try {
    exchange(client);
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.oauth_error(), "invalid_grant");
  }
}

TEST_F(TokenEndpointRetryTest, TooManyRequestsIsFinalAfterOneSend) {
  EXPECT_CALL(transport, send(_))
      .Times(1)
      .WillOnce(Return(common::HttpResponse{429, {{"Retry-After", "60"}}, ""}));
  auto client = make_client();
  EXPECT_THROW(exchange(client), ClientError);
}

TEST_F(TokenEndpointRetryTest, ServerErrorThenInvalidGrantIsFinalAfterTwoSends) {
  // The server spent the code before failing: the retry's invalid_grant ends it, no third try.
  EXPECT_CALL(transport, send(_))
      .Times(2)
      .WillOnce(Return(server_error(502)))
      .WillOnce(Return(json_response(400, {{"error", "invalid_grant"}})));
  auto client = make_client();
  try {
    exchange(client);
    FAIL() << "expected a ClientError";
  } catch (const ClientError& e) {
    EXPECT_EQ(e.oauth_error(), "invalid_grant");
  }
}

TEST_F(TokenEndpointRetryTest, RefreshAlsoRetriesOnceOnServerError) {
  EXPECT_CALL(transport, send(_))
      .Times(2)
      .WillOnce(Return(common::HttpResponse{599, {}, ""}))
      .WillOnce(Return(token_response("at-2", "rt-2")));
  EXPECT_EQ(make_client().refresh(live_tokens()).access_token, "at-2");
}

TEST_F(TokenEndpointRetryTest, StatusJustBelowTheServerErrorRangeIsNotRetried) {
  EXPECT_CALL(transport, send(_)).Times(1).WillOnce(Return(common::HttpResponse{499, {}, ""}));
  auto client = make_client();
  EXPECT_THROW(exchange(client), ClientError);
}

}  // namespace
}  // namespace oauthsim::client::testing
