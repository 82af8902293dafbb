#include "oauthsim/common/tls_flags.h"

#include <filesystem>
#include <vector>

namespace oauthsim::common {
namespace {

bool serves(TlsRole role) {
  return role != TlsRole::kClient;
}
bool calls(TlsRole role) {
  return role != TlsRole::kServer;
}

// The value of --name, checked to be an existing regular file.
std::optional<std::string> file_option(const ArgParser& p, const std::string& name) {
  if (!p.has(name)) return std::nullopt;
  const std::string path = p.get(name);
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) {
    throw UsageError("--" + name + " " + path + ": no such file");
  }
  return path;
}

// Both of a pair or neither: a certificate without its key (or the reverse) cannot be used.
void require_pair(const ArgParser& p, const std::string& a, const std::string& b) {
  if (p.has(a) && !p.has(b)) throw UsageError("--" + a + " needs --" + b + " too");
  if (p.has(b) && !p.has(a)) throw UsageError("--" + b + " needs --" + a + " too");
}

TlsSetup setup_from_folder(const ArgParser& p, TlsVersions versions) {
  for (const char* other : {"cert", "key", "ca"}) {
    if (p.has(other)) {
      throw UsageError(std::string("--certs and --") + other +
                       " exclude each other: use an `oauthsim certs` folder or your own files");
    }
  }
  TlsSetup s;
  s.folder = ensure_certificate_folder(p.get("certs"), &s.created);
  if (p.flag_set("tls")) s.server = server_options(*s.folder, versions);
  // --client-cert replaces the folder's client.pem (tls_setup_from fills it in).
  s.client = client_options(*s.folder, !p.has("client-cert"), versions);
  return s;
}

TlsSetup setup_from_files(const ArgParser& p, TlsVersions versions) {
  require_pair(p, "cert", "key");
  const auto cert = file_option(p, "cert");
  const auto key = file_option(p, "key");
  const auto ca = file_option(p, "ca");
  TlsSetup s;
  if (p.flag_set("tls")) {
    if (!cert || !ca) {
      throw UsageError(
          "--tls needs certificates: --certs DIR (an `oauthsim certs` folder, created when "
          "missing), or your own --cert FILE --key FILE --ca FILE");
    }
    s.server = TlsServerOptions{*cert, *key, *ca, versions};
  } else if (cert) {
    throw UsageError("--cert and --key serve https only with --tls");
  }
  if (ca) s.client = TlsClientOptions{*ca, "", "", versions};
  return s;
}

}  // namespace

void add_tls_options(ArgParser& p, TlsRole role) {
  if (serves(role)) {
    p.flag("tls", "serve https (needs --certs DIR, or --cert, --key and --ca)");
  }
  p.option("certs", "DIR",
           "certificates from an `oauthsim certs` folder (created when missing): the server "
           "certificate, the CA that peers and client certificates are checked against" +
               std::string(calls(role) ? ", and client.pem to present when calling others" : ""));
  if (serves(role)) {
    p.option("cert", "FILE", "your own server certificate (PEM chain) instead of --certs");
    p.option("key", "FILE", "the private key of --cert (PEM)");
  }
  p.option("ca", "FILE",
           "your own CA certificate (PEM) instead of --certs: peers are verified against it" +
               std::string(serves(role) ? " and client certificates are requested for it" : ""));
  if (calls(role)) {
    p.option("client-cert", "FILE",
             "client certificate (PEM) presented when calling another party (RFC 8705; "
             "default with --certs: its client.pem)");
    p.option("client-key", "FILE", "the private key of --client-cert (PEM)");
  }
  p.flag("tls12-only", "allow only TLS 1.2, as SmartRecruiters does (default: TLS 1.2 and 1.3)");
}

TlsSetup tls_setup_from(const ArgParser& p) {
  const TlsVersions versions =
      p.flag_set("tls12-only") ? TlsVersions::kTls12Only : TlsVersions::kTls12And13;
  require_pair(p, "client-cert", "client-key");
  const auto client_cert = file_option(p, "client-cert");
  const auto client_key = file_option(p, "client-key");

  TlsSetup s = p.has("certs") ? setup_from_folder(p, versions) : setup_from_files(p, versions);
  if (client_cert) {
    if (!s.client) {
      throw UsageError(
          "--client-cert needs --certs or --ca: the peer it is presented to must be verified");
    }
    s.client->certificate_file = *client_cert;
    s.client->private_key_file = *client_key;
  }
  return s;
}

CertificateFolder ensure_certificate_folder(const std::string& dir, bool* created) {
  const CertificateFolder paths = certificate_folder_paths(dir);
  // ca-key.pem is only needed to issue more certificates, not to run: a folder without it works.
  const std::vector<std::string> needed = {paths.ca, paths.server, paths.server_key, paths.client,
                                           paths.client_key};
  std::vector<std::string> missing;
  std::error_code ec;
  for (const auto& f : needed) {
    if (!std::filesystem::is_regular_file(f, ec)) missing.push_back(f);
  }
  if (created) *created = false;
  if (missing.empty()) return paths;
  if (missing.size() < needed.size()) {
    throw UsageError("--certs " + dir + ": " + missing.front() +
                     " is missing; run `oauthsim certs " + dir +
                     " --force` to write a complete folder");
  }
  if (created) *created = true;
  return write_certificate_folder(dir);
}

TlsServerOptions server_options(const CertificateFolder& folder, TlsVersions versions) {
  return TlsServerOptions{folder.server, folder.server_key, folder.ca, versions};
}

TlsClientOptions client_options(const CertificateFolder& folder, bool with_client_certificate,
                                TlsVersions versions) {
  TlsClientOptions o;
  o.ca_file = folder.ca;
  if (with_client_certificate) {
    o.certificate_file = folder.client;
    o.private_key_file = folder.client_key;
  }
  o.versions = versions;
  return o;
}

}  // namespace oauthsim::common
