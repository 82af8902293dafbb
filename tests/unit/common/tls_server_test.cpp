// HttpServer over TLS: https base URLs, client certificates requested but decided on by the
// handler (trusted, expired, foreign and self-signed ones all reach it, labelled), pinned TLS
// 1.2, and clear errors for unusable files. The client side is SocketHttpTransport.
#include <gtest/gtest.h>
#include <unistd.h>

#include <openssl/pem.h>

#include <filesystem>
#include <fstream>
#include <utility>

#include "oauthsim/common/certificates.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/peer_certificate.h"
#include "oauthsim/common/socket_http_transport.h"

namespace oauthsim::common {
namespace {

using std::chrono::hours;
using std::chrono::system_clock;

class TlsServerTest : public ::testing::Test {
 protected:
  TlsServerTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("oauthsim-tls-server-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::create_directories(dir_);
    CertificateSubject server;
    server.common_name = "localhost";
    server.dns_names = {"localhost"};
    server.ip_addresses = {"127.0.0.1"};
    const CertifiedKey s = ca_.issue(server);
    options_.certificate_file = write("server.pem", s.certificate_pem);
    options_.private_key_file = write("server-key.pem", s.private_key_pem);
    options_.client_ca_file = write("ca.pem", ca_.pem().certificate_pem);
  }
  ~TlsServerTest() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name)) << text;
    return (dir_ / name).string();
  }

  // Starts a TLS server whose GET /who describes the client certificate it saw.
  void start(const TlsServerOptions& options) {
    server_ = std::make_unique<HttpServer>(party::kAuthorizationServer, nullptr, nullptr, options);
    server_->routes().Get("/who", [](const httplib::Request& req, httplib::Response& res) {
      const auto cert = peer_certificate(req);
      if (!cert) return res.set_content("none", "text/plain");
      res.set_content(cert->subject_dn + (cert->chains_to_trusted_ca ? " trusted" : " untrusted") +
                          (cert->within_validity ? " valid" : " expired") + " " +
                          cert->thumbprint_s256,
                      "text/plain");
    });
    server_->start();
  }

  // What the server saw of a client presenting `cert` (none when empty).
  std::string who(const CertifiedKey& cert = {}, TlsVersions versions = TlsVersions::kTls12And13) {
    TlsClientOptions o;
    o.ca_file = options_.client_ca_file;
    o.versions = versions;
    if (!cert.certificate_pem.empty()) {
      o.certificate_file = write("client-" + std::to_string(++n_) + ".pem", cert.certificate_pem);
      o.private_key_file = write("client-key-" + std::to_string(n_) + ".pem", cert.private_key_pem);
    }
    SocketHttpTransport t(5, {}, o);
    return t.send(HttpRequest::get(server_->base_url() + "/who")).body;
  }

  static CertificateSubject client(const std::string& cn = "vendor app") {
    CertificateSubject s;
    s.common_name = cn;
    s.organization = "Acme";
    s.use = CertificateSubject::Use::kClient;
    return s;
  }

  std::filesystem::path dir_;
  CertificateAuthority ca_ = CertificateAuthority::create("test CA");
  TlsServerOptions options_;
  std::unique_ptr<HttpServer> server_;
  int n_ = 0;
};

TEST_F(TlsServerTest, ServesHttpsAndSaysSoInItsBaseUrl) {
  start(options_);
  EXPECT_TRUE(server_->tls());
  EXPECT_EQ(server_->base_url().rfind("https://127.0.0.1:", 0), 0u) << server_->base_url();
  EXPECT_EQ(who(), "none");
}

TEST_F(TlsServerTest, ATrustedClientCertificateReachesTheHandlerWithSubjectAndThumbprint) {
  start(options_);
  const CertifiedKey cert = ca_.issue(client());
  EXPECT_EQ(who(cert), "CN=vendor app,O=Acme trusted valid " +
                           certificate_thumbprint_s256(cert.certificate_pem));
}

TEST_F(TlsServerTest, ExpiredForeignAndSelfSignedCertificatesGetThroughLabelled) {
  start(options_);
  CertificateSubject old = client();
  old.not_before = system_clock::now() - hours(48);
  old.not_after = system_clock::now() - hours(24);
  EXPECT_EQ(who(ca_.issue(old)).rfind("CN=vendor app,O=Acme trusted expired ", 0), 0u);
  const auto other = CertificateAuthority::create("test CA");
  EXPECT_EQ(who(other.issue(client())).rfind("CN=vendor app,O=Acme untrusted valid ", 0), 0u);
  const CertifiedKey self = self_signed_certificate(client("self"));
  EXPECT_EQ(who(self),
            "CN=self,O=Acme untrusted valid " + certificate_thumbprint_s256(self.certificate_pem));
}

TEST_F(TlsServerTest, WithoutAClientCaNoCertificateIsAskedFor) {
  TlsServerOptions no_ca = options_;
  no_ca.client_ca_file.clear();
  start(no_ca);
  EXPECT_EQ(who(ca_.issue(client())), "none");
}

TEST_F(TlsServerTest, PinnedServerNegotiatesTls12WithAClientAllowingBoth) {
  TlsServerOptions pinned = options_;
  pinned.versions = TlsVersions::kTls12Only;
  start(pinned);
  server_->routes().Get("/version", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(SSL_get_version(req.ssl), "text/plain");
  });
  TlsClientOptions o;
  o.ca_file = options_.client_ca_file;
  SocketHttpTransport t(5, {}, o);
  EXPECT_EQ(t.send(HttpRequest::get(server_->base_url() + "/version")).body, "TLSv1.2");
}

