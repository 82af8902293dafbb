#include "tls_files.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "oauthsim/common/encoding.h"
#include "openssl_ptr.h"

namespace oauthsim::common::detail {
namespace {

// A larger file (a system CA bundle, say) is loaded the uncached way.
constexpr std::size_t kMaxCachedFileBytes = 1 << 20;
// Distinct contents kept per kind of file; the oldest is dropped first. A run uses a handful.
constexpr std::size_t kMaxCachedFiles = 32;

using TlsFileBio = OpenSslPtr<BIO, BIO_free_all>;
using TlsFileCert = OpenSslPtr<X509, X509_free>;
using TlsFileCrl = OpenSslPtr<X509_CRL, X509_CRL_free>;
using TlsFileKey = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using TlsFileName = OpenSslPtr<X509_NAME, X509_NAME_free>;

void free_x509_info_stack(STACK_OF(X509_INFO) * infos) {
  sk_X509_INFO_pop_free(infos, X509_INFO_free);
}

struct ParsedChain {
  TlsFileCert leaf;
  std::vector<TlsFileCert> chain;
};
struct ParsedKey {
  TlsFileKey key;
};
struct ParsedTrust {
  // In file order: each PEM block's certificate or CRL (X509_INFO).
  std::vector<std::pair<TlsFileCert, TlsFileCrl>> items;
};
struct ParsedNames {
  std::vector<TlsFileName> names;
};

// The bytes of a regular file no larger than kMaxCachedFileBytes; nullopt for anything else.
std::optional<std::string> read_pem_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    std::string bytes;
    char buf[4096];
    bool ok = true;
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n == 0) break;
      if (n < 0 || bytes.size() + static_cast<std::size_t>(n) > kMaxCachedFileBytes) {
        ok = false;
        break;
      }
      bytes.append(buf, static_cast<std::size_t>(n));
    }
    OPENSSL_cleanse(buf, sizeof buf);  // it may have held a private key
    if (ok) out = std::move(bytes);
  }
  ::close(fd);
  return out;
}

// Holds a file's bytes and wipes them when done: a key file's bytes are the key.
class FileBytes {
 public:
  explicit FileBytes(const std::string& path) : bytes_(read_pem_file(path)) {}
  ~FileBytes() {
    if (bytes_) OPENSSL_cleanse(bytes_->data(), bytes_->size());
  }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  const std::optional<std::string>& get() const { return bytes_; }

 private:
  std::optional<std::string> bytes_;
};

TlsFileBio memory_bio(const std::string& bytes) {
  return TlsFileBio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

// Parsing never asks for a pass phrase: a protected file fails here and is loaded the uncached
// way, which asks as it always did.
int no_pass_phrase(char*, int, int, void*) {
  return -1;
}

// The parses of one kind of file, by the SHA-256 of its bytes.
template <typename Parsed>
class ParsedFiles {
 public:
  // The parse of `bytes`, made by `parse` the first time these bytes are seen; null (and not
  // remembered) when they do not parse. OpenSSL's error queue is left as it was.
  template <typename Parse>
  std::shared_ptr<const Parsed> get(const std::string& bytes, Parse parse) {
    std::string digest = sha256(bytes);
    {
      std::lock_guard lock(mu_);
      if (auto it = parsed_.find(digest); it != parsed_.end()) return it->second;
    }
    // Parsed outside the lock: two threads may both parse new bytes; the first one kept wins.
    ERR_set_mark();
    std::shared_ptr<const Parsed> fresh = parse(bytes);
    ERR_pop_to_mark();
    if (!fresh) return nullptr;
    std::lock_guard lock(mu_);
    auto [it, inserted] = parsed_.emplace(digest, std::move(fresh));
    std::shared_ptr<const Parsed> result = it->second;
    if (inserted) {
      order_.push_back(std::move(digest));
      if (order_.size() > kMaxCachedFiles) {
        parsed_.erase(order_.front());
        order_.pop_front();
      }
    }
    return result;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Parsed>> parsed_;  // guarded by mu_
  std::deque<std::string> order_;                                          // oldest first
};

// Never destroyed: a server on another thread may still be starting while the process exits.
template <typename Parsed>
ParsedFiles<Parsed>& parsed_files() {
  static auto* files = new ParsedFiles<Parsed>;
  return *files;
}

// As SSL_CTX_use_certificate_chain_file reads it: the first certificate (with its trust
// settings), then certificates until the end of the file, which must be the only reason the
// reading stopped.
std::shared_ptr<const ParsedChain> parse_chain(const std::string& bytes) {
  TlsFileBio bio = memory_bio(bytes);
  if (!bio) return nullptr;
  auto parsed = std::make_shared<ParsedChain>();
  parsed->leaf.reset(PEM_read_bio_X509_AUX(bio.get(), nullptr, no_pass_phrase, nullptr));
  if (!parsed->leaf) return nullptr;
  while (X509* ca = PEM_read_bio_X509(bio.get(), nullptr, no_pass_phrase, nullptr)) {
    parsed->chain.emplace_back(ca);
  }
  const unsigned long err = ERR_peek_last_error();
  if (ERR_GET_LIB(err) != ERR_LIB_PEM || ERR_GET_REASON(err) != PEM_R_NO_START_LINE) {
    return nullptr;
  }
  return parsed;
}

// As SSL_CTX_use_PrivateKey_file reads a PEM file: its first private key.
std::shared_ptr<const ParsedKey> parse_key(const std::string& bytes) {
  TlsFileBio bio = memory_bio(bytes);
  if (!bio) return nullptr;
  auto parsed = std::make_shared<ParsedKey>();
  parsed->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_pass_phrase, nullptr));
  return parsed->key ? parsed : nullptr;
}

