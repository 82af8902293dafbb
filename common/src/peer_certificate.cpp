#include "oauthsim/common/peer_certificate.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "x509_thumbprint.h"

namespace oauthsim::common {

std::optional<PeerCertificate> peer_certificate(const httplib::Request& req) {
  if (!req.ssl) return std::nullopt;
  // get0: the session keeps its reference, nothing to free.
  X509* cert = SSL_get0_peer_certificate(req.ssl);
  if (!cert) return std::nullopt;
  PeerCertificate out;
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio && PEM_write_bio_X509(bio, cert) == 1) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    out.pem.assign(data, static_cast<std::size_t>(n));
  }
  BIO_free(bio);
  if (out.pem.empty()) return std::nullopt;
  out.within_validity = X509_cmp_current_time(X509_get0_notBefore(cert)) < 0 &&
                        X509_cmp_current_time(X509_get0_notAfter(cert)) > 0;
  out.thumbprint_s256 = detail::x509_thumbprint_s256(cert);
  // The handshake let every certificate through; this is what verifying it against the client
  // CA said. Expiry is reported apart, so "expired" and "from another CA" stay distinguishable.
  const long verdict = SSL_get_verify_result(req.ssl);
  out.chains_to_trusted_ca = verdict == X509_V_OK || verdict == X509_V_ERR_CERT_HAS_EXPIRED ||
                             verdict == X509_V_ERR_CERT_NOT_YET_VALID;
  // From the parsed certificate: parsing out.pem again cost a million and a half instructions
  // (OpenSSL 3 decodes its public key through OSSL_DECODER) for the same name.
  out.subject_dn = detail::x509_subject_dn(cert);
  return out;
}

std::string peer_certificate_thumbprint(const httplib::Request& req) {
  if (!req.ssl) return "";
  // get0: the session keeps its reference, nothing to free.
  X509* cert = SSL_get0_peer_certificate(req.ssl);
  return cert ? detail::x509_thumbprint_s256(cert) : "";
}

}  // namespace oauthsim::common