TEST_F(TlsServerTest, PlainHttpClientGetsNoAnswer) {
  start(options_);
  std::string url = server_->base_url();
  url.replace(0, 5, "http");
  EXPECT_THROW(SocketHttpTransport(2).send(HttpRequest::get(url + "/who")), TransportError);
}

// The files' parses are kept per process by their content: files rewritten at the same paths
// (`oauthsim certs DIR --force`) must be read afresh, by servers and clients alike.
TEST_F(TlsServerTest, FilesRewrittenAtTheSamePathsAreReadAfresh) {
  start(options_);
  const std::string client_pem = (dir_ / "client.pem").string();
  const std::string client_key = (dir_ / "client-key.pem").string();
  auto who_with_fixed_files = [&](const CertifiedKey& cert) {
    write("client.pem", cert.certificate_pem);
    write("client-key.pem", cert.private_key_pem);
    TlsClientOptions o;
    o.ca_file = options_.client_ca_file;
    o.certificate_file = client_pem;
    o.private_key_file = client_key;
    SocketHttpTransport t(5, {}, o);
    return t.send(HttpRequest::get(server_->base_url() + "/who")).body;
  };
  const CertifiedKey first = ca_.issue(client("first"));
  EXPECT_EQ(who_with_fixed_files(first).rfind("CN=first,O=Acme trusted", 0), 0u);
  const CertifiedKey second = ca_.issue(client("second"));
  EXPECT_EQ(who_with_fixed_files(second).rfind("CN=second,O=Acme trusted", 0), 0u);
  server_.reset();

  // A new CA, server certificate and key over the same three files.
  const CertificateAuthority old_ca = std::exchange(ca_, CertificateAuthority::create("new CA"));
  CertificateSubject server;
  server.common_name = "localhost";
  server.ip_addresses = {"127.0.0.1"};
  const CertifiedKey s = ca_.issue(server);
  write("server.pem", s.certificate_pem);
  write("server-key.pem", s.private_key_pem);
  write("ca.pem", ca_.pem().certificate_pem);
  start(options_);
  // The client verifies the server against the new ca.pem: an old server certificate would fail.
  EXPECT_EQ(who_with_fixed_files(ca_.issue(client("third"))).rfind("CN=third,O=Acme trusted", 0),
            0u);
  EXPECT_EQ(
      who_with_fixed_files(old_ca.issue(client("fourth"))).rfind("CN=fourth,O=Acme untrusted", 0),
      0u);
}

TEST_F(TlsServerTest, AKeyInTheCertificateFileOrInTraditionalFormatIsUsedAsBefore) {
  // One file holding the certificate and its key, as many deployments keep them.
  const CertifiedKey s = [&] {
    CertificateSubject server;
    server.common_name = "localhost";
    server.ip_addresses = {"127.0.0.1"};
    return ca_.issue(server);
  }();
  TlsServerOptions combined = options_;
  combined.certificate_file = write("combined.pem", s.certificate_pem + s.private_key_pem);
  combined.private_key_file = combined.certificate_file;
  start(combined);
  EXPECT_EQ(who(), "none");
  server_.reset();

  // The key as "BEGIN EC PRIVATE KEY" (OpenSSL's traditional format) rather than PKCS #8.
  BIO* in = BIO_new_mem_buf(s.private_key_pem.data(), static_cast<int>(s.private_key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
  BIO* out = BIO_new(BIO_s_mem());
  ASSERT_TRUE(
      key && out &&
      PEM_write_bio_PrivateKey_traditional(out, key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  const long n = BIO_get_mem_data(out, &data);
  const std::string traditional(data, static_cast<std::size_t>(n));
  BIO_free(out);
  EVP_PKEY_free(key);
  BIO_free(in);
  ASSERT_NE(traditional.find("BEGIN EC PRIVATE KEY"), std::string::npos) << traditional;
  TlsServerOptions legacy = options_;
  legacy.certificate_file = write("legacy.pem", s.certificate_pem);
  legacy.private_key_file = write("legacy-key.pem", traditional);
  start(legacy);
  EXPECT_EQ(who(), "none");
}

TEST_F(TlsServerTest, UnusableFilesAreErrorsNamingThem) {
  TlsServerOptions missing = options_;
  missing.certificate_file = (dir_ / "nope.pem").string();
  try {
    HttpServer s(party::kAuthorizationServer, nullptr, nullptr, missing);
    ADD_FAILURE() << "a missing certificate was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("nope.pem"), std::string::npos) << e.what();
  }
  TlsServerOptions wrong_key = options_;
  wrong_key.private_key_file = write("other-key.pem", ca_.issue(client()).private_key_pem);
  try {
    HttpServer s(party::kAuthorizationServer, nullptr, nullptr, wrong_key);
    ADD_FAILURE() << "a key of another certificate was accepted";
  } catch (const std::runtime_error& e) {
    // OpenSSL compares the key with the certificate as it loads it.
    EXPECT_NE(std::string(e.what()).find("other-key.pem"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("mismatch"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace oauthsim::common
