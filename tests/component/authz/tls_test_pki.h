#pragma once
// A throwaway public key infrastructure for TLS component tests: a CA, a server certificate
// for 127.0.0.1/localhost, and client certificates of every kind RFC 8705 cares about, all
// written to a temporary folder that disappears with the object.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "oauthsim/common/certificates.h"
#include "oauthsim/common/tls_options.h"

namespace oauthsim::testing {

class TestPki {
 public:
  TestPki() : dir_(fresh_dir()) {
    std::filesystem::create_directories(dir_);
    common::CertificateSubject server;
    server.common_name = "localhost";
    server.dns_names = {"localhost"};
    server.ip_addresses = {"127.0.0.1"};
    const common::CertifiedKey s = ca_.issue(server);
    server_options_.certificate_file = write("server.pem", s.certificate_pem);
    server_options_.private_key_file = write("server-key.pem", s.private_key_pem);
    server_options_.client_ca_file = write("ca.pem", ca_.pem().certificate_pem);
  }
  ~TestPki() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;

  static common::CertificateSubject client_subject(const std::string& cn = "vendor app") {
    common::CertificateSubject s;
    s.common_name = cn;
    s.organization = "Acme";
    s.use = common::CertificateSubject::Use::kClient;
    return s;
  }
  static constexpr const char* kClientDn = "CN=vendor app,O=Acme";

  common::CertifiedKey trusted_client(const std::string& cn = "vendor app") const {
    return ca_.issue(client_subject(cn));
  }
  common::CertifiedKey expired_client() const {
    auto s = client_subject();
    s.not_before = std::chrono::system_clock::now() - std::chrono::hours(48);
    s.not_after = std::chrono::system_clock::now() - std::chrono::hours(24);
    return ca_.issue(s);
  }
  static common::CertifiedKey foreign_client() {
    return common::CertificateAuthority::create("another CA").issue(client_subject());
  }
  static common::CertifiedKey self_signed_client(const std::string& cn = "vendor app") {
    return common::self_signed_certificate(client_subject(cn));
  }

  // The server side: https with client certificates requested for this CA.
  const common::TlsServerOptions& server_options() const { return server_options_; }
  // The calling side: verifies the server against the CA, presents `cert` unless it is empty.
  common::TlsClientOptions client_options(const common::CertifiedKey& cert = {}) {
    common::TlsClientOptions o;
    o.ca_file = server_options_.client_ca_file;
    if (!cert.certificate_pem.empty()) {
      const std::string n = std::to_string(++files_);
      o.certificate_file = write("client-" + n + ".pem", cert.certificate_pem);
      o.private_key_file = write("client-key-" + n + ".pem", cert.private_key_pem);
    }
    return o;
  }
  const std::filesystem::path& dir() const { return dir_; }

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

 private:
  static std::filesystem::path fresh_dir() {
    static std::atomic<int> n{0};
    return std::filesystem::temp_directory_path() /
           ("oauthsim-pki-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
  }

  std::filesystem::path dir_;
  common::CertificateAuthority ca_ = common::CertificateAuthority::create("oauthsim test CA");
  common::TlsServerOptions server_options_;
  int files_ = 0;
};

}  // namespace oauthsim::testing
