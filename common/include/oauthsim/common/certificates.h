#pragma once
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace oauthsim::common {

// A failure of OpenSSL while making or reading certificates; what() carries OpenSSL's reason.
class CertificateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A certificate and its private key, both PEM.
struct CertifiedKey {
  std::string certificate_pem;
  std::string private_key_pem;
};

// What a certificate says about its holder. Validity is real time: TLS peers check it against
// the system clock, not oauthsim's virtual one.
struct CertificateSubject {
  enum class Use { kServer, kClient };
  std::string common_name;
  std::string organization = "oauthsim";
  Use use = Use::kServer;
  std::vector<std::string> dns_names;     // subjectAltName DNS entries (servers)
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries (servers)
  std::chrono::system_clock::time_point not_before = std::chrono::system_clock::now();
  std::chrono::system_clock::time_point not_after =
      std::chrono::system_clock::now() + std::chrono::hours(24 * 365);
};

// A local certificate authority made with the OpenSSL API (EC P-256 keys, SHA-256 signatures).
class CertificateAuthority {
 public:
  // A new self-signed CA.
  static CertificateAuthority create(const std::string& common_name,
                                     std::chrono::hours validity = std::chrono::hours(24 * 3650));
  // An existing CA from its PEM certificate and key (throws CertificateError when they are not
  // a CA certificate and its matching key).
  static CertificateAuthority load(const CertifiedKey& pem);
  ~CertificateAuthority();
  CertificateAuthority(CertificateAuthority&&) noexcept;
  CertificateAuthority& operator=(CertificateAuthority&&) noexcept;

  CertifiedKey issue(const CertificateSubject& subject) const;
  const CertifiedKey& pem() const { return pem_; }

 private:
  struct Keys;
  CertificateAuthority(std::unique_ptr<Keys> keys, CertifiedKey pem);
  std::unique_ptr<Keys> keys_;
  CertifiedKey pem_;
};

// A certificate signed by its own key: RFC 8705 self_signed_tls_client_auth.
CertifiedKey self_signed_certificate(const CertificateSubject& subject);

// RFC 8705 3.1 x5t#S256: base64url (no padding) of the SHA-256 of the certificate's DER.
std::string certificate_thumbprint_s256(const std::string& certificate_pem);
// The subject distinguished name in RFC 4514 form, e.g. "CN=oauthsim client,O=oauthsim"
// (RFC 8705 tls_client_auth registers it as tls_client_auth_subject_dn).
std::string certificate_subject_dn(const std::string& certificate_pem);

// The files `oauthsim certs DIR` writes: ca.pem, ca-key.pem, server.pem + server-key.pem (for
// localhost and 127.0.0.1), client.pem + client-key.pem. Keys are written mode 0600. Existing
// files are replaced. Throws CertificateError naming the file that could not be written.
struct CertificateFolder {
  std::string ca, ca_key, server, server_key, client, client_key;  // paths
};
CertificateFolder write_certificate_folder(const std::string& dir);
// The paths of such a folder, without touching the disk.
CertificateFolder certificate_folder_paths(const std::string& dir);

}  // namespace oauthsim::common
