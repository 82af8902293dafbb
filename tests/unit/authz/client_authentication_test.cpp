#include "oauthsim/authz/client_authentication.h"

#include <gmock/gmock.h>

#include "oauthsim/common/oauth_error.h"
#include "unit/authz/test_config.h"

namespace oauthsim::authz {
namespace {

std::string basic(const std::string& id, const std::string& secret) {
  return "Basic " +
         common::base64_encode(common::url_encode(id) + ":" + common::url_encode(secret));
}

template <typename F>
common::OAuthError oauth_error_of(F&& f) {
  try {
    f();
  } catch (const common::OAuthError& e) {
    return e;
  }
  ADD_FAILURE() << "no OAuthError thrown";
  return {"none", ""};
}

class ClientAuthenticationTest : public ::testing::Test {
 protected:
  common::Config config = testing::test_config();
};

TEST_F(ClientAuthenticationTest, SecretPostIsRead) {
  const auto c =
      extract_client_credentials({{"client_id", "acme-ats"}, {"client_secret", "s"}}, std::nullopt);
  EXPECT_EQ(c.client_id, "acme-ats");
  EXPECT_EQ(c.client_secret, "s");
  EXPECT_FALSE(c.used_basic);
}

TEST_F(ClientAuthenticationTest, BasicIsReadAndFormDecoded) {
  const auto c = extract_client_credentials({}, basic("basic-only", "basic secret:with/odd+chars"));
  EXPECT_EQ(c.client_id, "basic-only");
  EXPECT_EQ(c.client_secret, "basic secret:with/odd+chars");
  EXPECT_TRUE(c.used_basic);
}

TEST_F(ClientAuthenticationTest, BasicSchemeNameIsCaseInsensitive) {
  std::string h = basic("acme-ats", "acme-secret");
  h.replace(0, 5, "bAsIc");
  EXPECT_EQ(extract_client_credentials({}, h).client_id, "acme-ats");
}

TEST_F(ClientAuthenticationTest, BothMethodsAtOnceIsInvalidRequest) {
  const auto e = oauth_error_of([] {
    extract_client_credentials({{"client_id", "acme-ats"}, {"client_secret", "acme-secret"}},
                               basic("acme-ats", "acme-secret"));
  });
  EXPECT_EQ(e.error(), "invalid_request");
  EXPECT_EQ(e.status(), 400);
}

TEST_F(ClientAuthenticationTest, BasicWithMatchingClientIdInBodyIsAccepted) {
  EXPECT_TRUE(
      extract_client_credentials({{"client_id", "acme-ats"}}, basic("acme-ats", "x")).used_basic);
}

TEST_F(ClientAuthenticationTest, BasicWithDifferentClientIdInBodyIsInvalidRequest) {
  const auto e = oauth_error_of([] {
    extract_client_credentials({{"client_id", "other"}}, basic("acme-ats", "x"));
  });
  EXPECT_EQ(e.error(), "invalid_request");
}

TEST_F(ClientAuthenticationTest, NoCredentialsIsInvalidClientWithChallenge) {
  const auto e = oauth_error_of([] { extract_client_credentials({}, std::nullopt); });
  EXPECT_EQ(e.error(), "invalid_client");
  EXPECT_EQ(e.status(), 401);
  EXPECT_FALSE(e.www_authenticate().empty());
}

TEST_F(ClientAuthenticationTest, ClientIdWithoutSecretIsInvalidClient) {
  EXPECT_EQ(oauth_error_of([] {
              extract_client_credentials({{"client_id", "acme-ats"}}, std::nullopt);
            }).error(),
            "invalid_client");
}

TEST_F(ClientAuthenticationTest, MalformedBasicIsInvalidClient) {
  for (const char* h : {"Basic !!!notbase64", "Basic bm9jb2xvbg==", "Bearer abc"}) {
    EXPECT_EQ(oauth_error_of([h] { extract_client_credentials({}, std::string(h)); }).error(),
              "invalid_client")
        << h;
  }
}

TEST_F(ClientAuthenticationTest, RepeatedClientIdIsInvalidRequest) {
  const auto e = oauth_error_of([] {
    extract_client_credentials({{"client_id", "a"}, {"client_id", "b"}, {"client_secret", "s"}},
                               std::nullopt);
  });
  EXPECT_EQ(e.error(), "invalid_request");
}

TEST_F(ClientAuthenticationTest, CorrectSecretAuthenticates) {
  EXPECT_EQ(authenticate_client(config, {"acme-ats", "acme-secret", false}).name, "Acme ATS");
}

TEST_F(ClientAuthenticationTest, WrongSecretIsInvalidClient) {
  const auto e = oauth_error_of([this] {
    authenticate_client(config, {"acme-ats", "acme-secreT", false});
  });
  EXPECT_EQ(e.error(), "invalid_client");
  EXPECT_EQ(e.status(), 401);
}

TEST_F(ClientAuthenticationTest, SecretPrefixIsNotEnough) {
  EXPECT_EQ(oauth_error_of([this] {
              authenticate_client(config, {"acme-ats", "acme", false});
            }).error(),
            "invalid_client");
}

TEST_F(ClientAuthenticationTest, UnknownClientIsInvalidClient) {
  EXPECT_EQ(oauth_error_of([this] {
              authenticate_client(config, {"ghost", "x", true});
            }).error(),
            "invalid_client");
}

TEST_F(ClientAuthenticationTest, RegisteredAuthMethodIsEnforced) {
  const std::string secret = "basic secret:with/odd+chars";
  EXPECT_EQ(oauth_error_of([&] {
              authenticate_client(config, {"basic-only", secret, false});
            }).error(),
            "invalid_client");
  EXPECT_EQ(authenticate_client(config, {"basic-only", secret, true}).client_id, "basic-only");
}

}  // namespace
}  // namespace oauthsim::authz
