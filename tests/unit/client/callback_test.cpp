#include "client_test_support.h"

namespace oauthsim::client::testing {
namespace {

using Kind = ClientError::Kind;

class CallbackTest : public OAuthClientTest {
 protected:
  // Runs handle_callback and returns the kind of error it threw (fails the test if none).
  Kind error_kind(const common::Params& query, std::string* oauth_error = nullptr,
                  std::string* message = nullptr) {
    try {
      client.handle_callback(query, pending);
    } catch (const ClientError& e) {
      if (oauth_error) *oauth_error = e.oauth_error();
      if (message) *message = e.what();
      return e.kind();
    }
    ADD_FAILURE() << "handle_callback accepted the callback";
    return Kind::kTransport;
  }

  OAuthClient client = make_client();
  PendingAuthorization pending = client.begin_authorization();
};

TEST_F(CallbackTest, MatchingStateReturnsTheCode) {
  EXPECT_EQ(client.handle_callback({{"code", "c-123"}, {"state", pending.state}}, pending),
            "c-123");
}

TEST_F(CallbackTest, MissingStateIsRejected) {
  EXPECT_EQ(error_kind({{"code", "c-123"}}), Kind::kMissingState);
}

TEST_F(CallbackTest, WrongStateIsRejected) {
  std::string message;
  EXPECT_EQ(error_kind({{"code", "c-123"}, {"state", pending.state + "x"}}, nullptr, &message),
            Kind::kStateMismatch);
  EXPECT_NE(message.find("state mismatch"), std::string::npos);
  EXPECT_EQ(message.find("c-123"), std::string::npos) << "the code must not leak into messages";
}

TEST_F(CallbackTest, StateOfAnotherFlowIsRejected) {
  auto other = client.begin_authorization();
  EXPECT_EQ(error_kind({{"code", "c-123"}, {"state", other.state}}), Kind::kStateMismatch);
}

TEST_F(CallbackTest, RepeatedStateIsRejected) {
  EXPECT_EQ(error_kind({{"code", "c"}, {"state", pending.state}, {"state", pending.state}}),
            Kind::kStateMismatch);
}

TEST_F(CallbackTest, AccessDeniedIsMappedToItsOwnKind) {
  std::string oauth_error;
  EXPECT_EQ(error_kind({{"error", "access_denied"},
                        {"error_description", "The user denied"},
                        {"state", pending.state}},
                       &oauth_error),
            Kind::kAccessDenied);
  EXPECT_EQ(oauth_error, "access_denied");
}

TEST_F(CallbackTest, DenialWithWrongStateIsAStateMismatch) {
  EXPECT_EQ(error_kind({{"error", "access_denied"}, {"state", "forged"}}), Kind::kStateMismatch);
}

TEST_F(CallbackTest, OtherErrorIsAnAuthorizationErrorNamingIt) {
  std::string oauth_error, message;
  EXPECT_EQ(
      error_kind({{"error", "invalid_scope"}, {"state", pending.state}}, &oauth_error, &message),
      Kind::kAuthorizationError);
  EXPECT_EQ(oauth_error, "invalid_scope");
  EXPECT_NE(message.find("invalid_scope"), std::string::npos);
}

TEST_F(CallbackTest, NeitherCodeNorErrorIsMissingCode) {
  EXPECT_EQ(error_kind({{"state", pending.state}}), Kind::kMissingCode);
  EXPECT_EQ(error_kind({{"code", ""}, {"state", pending.state}}), Kind::kMissingCode);
}

}  // namespace
}  // namespace oauthsim::client::testing
