#include "certs_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "oauthsim/common/certificates.h"
#include "oauthsim/common/cli.h"

namespace oauthsim::app {
namespace {

constexpr const char* kEpilog = R"(Files written to DIR:
  ca.pem           the local certificate authority. Trust it in whatever calls the mock
                   over https (it is not in your system's trust store):
                     curl --cacert DIR/ca.pem https://127.0.0.1:8081/.well-known/oauth-authorization-server
                     Python requests: requests.get(url, verify="DIR/ca.pem")
                     Node: NODE_EXTRA_CA_CERTS=DIR/ca.pem node app.js
  ca-key.pem       the CA's private key (mode 0600); only needed to issue more certificates
  server.pem       the servers' certificate, for localhost, 127.0.0.1 and ::1, signed by the CA
  server-key.pem   its private key (mode 0600)
  client.pem       a client certificate signed by the CA, for RFC 8705 client authentication
  client-key.pem   its private key (mode 0600); present both with your token requests:
                     curl --cert DIR/client.pem --key DIR/client-key.pem --cacert DIR/ca.pem ...

Use the folder with --tls --certs DIR on mock_authz_server, mock_resource_server and
oauthsim_client_app (the folder is created there too when it is missing).
To register the client certificate, put what this command prints into the client's entry of
the configuration: "token_endpoint_auth_method": "tls_client_auth" with
"tls_client_auth_subject_dn", or "self_signed_tls_client_auth" with
"tls_client_certificate_s256"; add "tls_client_certificate_bound_access_tokens": true to bind
access tokens to the certificate (RFC 8705 3).
Existing files are never replaced unless --force is given.)";

common::ArgParser make_certs_parser() {
  common::ArgParser p("oauthsim certs DIR",
                      "Write a local certificate authority, a server certificate and a client "
                      "certificate (OpenSSL, EC P-256) for running oauthsim over https.");
  p.flag("force", "replace certificate files that already exist in DIR");
  p.epilog(kEpilog);
  return p;
}

// The files of the folder that already exist.
std::vector<std::string> existing_files(const common::CertificateFolder& f) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto* path : {&f.ca, &f.ca_key, &f.server, &f.server_key, &f.client, &f.client_key}) {
    if (std::filesystem::exists(*path, ec)) out.push_back(*path);
  }
  return out;
}

void print_registration(const common::CertificateFolder& f, const std::string& client_pem) {
  const std::string dn = common::certificate_subject_dn(client_pem);
  const std::string thumbprint = common::certificate_thumbprint_s256(client_pem);
  std::cout << "wrote " << f.ca << ", " << f.server << " (+ key), " << f.client << " (+ key)\n\n"
            << "client certificate " << f.client << ":\n"
            << "  subject DN (tls_client_auth_subject_dn):   " << dn << "\n"
            << "  x5t#S256 (tls_client_certificate_s256):    " << thumbprint << "\n\n"
            << "register it in the client's configuration entry, e.g.\n"
            << "  \"token_endpoint_auth_method\": \"tls_client_auth\",\n"
            << "  \"tls_client_auth_subject_dn\": \"" << dn << "\",\n"
            << "  \"tls_client_certificate_bound_access_tokens\": true\n";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

int certs_command(int argc, char** argv) {
  common::ArgParser p = make_certs_parser();
  std::string dir;
  try {
    p.parse(argc, argv);
    if (p.flag_set("help")) {
      std::cout << p.help();
      return 0;
    }
    if (p.positional().size() != 1) {
      throw common::UsageError(p.positional().empty()
                                   ? "which folder? usage: oauthsim certs DIR [--force]"
                                   : "one folder only, got '" + p.positional()[1] + "' too");
    }
    dir = p.positional().front();
  } catch (const common::UsageError& e) {
    std::cerr << "oauthsim certs: " << e.what() << "\n";
    return 2;
  }

  const auto existing = existing_files(common::certificate_folder_paths(dir));
  if (!existing.empty() && !p.flag_set("force")) {
    std::cerr << "oauthsim certs: " << existing.front()
              << " already exists; servers and registrations may rely on it. Use --force to "
                 "replace the folder's certificates.\n";
    return 2;
  }
  try {
    const common::CertificateFolder f = common::write_certificate_folder(dir);
    print_registration(f, read_file(f.client));
  } catch (const common::CertificateError& e) {
    std::cerr << "oauthsim certs: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace oauthsim::app
