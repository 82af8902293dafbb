#pragma once
#include <optional>
#include <string>

#include "oauthsim/common/certificates.h"
#include "oauthsim/common/cli.h"
#include "oauthsim/common/tls_options.h"

namespace oauthsim::common {

// The TLS command-line flags every oauthsim command shares, parsed in one place.
//
//   --tls                   serve https (needs --certs, or --cert + --key + --ca)
//   --certs DIR             an `oauthsim certs` folder; created when it does not exist yet
//   --cert FILE --key FILE  the server certificate (chain) and key, instead of --certs
//   --ca FILE               the CA that peers are verified against and client certificates
//                           chain to (instead of --certs)
//   --tls12-only            pin TLS 1.2 as SmartRecruiters does (default: 1.2 and 1.3)
//   --client-cert FILE --client-key FILE
//                           the certificate this party presents when it calls another one
//                           (RFC 8705); default with --certs: the folder's client.pem
//
// Usage:
//   ArgParser p(...);
//   add_tls_options(p, TlsRole::kServerAndClient);
//   p.parse(argc, argv);
//   const TlsSetup tls = tls_setup_from(p);  // throws UsageError
//   HttpServer server(..., tls.server);       // nullopt: plain http
//   SocketHttpTransport transport(10, {}, tls.client);
enum class TlsRole {
  kServer,           // serves only: --tls --certs --cert --key --ca --tls12-only
  kClient,           // calls only: --certs --ca --client-cert --client-key --tls12-only
  kServerAndClient,  // both: every flag
};
void add_tls_options(ArgParser& p, TlsRole role = TlsRole::kServerAndClient);

struct TlsSetup {
  // Set with --tls. Its client_ca_file is always the CA, so the server asks callers for a
  // certificate (RFC 8705); whether one is acceptable is the endpoint's decision.
  std::optional<TlsServerOptions> server;
  // Set whenever a CA is known (--certs or --ca), with or without --tls: this party then calls
  // https peers verifying them against that CA. nullopt: https peers cannot be called (plain
  // http still works); verification is never switched off.
  std::optional<TlsClientOptions> client;
  // The --certs folder, when one was given; created: this run wrote it.
  std::optional<CertificateFolder> folder;
  bool created = false;
};

// Reads the flags add_tls_options added. Throws UsageError naming the flag and the file: a file
// that does not exist, --cert without --key (and the like), --tls without a certificate source,
// --certs together with --cert/--key/--ca, a --certs folder missing some of its files.
// Throws CertificateError when a missing --certs folder cannot be written.
TlsSetup tls_setup_from(const ArgParser& p);

// An `oauthsim certs` folder: written (write_certificate_folder) when none of its files exist
// yet, used as it is when all do. `created` tells which. Throws UsageError naming the missing
// file when only some exist (so a half-written folder is never silently overwritten).
CertificateFolder ensure_certificate_folder(const std::string& dir, bool* created = nullptr);

// Options from such a folder, for callers that build a world without a command line.
// The server presents server.pem and requests client certificates chaining to ca.pem.
TlsServerOptions server_options(const CertificateFolder& folder,
                                TlsVersions versions = TlsVersions::kTls12And13);
// Verifies peers against ca.pem; presents client.pem when with_client_certificate.
TlsClientOptions client_options(const CertificateFolder& folder, bool with_client_certificate,
                                TlsVersions versions = TlsVersions::kTls12And13);

}  // namespace oauthsim::common
