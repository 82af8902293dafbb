#include "oauthsim/common/certificates.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace oauthsim::common {
namespace {

using std::chrono::hours;
using std::chrono::system_clock;

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using Cert = std::unique_ptr<X509, X509Free>;

Cert parse(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Cert cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return cert;
}

// X509_V_OK when `leaf` chains to `ca` for `purpose`, else OpenSSL's verification error.
int verify(const std::string& leaf, const std::string& ca, int purpose) {
  Cert l = parse(leaf), c = parse(ca);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, c.get());
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, l.get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx, purpose);
  const int ok = X509_verify_cert(ctx);
  const int error = ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx);
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  return error;
}

CertificateSubject example_server_subject() {
  CertificateSubject s;
  s.common_name = "localhost";
  s.dns_names = {"localhost"};
  s.ip_addresses = {"127.0.0.1"};
  return s;
}

CertificateSubject client_subject(const std::string& cn = "vendor app") {
  CertificateSubject s;
  s.common_name = cn;
  s.organization = "Acme";
  s.use = CertificateSubject::Use::kClient;
  return s;
}

TEST(Certificates, ServerCertificateChainsToItsCaAndNamesLocalhostAndLoopback) {
  const auto ca = CertificateAuthority::create("test CA");
  const CertifiedKey server = ca.issue(example_server_subject());
  EXPECT_EQ(verify(server.certificate_pem, ca.pem().certificate_pem, X509_PURPOSE_SSL_SERVER),
            X509_V_OK);
  Cert cert = parse(server.certificate_pem);
  EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
  EXPECT_NE(X509_check_host(cert.get(), "example.com", 0, 0, nullptr), 1);
  EXPECT_NE(server.private_key_pem.find("BEGIN PRIVATE KEY"), std::string::npos);
}

TEST(Certificates, ClientCertificateIsForClientAuthenticationOnly) {
  const auto ca = CertificateAuthority::create("test CA");
  const CertifiedKey client = ca.issue(client_subject());
  EXPECT_EQ(verify(client.certificate_pem, ca.pem().certificate_pem, X509_PURPOSE_SSL_CLIENT),
            X509_V_OK);
  EXPECT_NE(verify(client.certificate_pem, ca.pem().certificate_pem, X509_PURPOSE_SSL_SERVER),
            X509_V_OK);
}

TEST(Certificates, ExpiredCertificateFailsVerificationAsExpired) {
  const auto ca = CertificateAuthority::create("test CA");
  CertificateSubject old = client_subject();
  old.not_before = system_clock::now() - hours(48);
  old.not_after = system_clock::now() - hours(24);
  EXPECT_EQ(
      verify(ca.issue(old).certificate_pem, ca.pem().certificate_pem, X509_PURPOSE_SSL_CLIENT),
      X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST(Certificates, CertificateOfAnotherCaDoesNotChain) {
  const auto ca = CertificateAuthority::create("test CA");
  const auto other = CertificateAuthority::create("test CA");  // same name, other key
  EXPECT_NE(verify(other.issue(client_subject()).certificate_pem, ca.pem().certificate_pem,
                   X509_PURPOSE_SSL_CLIENT),
            X509_V_OK);
}

TEST(Certificates, SubjectDnIsRfc4514WithTheMostSpecificPartFirst) {
  const auto ca = CertificateAuthority::create("test CA");
  EXPECT_EQ(certificate_subject_dn(ca.issue(client_subject()).certificate_pem),
            "CN=vendor app,O=Acme");
}

TEST(Certificates, ThumbprintIsUnpaddedBase64UrlOfSha256AndDiffersPerCertificate) {
  const auto ca = CertificateAuthority::create("test CA");
  const CertifiedKey a = ca.issue(client_subject());
  const CertifiedKey b = ca.issue(client_subject());
  const std::string ta = certificate_thumbprint_s256(a.certificate_pem);
  EXPECT_EQ(ta.size(), 43u);
  EXPECT_EQ(
      ta.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(ta, certificate_thumbprint_s256(a.certificate_pem));
  EXPECT_NE(ta, certificate_thumbprint_s256(b.certificate_pem));
}

TEST(Certificates, SelfSignedCertificateIsItsOwnIssuer) {
  const CertifiedKey self = self_signed_certificate(client_subject("self"));
  Cert cert = parse(self.certificate_pem);
  EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())), 0);
  EXPECT_EQ(certificate_thumbprint_s256(self.certificate_pem).size(), 43u);
}

TEST(Certificates, LoadedCaIssuesCertificatesThatChainToIt) {
  const auto created = CertificateAuthority::create("test CA");
  const auto loaded = CertificateAuthority::load(created.pem());
  EXPECT_EQ(verify(loaded.issue(example_server_subject()).certificate_pem,
                   created.pem().certificate_pem, X509_PURPOSE_SSL_SERVER),
            X509_V_OK);
}

TEST(Certificates, LoadRefusesAMismatchedKeyALeafAndGarbage) {
  const auto ca = CertificateAuthority::create("test CA");
  const auto other = CertificateAuthority::create("other CA");
  try {
    CertificateAuthority::load({ca.pem().certificate_pem, other.pem().private_key_pem});
    ADD_FAILURE() << "a foreign key was accepted";
  } catch (const CertificateError& e) {
    EXPECT_NE(std::string(e.what()).find("does not belong"), std::string::npos) << e.what();
  }
  const CertifiedKey leaf = ca.issue(client_subject());
  try {
    CertificateAuthority::load(leaf);
    ADD_FAILURE() << "a leaf was accepted as a CA";
  } catch (const CertificateError& e) {
    EXPECT_NE(std::string(e.what()).find("not a CA certificate"), std::string::npos) << e.what();
  }
  try {
    certificate_subject_dn("not a certificate");
    ADD_FAILURE() << "garbage was read as a certificate";
  } catch (const CertificateError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot read a PEM certificate"), std::string::npos)
        << e.what();
  }
}

TEST(Certificates, FolderHoldsTheSixFilesWithPrivateKeysReadableByTheOwnerOnly) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("oauthsim-certs-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const CertificateFolder f = write_certificate_folder((dir / "nested").string());
  auto read = [](const std::string& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  EXPECT_EQ(verify(read(f.server), read(f.ca), X509_PURPOSE_SSL_SERVER), X509_V_OK);
  EXPECT_EQ(verify(read(f.client), read(f.ca), X509_PURPOSE_SSL_CLIENT), X509_V_OK);
  for (const auto& key : {f.ca_key, f.server_key, f.client_key}) {
    struct stat st {};
    ASSERT_EQ(::stat(key.c_str(), &st), 0) << key;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << key;
  }
  EXPECT_EQ(certificate_folder_paths((dir / "nested").string()).client_key, f.client_key);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace oauthsim::common
