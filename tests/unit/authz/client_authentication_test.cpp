#include "oauthsim/authz/client_authentication.h"

#include <gmock/gmock.h>

#include "oauthsim/common/oauth_error.h"
#include "unit/authz/test_config.h"

namespace oauthsim::authz {
namespace {

std::string basic(const std::string& id, const std::string& secret) {
  return common::basic_authorization(id, secret);
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
  const auto e = oauth_error_of([this] {
    authenticate_client(config,
                        extract_client_credentials({{"client_id", "acme-ats"}}, std::nullopt));
  });
  EXPECT_EQ(e.error(), "invalid_client");
  EXPECT_EQ(e.status(), 401);
  EXPECT_NE(e.description().find("client_secret is missing"), std::string::npos);
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
  EXPECT_EQ(authenticate_client(config, {"acme-ats", "acme-secret", false, std::nullopt}).name,
            "Acme ATS");
}

TEST_F(ClientAuthenticationTest, WrongSecretIsInvalidClient) {
  const auto e = oauth_error_of([this] {
    authenticate_client(config, {"acme-ats", "acme-secreT", false, std::nullopt});
  });
  EXPECT_EQ(e.error(), "invalid_client");
  EXPECT_EQ(e.status(), 401);
}

TEST_F(ClientAuthenticationTest, SecretPrefixIsNotEnough) {
  EXPECT_EQ(oauth_error_of([this] {
              authenticate_client(config, {"acme-ats", "acme", false, std::nullopt});
            }).error(),
            "invalid_client");
}

TEST_F(ClientAuthenticationTest, UnknownClientIsInvalidClient) {
  EXPECT_EQ(oauth_error_of([this] {
              authenticate_client(config, {"ghost", "x", true, std::nullopt});
            }).error(),
            "invalid_client");
}

TEST_F(ClientAuthenticationTest, RegisteredAuthMethodIsEnforced) {
  const std::string secret = "basic secret:with/odd+chars";
  EXPECT_EQ(oauth_error_of([&] {
              authenticate_client(config, {"basic-only", secret, false, std::nullopt});
            }).error(),
            "invalid_client");
  EXPECT_EQ(authenticate_client(config, {"basic-only", secret, true, std::nullopt}).client_id,
            "basic-only");
}

// RFC 8705: clients that authenticate with their TLS client certificate.
class CertificateAuthenticationTest : public ClientAuthenticationTest {
 protected:
  CertificateAuthenticationTest() {
    common::ClientConfig dn;
    dn.client_id = "mtls-app";
    dn.token_endpoint_auth_method = "tls_client_auth";
    dn.tls_client_auth_subject_dn = "CN=vendor app,O=Acme";
    config.clients.push_back(dn);
    common::ClientConfig self = dn;
    self.client_id = "self-signed-app";
    self.token_endpoint_auth_method = "self_signed_tls_client_auth";
    self.tls_client_certificate_s256 = kThumbprint;
    config.clients.push_back(self);
  }
  static PresentedCertificate good() { return {"CN=vendor app,O=Acme", kThumbprint, true, true}; }
  std::string refusal(const PresentedCredentials& c) {
    const auto e = oauth_error_of([&] { authenticate_client(config, c); });
    EXPECT_EQ(e.error(), "invalid_client");
    return e.description();
  }
  static constexpr const char* kThumbprint = "A4nZbeJq1Wv3N1lWZl0kKQtD6yVpc9yO5gVdJ3h3vE8";
};

TEST_F(CertificateAuthenticationTest, ClientIdWithACertificateIsReadWithoutASecret) {
  const auto c = extract_client_credentials({{"client_id", "mtls-app"}}, std::nullopt, good());
  EXPECT_EQ(c.client_id, "mtls-app");
  EXPECT_FALSE(c.presented_secret());
  ASSERT_TRUE(c.certificate);
  EXPECT_EQ(c.certificate->subject_dn, "CN=vendor app,O=Acme");
  // Without a certificate the same request has no credential at all, and the refusal says so.
  EXPECT_NE(refusal(extract_client_credentials({{"client_id", "mtls-app"}}, std::nullopt))
                .find("presented no client certificate"),
            std::string::npos);
}

TEST_F(CertificateAuthenticationTest, RegisteredSubjectFromTheTrustedCaAuthenticates) {
  EXPECT_EQ(authenticate_client(config, {"mtls-app", "", false, good()}).client_id, "mtls-app");
}

TEST_F(CertificateAuthenticationTest, EachWrongCertificateIsRefusedSayingWhy) {
  PresentedCertificate other_subject = good();
  other_subject.subject_dn = "CN=intruder,O=Acme";
  EXPECT_NE(refusal({"mtls-app", "", false, other_subject}).find("is not the registered"),
            std::string::npos);
  PresentedCertificate foreign = good();
  foreign.chains_to_trusted_ca = false;
  EXPECT_NE(refusal({"mtls-app", "", false, foreign}).find("not issued by a certificate authority"),
            std::string::npos);
  PresentedCertificate expired = good();
  expired.within_validity = false;
  EXPECT_NE(refusal({"mtls-app", "", false, expired}).find("expired"), std::string::npos);
  EXPECT_NE(refusal({"mtls-app", "", false, std::nullopt}).find("presented no client certificate"),
            std::string::npos);
}

TEST_F(CertificateAuthenticationTest, ACertificateOnlyClientSendingASecretIsRefused) {
  EXPECT_NE(refusal({"mtls-app", "guess", false, good()}).find("must not send a client secret"),
            std::string::npos);
  EXPECT_NE(refusal({"mtls-app", "guess", true, good()}).find("must not send a client secret"),
            std::string::npos);
}

TEST_F(CertificateAuthenticationTest, SelfSignedClientIsKnownByItsThumbprintAlone) {
  PresentedCertificate self = good();
  self.chains_to_trusted_ca = false;  // self-signed: no CA vouches for it (RFC 8705 2.2)
  EXPECT_EQ(authenticate_client(config, {"self-signed-app", "", false, self}).client_id,
            "self-signed-app");
  self.thumbprint_s256 = "B4nZbeJq1Wv3N1lWZl0kKQtD6yVpc9yO5gVdJ3h3vE8";
  EXPECT_NE(refusal({"self-signed-app", "", false, self}).find("thumbprint differs"),
            std::string::npos);
}

TEST_F(CertificateAuthenticationTest, ASecretClientPresentingOnlyACertificateIsRefused) {
  EXPECT_NE(refusal({"acme-ats", "", false, good()}).find("with a client secret"),
            std::string::npos);
  // With its secret, a certificate on the connection changes nothing.
  EXPECT_EQ(authenticate_client(config, {"acme-ats", "acme-secret", false, good()}).client_id,
            "acme-ats");
}

}  // namespace
}  // namespace oauthsim::authz
