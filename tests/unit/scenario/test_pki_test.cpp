#include "oauthsim/scenario/world/test_pki.h"

#include <filesystem>

#include <gtest/gtest.h>

namespace oauthsim::scenario {
namespace {

namespace fs = std::filesystem;

TEST(TestPki, KeysAreReadableByTheOwnerOnly) {
  const auto perms = fs::status(test_pki().client.private_key_file).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

TEST(TestPki, ForeignAndExpiredCertificatesImpersonateTheRegisteredSubject) {
  // The token endpoint must tell them apart by issuer and validity, not by name.
  const TestPki& pki = test_pki();
  EXPECT_EQ(pki.foreign.subject_dn, pki.client.subject_dn);
  EXPECT_EQ(pki.expired.subject_dn, pki.client.subject_dn);
  EXPECT_NE(pki.foreign.thumbprint_s256, pki.client.thumbprint_s256);
  EXPECT_NE(pki.expired.thumbprint_s256, pki.client.thumbprint_s256);
}

TEST(TestPki, OtherCertificateNamesAnotherClient) {
  EXPECT_NE(test_pki().other.subject_dn, test_pki().client.subject_dn);
}

TEST(TestPki, EveryClientCertificateHasAnS256Thumbprint) {
  const TestPki& pki = test_pki();
  for (const auto* c : {&pki.client, &pki.other, &pki.expired, &pki.foreign, &pki.self_signed}) {
    EXPECT_EQ(c->thumbprint_s256.size(), 43u) << c->certificate_file;
    EXPECT_TRUE(fs::exists(c->certificate_file)) << c->certificate_file;
  }
}

}  // namespace
}  // namespace oauthsim::scenario
