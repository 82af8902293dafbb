#include "oauthsim/common/certificates.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "oauthsim/common/encoding.h"
#include "openssl_errors.h"
#include "openssl_ptr.h"
#include "x509_thumbprint.h"

namespace oauthsim::common {
namespace {

using Key = detail::OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using Cert = detail::OpenSslPtr<X509, X509_free>;
using Bio = detail::OpenSslPtr<BIO, BIO_free_all>;
using Ext = detail::OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;

// The error OpenSSL queued, with what we were doing.
[[noreturn]] void fail(const std::string& doing) {
  const std::string reason = detail::openssl_reasons();
  throw CertificateError("cannot " + doing + (reason.empty() ? "" : ": " + reason));
}

Key new_key() {
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) fail("generate an EC P-256 key");
  return key;
}

std::string to_pem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("write a certificate as PEM");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string to_pem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    fail("write a private key as PEM");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

Cert read_cert(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Cert cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) fail("read a PEM certificate");
  return cert;
}

Key read_key(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Key key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) fail("read a PEM private key");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail("add extension " + value);
}

// A certificate for `subject` with `key`, issued by `issuer_cert` (nullptr: itself) and signed
// by `signing_key`.
Cert make_certificate(const CertificateSubject& subject, EVP_PKEY* key, X509* issuer_cert,
                      EVP_PKEY* signing_key, bool is_ca) {
  Cert cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) fail("create a certificate");
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) fail("draw a serial number");
  serial[0] &= 0x7f;  // positive (RFC 5280 4.1.2.2)
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  const bool serial_ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  if (!serial_ok) fail("set the serial number");
  const auto seconds = [](std::chrono::system_clock::time_point t) {
    return static_cast<time_t>(std::chrono::system_clock::to_time_t(t));
  };
  if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()), seconds(subject.not_before)) ||
      !ASN1_TIME_set(X509_getm_notAfter(cert.get()), seconds(subject.not_after))) {
    fail("set the validity");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  auto add_name = [&](const char* field, const std::string& value) {
    if (value.empty()) return;
    if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0) != 1) {
      fail(std::string("set the subject's ") + field);
    }
  };
  add_name("O", subject.organization);
  add_name("CN", subject.common_name);
  X509* issuer = issuer_cert ? issuer_cert : cert.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer)) != 1 ||
      X509_set_pubkey(cert.get(), key) != 1) {
    fail("set the issuer and public key");
  }
  add_extension(cert.get(), issuer, NID_subject_key_identifier, "hash");
  if (issuer_cert) add_extension(cert.get(), issuer, NID_authority_key_identifier, "keyid:always");
  if (is_ca) {
    add_extension(cert.get(), issuer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_extension(cert.get(), issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), issuer, NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), issuer, NID_ext_key_usage,
                  subject.use == CertificateSubject::Use::kServer ? "serverAuth" : "clientAuth");
    std::string alt;
    for (const auto& d : subject.dns_names) alt += (alt.empty() ? "" : ",") + ("DNS:" + d);
    for (const auto& ip : subject.ip_addresses) alt += (alt.empty() ? "" : ",") + ("IP:" + ip);
    if (!alt.empty()) add_extension(cert.get(), issuer, NID_subject_alt_name, alt);
  }
  if (X509_sign(cert.get(), signing_key, EVP_sha256()) == 0) fail("sign the certificate");
  return cert;
}

void write_file(const std::filesystem::path& path, const std::string& text, bool secret) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  // A private key is created readable by its owner only: set afterwards, the key would sit
  // readable by everyone between the write and the chmod.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                        secret ? 0600 : 0644);
  if (fd < 0) throw CertificateError("cannot write " + path.string());
  if (secret && ::fchmod(fd, 0600) != 0) {
    ::close(fd);
    throw CertificateError("cannot make " + path.string() + " readable by its owner only");
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n <= 0) {
      ::close(fd);
      throw CertificateError("cannot write " + path.string());
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) throw CertificateError("cannot write " + path.string());
}

}  // namespace

struct CertificateAuthority::Keys {
  Cert cert;
  Key key;
};

CertificateAuthority::CertificateAuthority(std::unique_ptr<Keys> keys, CertifiedKey pem)
    : keys_(std::move(keys)), pem_(std::move(pem)) {}
