#include "tls_client.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>

#include "oauthsim/common/http_transport.h"
#include "openssl_errors.h"
#include "socket_wait.h"
#include "tls_files.h"

namespace oauthsim::common::detail {
namespace {

bool is_ip_literal(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// What configures a client context: the versions and the bytes of its files. Empty when a file
// cannot be read here: that context is built afresh (and fails as it always did).
std::string client_context_key(const TlsClientOptions& options) {
  std::string key(1, options.versions == TlsVersions::kTls12Only ? '2' : '3');
  for (const std::string* path :
       {&options.ca_file, &options.certificate_file, &options.private_key_file}) {
    if (path->empty()) {
      key += '-';
      continue;
    }
    const auto digest = file_digest(*path);
    if (!digest) return "";
    key += '+' + *digest;
  }
  return key;
}

// Configured client contexts by client_context_key, shared by every transport of the process:
// each TLS world's two transports used to build the same two (SSL_CTX_new alone is a million
// instructions). Sharing one is safe: a client context keeps no sessions (OpenSSL caches client
// sessions only with SSL_SESS_CACHE_CLIENT, and TlsStream never resumes one), nothing changes it
// once configured, and OpenSSL lets any number of threads make SSL objects from one context.
class SharedClientContexts {
 public:
  // A reference the caller owns, or null.
  SSL_CTX* find(const std::string& key) {
    std::lock_guard lock(mu_);
    const auto it = contexts_.find(key);
    if (it == contexts_.end() || SSL_CTX_up_ref(it->second) != 1) return nullptr;
    return it->second;
  }
  void keep(const std::string& key, SSL_CTX* ctx) {
    std::lock_guard lock(mu_);
    if (contexts_.count(key) != 0 || SSL_CTX_up_ref(ctx) != 1) return;
    contexts_.emplace(key, ctx);
    order_.push_back(key);
    if (order_.size() > kMaxContexts) {
      SSL_CTX_free(contexts_.at(order_.front()));
      contexts_.erase(order_.front());
      order_.pop_front();
    }
  }

 private:
  static constexpr std::size_t kMaxContexts = 32;
  std::mutex mu_;
  std::map<std::string, SSL_CTX*> contexts_;  // guarded by mu_; one reference each
  std::deque<std::string> order_;             // oldest first
};

// Never destroyed: a transport on another thread may still be made while the process exits.
SharedClientContexts& shared_client_contexts() {
  static auto* contexts = new SharedClientContexts;
  return *contexts;
}

}  // namespace

TlsClientContext::TlsClientContext(const TlsClientOptions& options) {
  const std::string key = client_context_key(options);
  if (!key.empty()) {
    if (SSL_CTX* shared = shared_client_contexts().find(key)) {
      ctx_.reset(shared);
      return;
    }
  }
  ctx_.reset(SSL_CTX_new(TLS_client_method()));
  auto fail = [](const std::string& what) {
    throw TransportError("TLS client setup: " + what + ": " + openssl_reasons());
  };
  if (!ctx_) fail("cannot create an SSL context");
  SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(
      ctx_.get(), options.versions == TlsVersions::kTls12Only ? TLS1_2_VERSION : TLS1_3_VERSION);
  if (options.ca_file.empty()) {
    throw TransportError("TLS client setup: no CA file to verify servers against");
  }
  // The files' parses are shared by every context of the process (tls_files.h).
  if (!load_verify_file(*ctx_, options.ca_file)) {
    fail("cannot load the CA file " + options.ca_file);
  }
  SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
  if (!options.certificate_file.empty()) {
    if (!use_certificate_chain_file(*ctx_, options.certificate_file)) {
      fail("cannot load the client certificate " + options.certificate_file);
    }
    if (!use_private_key_file(*ctx_, options.private_key_file)) {
      fail("cannot load the client key " + options.private_key_file);
    }
    if (SSL_CTX_check_private_key(ctx_.get()) != 1) {
      fail("the client key " + options.private_key_file + " does not match " +
           options.certificate_file);
    }
  }
  // Kept only when no file changed while it was built from them.
  if (!key.empty() && client_context_key(options) == key) {
    shared_client_contexts().keep(key, ctx_.get());
  }
}

TlsStream::TlsStream(const TlsClientContext& context, int fd, const std::string& host, Fail fail)
    : ssl_(SSL_new(context.get())), fd_(fd), fail_(std::move(fail)) {
  if (!ssl_ || SSL_set_fd(ssl_, fd) != 1) fail_with("setting up TLS", SSL_ERROR_SSL);
  if (is_ip_literal(host)) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl_, host.c_str());  // SNI: only for names (RFC 6066 3)
    SSL_set1_host(ssl_, host.c_str());
  }
}

TlsStream::~TlsStream() {
  SSL_free(ssl_);
}

bool TlsStream::wait(int ssl_error, Deadline deadline) const {
  return wait_for(fd_, ssl_error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN, deadline);
}

void TlsStream::fail_with(const std::string& doing, int ssl_error) const {
  std::string why;
  if (ssl_ && SSL_get_verify_result(ssl_) != X509_V_OK) {
    why = std::string("the server's certificate was refused: ") +
          X509_verify_cert_error_string(SSL_get_verify_result(ssl_));
  } else if (ssl_error == SSL_ERROR_SYSCALL) {
    why = errno != 0 ? std::strerror(errno) : "the peer closed the connection";
  } else if (ssl_error == SSL_ERROR_ZERO_RETURN) {
    why = "the peer closed the TLS session";
  }
  const std::string reasons = openssl_reasons();
  if (!reasons.empty()) why += (why.empty() ? "" : " (") + reasons + (why.empty() ? "" : ")");
  fail_("TLS " + doing + (why.empty() ? "" : ": " + why));
  std::abort();  // fail_ throws; this keeps [[noreturn]] honest
}

void TlsStream::handshake(Deadline deadline) {
  for (;;) {
    ERR_clear_error();
    const int rc = SSL_connect(ssl_);
    if (rc == 1) return;
    const int error = SSL_get_error(ssl_, rc);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
      fail_with("handshake failed", error);
    }
    if (!wait(error, deadline)) fail_("TLS handshake timed out");
  }
}

void TlsStream::write_all(std::string_view data, Deadline deadline) {
  while (!data.empty()) {
    ERR_clear_error();
    std::size_t written = 0;
    const int rc = SSL_write_ex(ssl_, data.data(), data.size(), &written);
    if (rc == 1) {
      data.remove_prefix(written);
      continue;
    }
    const int error = SSL_get_error(ssl_, rc);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
      fail_with("sending the request failed", error);
    }
    if (!wait(error, deadline)) fail_("timed out sending the request over TLS");
  }
}

std::optional<std::size_t> TlsStream::read_some(char* buf, std::size_t size, Deadline deadline) {
  for (;;) {
    ERR_clear_error();
    std::size_t got = 0;
    const int rc = SSL_read_ex(ssl_, buf, size, &got);
    if (rc == 1) return got;
    const int error = SSL_get_error(ssl_, rc);
    if (error == SSL_ERROR_ZERO_RETURN) return 0;
    // A peer that closes without close_notify ends the stream too; the HTTP framing (length or
    // chunks) still tells a complete answer from a cut one.
    if (error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) return 0;
    if (error == SSL_ERROR_SSL &&
        ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
      ERR_clear_error();
      return 0;
    }
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
      fail_with("reading the response failed", error);
    }
    if (!wait(error, deadline)) return std::nullopt;
  }
}

}  // namespace oauthsim::common::detail
