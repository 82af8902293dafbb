// SocketHttpTransport over TLS against a cpp-httplib SSLServer on loopback: the server's
// certificate verified against a CA and the host, client certificates (mutual TLS), pinned TLS
// 1.2, and clear errors for every refusal. Certificates come from common::CertificateAuthority.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "oauthsim/common/certificates.h"
#include "oauthsim/common/socket_http_transport.h"

namespace oauthsim::common {
namespace {

using std::chrono::hours;
using std::chrono::system_clock;

class TempFiles {
 public:
  TempFiles()
      : dir_(std::filesystem::temp_directory_path() /
             ("oauthsim-tls-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    std::filesystem::create_directories(dir_);
  }
  ~TempFiles() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

CertificateSubject server_subject(std::vector<std::string> ips = {"127.0.0.1"},
                                  std::vector<std::string> dns = {"localhost"}) {
  CertificateSubject s;
  s.common_name = "localhost";
  s.dns_names = std::move(dns);
  s.ip_addresses = std::move(ips);
  return s;
}

// An https server on 127.0.0.1 answering GET /who with what it saw of the TLS session.
class TlsServer {
 public:
  TlsServer(TempFiles& files, const CertifiedKey& cert, const std::string& client_ca_pem = "")
      : server_(
            files.write("server.pem", cert.certificate_pem).c_str(),
            files.write("server-key.pem", cert.private_key_pem).c_str(),
            client_ca_pem.empty() ? nullptr : files.write("client-ca.pem", client_ca_pem).c_str()) {
    server_.Get("/who", [](const httplib::Request& req, httplib::Response& res) {
      std::string who = "anonymous";
      if (X509* peer = SSL_get_peer_certificate(req.ssl)) {
        char cn[256] = {};
        X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn, sizeof cn);
        who = cn;
        X509_free(peer);
      }
      res.set_content(who + " " + SSL_get_version(req.ssl), "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~TlsServer() {
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(port_) + "/who";
  }

 private:
  httplib::SSLServer server_;
  std::thread thread_;
  int port_ = 0;
};

class TlsTransport : public ::testing::Test {
 protected:
  TlsClientOptions trusting(const CertificateAuthority& ca) {
    TlsClientOptions o;
    o.ca_file = files_.write("ca-" + std::to_string(++n_) + ".pem", ca.pem().certificate_pem);
    return o;
  }
  std::string error_of(SocketHttpTransport& t, const std::string& url) {
    try {
      t.send(HttpRequest::get(url));
    } catch (const TransportError& e) {
      return e.what();
    }
    return "";
  }

  TempFiles files_;
  CertificateAuthority ca_ = CertificateAuthority::create("test CA");
  int n_ = 0;
};

TEST_F(TlsTransport, VerifiesTheServerAgainstTheCaAndTheIpAddress) {
  TlsServer server(files_, ca_.issue(server_subject()));
  SocketHttpTransport t(5, {}, trusting(ca_));
  const HttpResponse r = t.send(HttpRequest::get(server.url()));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.rfind("anonymous TLSv1.", 0), 0u) << r.body;
}

TEST_F(TlsTransport, VerifiesTheHostNameWhenCalledByName) {
  TlsServer server(files_, ca_.issue(server_subject()));
  SocketHttpTransport t(5, {}, trusting(ca_));
  EXPECT_EQ(t.send(HttpRequest::get(server.url("localhost"))).status, 200);
}

TEST_F(TlsTransport, RefusesAServerCertificateFromAnotherCa) {
  const auto other = CertificateAuthority::create("test CA");
  TlsServer server(files_, other.issue(server_subject()));
  SocketHttpTransport t(5, {}, trusting(ca_));
  const std::string e = error_of(t, server.url());
  EXPECT_NE(e.find("the server's certificate was refused"), std::string::npos) << e;
  EXPECT_NE(e.find("https://127.0.0.1:"), std::string::npos) << e;
}

TEST_F(TlsTransport, RefusesACertificateThatDoesNotNameTheHost) {
  TlsServer server(files_, ca_.issue(server_subject({}, {"example.com"})));
  SocketHttpTransport t(5, {}, trusting(ca_));
  const std::string e = error_of(t, server.url());
  EXPECT_NE(e.find("the server's certificate was refused"), std::string::npos) << e;
  EXPECT_NE(e.find("mismatch"), std::string::npos) << e;
}

TEST_F(TlsTransport, RefusesAnExpiredServerCertificate) {
  CertificateSubject old = server_subject();
  old.not_before = system_clock::now() - hours(48);
  old.not_after = system_clock::now() - hours(24);
  TlsServer server(files_, ca_.issue(old));
  SocketHttpTransport t(5, {}, trusting(ca_));
  const std::string e = error_of(t, server.url());
  EXPECT_NE(e.find("certificate has expired"), std::string::npos) << e;
}

TEST_F(TlsTransport, HttpsWithoutTlsOptionsIsAnErrorNotAnUnverifiedConnection) {
  TlsServer server(files_, ca_.issue(server_subject()));
  SocketHttpTransport t(5);
  const std::string e = error_of(t, server.url());
  EXPECT_NE(e.find("https needs TLS options"), std::string::npos) << e;
}

TEST_F(TlsTransport, PresentsTheClientCertificateForMutualTls) {
  TlsServer server(files_, ca_.issue(server_subject()), ca_.pem().certificate_pem);
  CertificateSubject client;
  client.common_name = "vendor app";
  client.use = CertificateSubject::Use::kClient;
  const CertifiedKey cert = ca_.issue(client);
  TlsClientOptions o = trusting(ca_);
  o.certificate_file = files_.write("client.pem", cert.certificate_pem);
  o.private_key_file = files_.write("client-key.pem", cert.private_key_pem);
  SocketHttpTransport t(5, {}, o);
  const HttpResponse r = t.send(HttpRequest::get(server.url()));
  EXPECT_EQ(r.body.rfind("vendor app TLSv1.", 0), 0u) << r.body;

  // A server that requires a client certificate refuses a client without one.
  SocketHttpTransport anonymous(5, {}, trusting(ca_));
  EXPECT_NE(error_of(anonymous, server.url()), "");
}

TEST_F(TlsTransport, PinnedTls12NegotiatesTls12) {
  TlsServer server(files_, ca_.issue(server_subject()));
  TlsClientOptions o = trusting(ca_);
  o.versions = TlsVersions::kTls12Only;
  SocketHttpTransport pinned(5, {}, o);
  EXPECT_EQ(pinned.send(HttpRequest::get(server.url())).body, "anonymous TLSv1.2");
  SocketHttpTransport either(5, {}, trusting(ca_));
  EXPECT_EQ(either.send(HttpRequest::get(server.url())).body, "anonymous TLSv1.3");
}

TEST_F(TlsTransport, UnusableTlsFilesAreErrorsNamingTheFile) {
  TlsClientOptions o;
  o.ca_file = "/nonexistent/ca.pem";
  try {
    SocketHttpTransport t(5, {}, o);
    ADD_FAILURE() << "a missing CA file was accepted";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/ca.pem"), std::string::npos) << e.what();
  }
  o = trusting(ca_);
  o.certificate_file = files_.write("client.pem", ca_.issue(server_subject()).certificate_pem);
  o.private_key_file = files_.write("other-key.pem", ca_.issue(server_subject()).private_key_pem);
  try {
    SocketHttpTransport t(5, {}, o);
    ADD_FAILURE() << "a key of another certificate was accepted";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("other-key.pem"), std::string::npos) << e.what();
  }
  try {
    SocketHttpTransport t(5, {}, TlsClientOptions{});
    ADD_FAILURE() << "TLS without a CA was accepted";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("no CA file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace oauthsim::common
