#pragma once
// RFC 8705 x5t#S256 and subject DN of a parsed certificate: the one computation behind both
// those of a PEM file and those of a TLS peer, so registration and wire always agree.
#include <openssl/x509.h>

#include <string>

namespace oauthsim::common::detail {

// base64url (no padding) of the SHA-256 of the DER encoding; "" when it cannot be encoded.
std::string x509_thumbprint_s256(X509* cert);

// The subject name as RFC 4514 writes it (RFC 8705 tls_client_auth_subject_dn); throws
// CertificateError when it cannot be printed.
std::string x509_subject_dn(X509* cert);

}  // namespace oauthsim::common::detail
