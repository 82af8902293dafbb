#pragma once
#include <optional>
#include <string>

#include <httplib.h>

namespace oauthsim::common {

// The client certificate presented on a TLS connection to an HttpServer with a client CA.
struct PeerCertificate {
  std::string pem;
  std::string subject_dn;             // RFC 4514
  std::string thumbprint_s256;        // RFC 8705 x5t#S256
  bool chains_to_trusted_ca = false;  // issued by the server's client CA (expired or not)
  bool within_validity = false;       // now between notBefore and notAfter (system clock)
};

// nullopt for plain HTTP, or when the client presented no certificate.
std::optional<PeerCertificate> peer_certificate(const httplib::Request& req);
// Only the x5t#S256 of that certificate ("" for none): cheap enough for every traced request.
std::string peer_certificate_thumbprint(const httplib::Request& req);

}  // namespace oauthsim::common
