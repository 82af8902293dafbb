// HttpServer over TLS: https base URLs, client certificates requested but decided on by the
// handler (trusted, expired, foreign and self-signed ones all reach it, labelled), pinned TLS
// 1.2, and clear errors for unusable files. The client side is SocketHttpTransport.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

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