// As SSL_CTX_load_verify_locations reads a CA file (X509_load_cert_crl_file): every
// certificate and CRL; a file with neither is refused.
std::shared_ptr<const ParsedTrust> parse_trust(const std::string& bytes) {
  TlsFileBio bio = memory_bio(bytes);
  if (!bio) return nullptr;
  std::unique_ptr<STACK_OF(X509_INFO), decltype(&free_x509_info_stack)> infos(
      PEM_X509_INFO_read_bio(bio.get(), nullptr, nullptr, const_cast<char*>("")),
      &free_x509_info_stack);
  if (!infos) return nullptr;
  auto parsed = std::make_shared<ParsedTrust>();
  for (int i = 0; i < sk_X509_INFO_num(infos.get()); ++i) {
    X509_INFO* info = sk_X509_INFO_value(infos.get(), i);
    if (!info->x509 && !info->crl) continue;
    if (info->x509) X509_up_ref(info->x509);
    if (info->crl) X509_CRL_up_ref(info->crl);
    parsed->items.emplace_back(TlsFileCert(info->x509), TlsFileCrl(info->crl));
  }
  return parsed->items.empty() ? nullptr : parsed;
}

// As SSL_load_client_CA_file reads a file: the subject names of its certificates, each once,
// until the first block that is not one.
std::shared_ptr<const ParsedNames> parse_names(const std::string& bytes) {
  TlsFileBio bio = memory_bio(bytes);
  if (!bio) return nullptr;
  auto parsed = std::make_shared<ParsedNames>();
  while (X509* raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    TlsFileCert cert(raw);
    const X509_NAME* name = X509_get_subject_name(cert.get());
    if (!name) return nullptr;
    bool seen = false;
    for (const auto& n : parsed->names) seen = seen || X509_NAME_cmp(n.get(), name) == 0;
    if (seen) continue;
    TlsFileName copy(X509_NAME_dup(name));
    if (!copy) return nullptr;
    parsed->names.push_back(std::move(copy));
  }
  return parsed->names.empty() ? nullptr : parsed;
}

}  // namespace

bool use_certificate_chain_file(SSL_CTX& ctx, const std::string& path) {
  const FileBytes bytes(path);
  const auto parsed =
      bytes.get() ? parsed_files<ParsedChain>().get(*bytes.get(), parse_chain) : nullptr;
  if (!parsed) return SSL_CTX_use_certificate_chain_file(&ctx, path.c_str()) == 1;
  // What SSL_CTX_use_certificate_chain_file does with what it read.
  ERR_clear_error();
  if (SSL_CTX_use_certificate(&ctx, parsed->leaf.get()) != 1 || ERR_peek_error() != 0) {
    return false;
  }
  if (SSL_CTX_clear_chain_certs(&ctx) != 1) return false;
  for (const auto& ca : parsed->chain) {
    if (SSL_CTX_add1_chain_cert(&ctx, ca.get()) != 1) return false;
  }
  return true;
}

bool use_private_key_file(SSL_CTX& ctx, const std::string& path) {
  const FileBytes bytes(path);
  const auto parsed =
      bytes.get() ? parsed_files<ParsedKey>().get(*bytes.get(), parse_key) : nullptr;
  if (!parsed) return SSL_CTX_use_PrivateKey_file(&ctx, path.c_str(), SSL_FILETYPE_PEM) == 1;
  return SSL_CTX_use_PrivateKey(&ctx, parsed->key.get()) == 1;
}

bool load_verify_file(SSL_CTX& ctx, const std::string& path) {
  const FileBytes bytes(path);
  const auto parsed =
      bytes.get() ? parsed_files<ParsedTrust>().get(*bytes.get(), parse_trust) : nullptr;
  if (!parsed) return SSL_CTX_load_verify_locations(&ctx, path.c_str(), nullptr) == 1;
  X509_STORE* store = SSL_CTX_get_cert_store(&ctx);
  for (const auto& [cert, crl] : parsed->items) {
    if (cert && X509_STORE_add_cert(store, cert.get()) != 1) return false;
    if (crl && X509_STORE_add_crl(store, crl.get()) != 1) return false;
  }
  return true;
}

std::optional<std::string> file_digest(const std::string& path) {
  const FileBytes bytes(path);
  if (!bytes.get()) return std::nullopt;
  return sha256(*bytes.get());
}

STACK_OF(X509_NAME) * load_client_ca_file(const std::string& path) {
  const FileBytes bytes(path);
  const auto parsed =
      bytes.get() ? parsed_files<ParsedNames>().get(*bytes.get(), parse_names) : nullptr;
  if (!parsed) return SSL_load_client_CA_file(path.c_str());
  STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
  if (!names) return nullptr;
  for (const auto& n : parsed->names) {
    X509_NAME* copy = X509_NAME_dup(n.get());
    if (!copy || !sk_X509_NAME_push(names, copy)) {
      X509_NAME_free(copy);
      sk_X509_NAME_pop_free(names, X509_NAME_free);
      return nullptr;
    }
  }
  ERR_clear_error();  // as SSL_load_client_CA_file does when it found names
  return names;
}

}  // namespace oauthsim::common::detail
