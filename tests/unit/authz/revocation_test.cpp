#include "oauthsim/authz/revocation.h"

#include <gmock/gmock.h>

#include "unit/authz/token_world.h"

namespace oauthsim::authz::testing {
namespace {

class RevocationTest : public TokenWorld {
 protected:
  void SetUp() override { issued = token(code_form(put_code())); }
  std::string revoke(const std::string& token_value, const std::string& hint = "",
                     const std::string& client_id = "acme-ats",
                     const std::string& secret = "acme-secret") {
    common::Params form{
        {"token", token_value}, {"client_id", client_id}, {"client_secret", secret}};
    if (!hint.empty()) form.add("token_type_hint", hint);
    try {
      revoke_token(config, tokens, form, std::nullopt);
      return "";
    } catch (const common::OAuthError& e) {
      return e.error();
    }
  }
  std::string at() const { return issued["access_token"]; }
  std::string rt() const { return issued["refresh_token"]; }
  nlohmann::json issued;
};

TEST_F(RevocationTest, RevokedAccessTokenIsInactiveButRefreshStillWorks) {
  EXPECT_EQ(revoke(at(), "access_token"), "");
  EXPECT_FALSE(active(at()));
  EXPECT_EQ(error_of(refresh_form(rt())), "");
}

TEST_F(RevocationTest, RevokingRefreshTokenRevokesItsAccessTokens) {
  EXPECT_EQ(revoke(rt(), "refresh_token"), "");
  EXPECT_FALSE(active(at()));
  EXPECT_EQ(error_of(refresh_form(rt())), "invalid_grant");
}

TEST_F(RevocationTest, WrongHintStillFindsTheToken) {
  EXPECT_EQ(revoke(rt(), "access_token"), "");
  EXPECT_FALSE(active(at()));
}

TEST_F(RevocationTest, UnknownTokenSucceeds) {
  EXPECT_EQ(revoke("no-such-token"), "");
}

TEST_F(RevocationTest, ClientMustAuthenticate) {
  EXPECT_EQ(revoke(at(), "", "acme-ats", "wrong"), "invalid_client");
  EXPECT_TRUE(active(at()));
}

TEST_F(RevocationTest, OtherClientCannotRevoke) {
  EXPECT_EQ(revoke(at(), "", "pkce-app", "pkce-secret"), "unauthorized_client");
  EXPECT_TRUE(active(at()));
}

TEST_F(RevocationTest, MissingTokenIsInvalidRequest) {
  try {
    revoke_token(config, tokens, {{"client_id", "acme-ats"}, {"client_secret", "acme-secret"}},
                 std::nullopt);
    FAIL() << "no error";
  } catch (const common::OAuthError& e) {
    EXPECT_EQ(e.error(), "invalid_request");
  }
}

}  // namespace
}  // namespace oauthsim::authz::testing