CertificateAuthority::~CertificateAuthority() = default;
CertificateAuthority::CertificateAuthority(CertificateAuthority&&) noexcept = default;
CertificateAuthority& CertificateAuthority::operator=(CertificateAuthority&&) noexcept = default;

CertificateAuthority CertificateAuthority::create(const std::string& common_name,
                                                  std::chrono::hours validity) {
  CertificateSubject subject;
  subject.common_name = common_name;
  subject.not_before = std::chrono::system_clock::now() - std::chrono::minutes(5);
  subject.not_after = std::chrono::system_clock::now() + validity;
  auto keys = std::make_unique<Keys>();
  keys->key = new_key();
  keys->cert = make_certificate(subject, keys->key.get(), nullptr, keys->key.get(), true);
  CertifiedKey pem{to_pem(keys->cert.get()), to_pem(keys->key.get())};
  return CertificateAuthority(std::move(keys), std::move(pem));
}

CertificateAuthority CertificateAuthority::load(const CertifiedKey& pem) {
  auto keys = std::make_unique<Keys>();
  keys->cert = read_cert(pem.certificate_pem);
  keys->key = read_key(pem.private_key_pem);
  if (X509_check_private_key(keys->cert.get(), keys->key.get()) != 1) {
    ERR_clear_error();
    throw CertificateError("the CA key does not belong to the CA certificate");
  }
  if (X509_check_ca(keys->cert.get()) == 0) {
    throw CertificateError("the certificate is not a CA certificate (basicConstraints CA:FALSE)");
  }
  return CertificateAuthority(std::move(keys), pem);
}

CertifiedKey CertificateAuthority::issue(const CertificateSubject& subject) const {
  Key key = new_key();
  Cert cert = make_certificate(subject, key.get(), keys_->cert.get(), keys_->key.get(), false);
  return {to_pem(cert.get()), to_pem(key.get())};
}

CertifiedKey self_signed_certificate(const CertificateSubject& subject) {
  Key key = new_key();
  Cert cert = make_certificate(subject, key.get(), nullptr, key.get(), false);
  return {to_pem(cert.get()), to_pem(key.get())};
}

namespace detail {

std::string x509_thumbprint_s256(X509* cert) {
  unsigned char* der = nullptr;
  const int n = i2d_X509(cert, &der);
  if (n <= 0) return "";
  const std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return base64url_encode(sha256(bytes));
}

std::string x509_subject_dn(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0,
                                 XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
    fail("print the subject name");
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace detail

std::string certificate_thumbprint_s256(const std::string& certificate_pem) {
  Cert cert = read_cert(certificate_pem);
  std::string thumbprint = detail::x509_thumbprint_s256(cert.get());
  if (thumbprint.empty()) fail("encode the certificate as DER");
  return thumbprint;
}

std::string certificate_subject_dn(const std::string& certificate_pem) {
  Cert cert = read_cert(certificate_pem);
  return detail::x509_subject_dn(cert.get());
}

CertificateFolder certificate_folder_paths(const std::string& dir) {
  const std::filesystem::path d(dir);
  return {(d / "ca.pem").string(),     (d / "ca-key.pem").string(),
          (d / "server.pem").string(), (d / "server-key.pem").string(),
          (d / "client.pem").string(), (d / "client-key.pem").string()};
}

CertificateFolder write_certificate_folder(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw CertificateError("cannot create " + dir + ": " + ec.message());
  const CertificateFolder paths = certificate_folder_paths(dir);
  const auto ca = CertificateAuthority::create("oauthsim local CA");
  CertificateSubject server;
  server.common_name = "localhost";
  server.dns_names = {"localhost"};
  server.ip_addresses = {"127.0.0.1", "::1"};
  CertificateSubject client;
  client.common_name = "oauthsim client";
  client.use = CertificateSubject::Use::kClient;
  const CertifiedKey server_pem = ca.issue(server);
  const CertifiedKey client_pem = ca.issue(client);
  write_file(paths.ca, ca.pem().certificate_pem, false);
  write_file(paths.ca_key, ca.pem().private_key_pem, true);
  write_file(paths.server, server_pem.certificate_pem, false);
  write_file(paths.server_key, server_pem.private_key_pem, true);
  write_file(paths.client, client_pem.certificate_pem, false);
  write_file(paths.client_key, client_pem.private_key_pem, true);
  return paths;
}

}  // namespace oauthsim::common
