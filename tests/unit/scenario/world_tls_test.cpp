#include "oauthsim/scenario/world/world_tls.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace oauthsim::scenario {
namespace {

common::ClientConfig secret_client() {
  common::ClientConfig c;
  c.client_id = "acme-ats";
  c.client_secret = "s3cret";
  return c;
}

TEST(WorldTls, TlsClientAuthRegistersTheTestPkiSubject) {
  auto registration = secret_client();
  WorldTls tls;
  tls.client_authentication = "tls_client_auth";
  const auto setup = world_tls_setup(tls, registration);
  EXPECT_EQ(registration.token_endpoint_auth_method, "tls_client_auth");
  EXPECT_EQ(registration.tls_client_auth_subject_dn, test_pki().client.subject_dn);
  ASSERT_NE(setup.app_certificate, nullptr);
  EXPECT_EQ(setup.app.certificate_file, test_pki().client.certificate_file);
  EXPECT_EQ(setup.app.ca_file, test_pki().folder.ca);
}

TEST(WorldTls, SelfSignedClientPresentsTheCertificateWhoseThumbprintItRegistered) {
  auto registration = secret_client();
  WorldTls tls;
  tls.client_authentication = "self_signed_tls_client_auth";
  const auto setup = world_tls_setup(tls, registration);
  ASSERT_NE(setup.app_certificate, nullptr);
  EXPECT_EQ(registration.tls_client_certificate_s256, setup.app_certificate->thumbprint_s256);
}

TEST(WorldTls, SecretClientPresentsNoCertificateByDefault) {
  auto registration = secret_client();
  const auto setup = world_tls_setup(WorldTls{}, registration);
  EXPECT_EQ(setup.app_certificate, nullptr);
  EXPECT_TRUE(setup.app.certificate_file.empty());
  EXPECT_EQ(registration.token_endpoint_auth_method, "");
}

TEST(WorldTls, ChosenWrongCertificateIsWhatTheAppPresents) {
  auto registration = secret_client();
  WorldTls tls;
  tls.client_authentication = "tls_client_auth";
  tls.certificate = AppCertificate::kForeign;
  EXPECT_EQ(world_tls_setup(tls, registration).app.certificate_file,
            test_pki().foreign.certificate_file);
  tls.certificate = AppCertificate::kNone;
  EXPECT_TRUE(world_tls_setup(tls, registration).app.certificate_file.empty());
}

TEST(WorldTls, ServersAskForClientCertificatesFromTheTestCa) {
  auto registration = secret_client();
  WorldTls tls;
  tls.versions = common::TlsVersions::kTls12Only;
  const auto setup = world_tls_setup(tls, registration);
  EXPECT_EQ(setup.server.client_ca_file, test_pki().folder.ca);
  EXPECT_EQ(setup.server.versions, common::TlsVersions::kTls12Only);
  EXPECT_EQ(setup.verify.versions, common::TlsVersions::kTls12Only);
}

TEST(WorldTls, UnknownMethodIsRefusedByName) {
  auto registration = secret_client();
  WorldTls tls;
  tls.client_authentication = "tls_client_oath";
  try {
    world_tls_setup(tls, registration);
    FAIL() << "accepted an unknown method";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("tls_client_oath"), std::string::npos);
  }
}

TEST(WorldTls, CertificateWordsParse) {
  EXPECT_EQ(parse_app_certificate("expired"), AppCertificate::kExpired);
  EXPECT_EQ(parse_app_certificate("other"), AppCertificate::kOther);
  EXPECT_FALSE(parse_app_certificate("Expired").has_value());
}

}  // namespace
}  // namespace oauthsim::scenario
