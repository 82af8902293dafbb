#pragma once
#include <string>

namespace oauthsim::common {

// SR serves TLS 1.2 only; oauthsim allows 1.2 and 1.3 unless told to pin 1.2.
enum class TlsVersions { kTls12And13, kTls12Only };

// How a party that calls another over https verifies it and, for mutual TLS (RFC 8705),
// authenticates itself. Verification is never optional: an https call without a CA file fails.
struct TlsClientOptions {
  std::string ca_file;           // PEM; the peer's certificate must chain to it and name the host
  std::string certificate_file;  // PEM client certificate; empty: none presented
  std::string private_key_file;  // its key
  TlsVersions versions = TlsVersions::kTls12And13;
};

// How a server offers https. With client_ca_file it asks every client for a certificate but
// accepts the handshake without one, or with any one: whether the certificate is acceptable is
// the token endpoint's or the API's decision (RFC 8705 registers it per client, and a
// self-signed certificate must get through the handshake).
struct TlsServerOptions {
  std::string certificate_file;  // PEM, the server's chain
  std::string private_key_file;
  std::string client_ca_file;  // PEM; empty: client certificates are not requested
  TlsVersions versions = TlsVersions::kTls12And13;
};

}  // namespace oauthsim::common
