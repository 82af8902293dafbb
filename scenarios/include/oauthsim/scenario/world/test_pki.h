#pragma once
#include <string>

#include "oauthsim/common/certificates.h"

namespace oauthsim::scenario {

// One client certificate of the test PKI: files to hand a TLS transport, and what an RFC 8705
// registration would name it by.
struct TestClientCertificate {
  std::string certificate_file;
  std::string private_key_file;
  std::string subject_dn;       // tls_client_auth_subject_dn
  std::string thumbprint_s256;  // tls_client_certificate_s256 / cnf x5t#S256
};

// Every certificate a TLS world needs, made once per process with the local CA code (an EC key
// pair each, so making them per scenario would only cost time) and written to a private temp
// folder that is removed when the process exits. Real-time validity: TLS peers check it against
// the system clock, not the world's virtual one.
struct TestPki {
  common::CertificateFolder folder;   // ca.pem, server.pem (localhost, 127.0.0.1), client.pem
  TestClientCertificate client;       // the registered one: issued by the CA
  TestClientCertificate other;        // same CA, another subject: a different client
  TestClientCertificate expired;      // same CA and subject as `client`, validity ended yesterday
  TestClientCertificate foreign;      // same subject as `client`, issued by another CA
  TestClientCertificate self_signed;  // self_signed_tls_client_auth registers its thumbprint
};

// The process's test PKI, created on first use (thread-safe). Throws common::CertificateError
// when OpenSSL or the temp folder fails.
const TestPki& test_pki();

}  // namespace oauthsim::scenario
