#pragma once
// RFC 8705 x5t#S256 of a parsed certificate: the one computation behind both the thumbprint of
// a PEM file and that of a TLS peer, so registration and wire always agree.
#include <openssl/x509.h>

#include <string>

namespace oauthsim::common::detail {

// base64url (no padding) of the SHA-256 of the DER encoding; "" when it cannot be encoded.
std::string x509_thumbprint_s256(X509* cert);

}  // namespace oauthsim::common::detail
