// RFC 8705 3: access tokens bound to the client certificate they were issued to, recorded in the
// store and announced by introspection as cnf.x5t#S256.
#include <gmock/gmock.h>

#include "component/authz/mutual_tls_fixture.h"

namespace oauthsim::authz::testing {
namespace {

using oauthsim::testing::TestPki;
using ::testing::HasSubstr;

using CertificateBoundTokensTest = MutualTlsTest;

TEST_F(CertificateBoundTokensTest, CodeGrantBindsTheAccessTokenToThePresentedCertificate) {
  const auto r = post(kToken,
                      {{"grant_type", "authorization_code"},
                       {"code", obtain_code("dn-app")},
                       {"redirect_uri", kRedirect},
                       {"client_id", "dn-app"}},
                      dn_cert);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto info = server->verifier().verify(json_of(r)["access_token"].get<std::string>());
  EXPECT_TRUE(info.active);
  EXPECT_EQ(info.certificate_thumbprint,
            common::certificate_thumbprint_s256(dn_cert.certificate_pem));
}

TEST_F(CertificateBoundTokensTest, RefreshGrantBindsTheNewAccessTokenToTheCertificateThen) {
  const auto first = json_of(post(kToken,
                                  {{"grant_type", "authorization_code"},
                                   {"code", obtain_code("dn-app")},
                                   {"redirect_uri", kRedirect},
                                   {"client_id", "dn-app"}},
                                  dn_cert));
  // The same subject, a renewed certificate: tls_client_auth accepts it, and the new access
  // token follows the certificate that asked for it.
  const common::CertifiedKey renewed = pki.trusted_client();
  const auto r = post(kToken,
                      {{"grant_type", "refresh_token"},
                       {"refresh_token", first["refresh_token"].get<std::string>()},
                       {"client_id", "dn-app"}},
                      renewed);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto info = server->verifier().verify(json_of(r)["access_token"].get<std::string>());
  EXPECT_EQ(info.certificate_thumbprint,
            common::certificate_thumbprint_s256(renewed.certificate_pem));
}

TEST_F(CertificateBoundTokensTest, UnboundClientsGetPlainBearerTokens) {
  const auto r = client_credentials("self-app", self_cert);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(server->verifier()
                .verify(json_of(r)["access_token"].get<std::string>())
                .certificate_thumbprint,
            "");
}

TEST_F(CertificateBoundTokensTest, SecretClientWithBoundTokensBindsToAnyCertificateItPresents) {
  // RFC 8705 3 binding is independent of how the client authenticated.
  const common::CertifiedKey cert = TestPki::self_signed_client("bound");
  const auto r = client_credentials("bound-secret", cert, "bound-secret-secret");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(server->verifier()
                .verify(json_of(r)["access_token"].get<std::string>())
                .certificate_thumbprint,
            common::certificate_thumbprint_s256(cert.certificate_pem));
}

TEST_F(CertificateBoundTokensTest, SecretClientWithBoundTokensAndNoCertificateIsRefused) {
  const auto r = client_credentials("bound-secret", {}, "bound-secret-secret");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json_of(r).value("error", ""), "invalid_request");
  EXPECT_THAT(json_of(r).value("error_description", ""),
              HasSubstr("bound to its client certificate"));
}

TEST_F(CertificateBoundTokensTest, IntrospectionAnswersTheConfirmationThumbprint) {
  const std::string token = json_of(client_credentials("dn-app", dn_cert))["access_token"];
  const auto r = post("/identity/oauth/introspect", {{"token", token},
                                                     {"client_id", "sr-customer-api"},
                                                     {"client_secret", "customer-api-secret"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_of(r)["cnf"]["x5t#S256"],
            common::certificate_thumbprint_s256(dn_cert.certificate_pem));
}

}  // namespace
}  // namespace oauthsim::authz::testing
