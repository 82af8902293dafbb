// The https server of HttpServer: its own SSL_CTX and handshake (under a deadline, so a client
// that connects and says nothing cannot hold a worker), then the guarded request loop over TLS
// records. cpp-httplib's SSLServer reads with no byte limits and no head deadline.
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <utility>

#include "guarded_connection.h"
#include "guarded_server.h"
#include "openssl_errors.h"
#include "tls_server.h"

namespace oauthsim::common::detail {
namespace {

using SteadyClock = std::chrono::steady_clock;

// What the ClientHello callback learnt about one connection's handshake.
struct HandshakeState {
  bool hello_seen = false;
  int offered_version = 0;
  std::string injected;    // a fault refused the handshake: its description
  bool announced = false;  // handshake_failing was called: handshake_failed must follow
};

bool is_grease(int version) {
  return (version & 0x0f0f) == 0x0a0a;  // RFC 8701 values, 0x0a0a, 0x1a1a, ...
}

// The highest version the ClientHello offers: its supported_versions list (TLS 1.3 clients), or
// else its legacy_version field (a TLS 1.0-1.2 client puts its highest there).
int highest_offered_version(SSL* ssl) {
  const unsigned char* ext = nullptr;
  std::size_t len = 0;
  int best = 0;
  if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_supported_versions, &ext, &len) == 1 && len > 0) {
    const std::size_t end = std::min<std::size_t>(len, 1 + ext[0]);
    for (std::size_t i = 1; i + 1 < end; i += 2) {
      const int v = (ext[i] << 8) | ext[i + 1];
      if (!is_grease(v) && v <= TLS1_3_VERSION) best = std::max(best, v);
    }
  }
  return best != 0 ? best : static_cast<int>(SSL_client_hello_get0_legacy_version(ssl));
}

// TLS records over the (non-blocking) socket.
class TlsTransport final : public ConnectionTransport {
 public:
  TlsTransport(SSL* ssl, socket_t sock) : ssl_(ssl), sock_(sock) {}
  socket_t fd() const override { return sock_; }
  bool has_buffered_input() const override { return SSL_pending(ssl_) > 0; }
  Io read_some(char* buf, std::size_t size) override {
    ERR_clear_error();
    const int n = SSL_read(ssl_, buf, clamp(size));
    return n > 0 ? Io{n, 0} : failed(n);
  }
  Io write_some(const char* buf, std::size_t size) override {
    if (size == 0) return {0, 0};
    ERR_clear_error();
    const int n = SSL_write(ssl_, buf, clamp(size));
    return n > 0 ? Io{n, 0} : failed(n);
  }
  // After a fatal TLS error no close_notify may be sent.
  bool broken() const { return broken_; }

 private:
  static int clamp(std::size_t size) {
    return static_cast<int>(std::min<std::size_t>(size, INT_MAX));
  }
  Io failed(int r) {
    switch (SSL_get_error(ssl_, r)) {
      case SSL_ERROR_WANT_READ:
        return {-1, POLLIN};
      case SSL_ERROR_WANT_WRITE:
        return {-1, POLLOUT};
      case SSL_ERROR_ZERO_RETURN:
        return {0, 0};  // the client's close_notify
      default:
        broken_ = true;
        ERR_clear_error();
        return {-1, 0};
    }
  }

  SSL* ssl_;
  socket_t sock_;
  bool broken_ = false;
};

// OpenSSL writes with write(2): a client gone mid-answer would raise SIGPIPE and end the
// process. Blocked on the worker thread, the write fails with EPIPE instead (the signal stays
// pending on a thread that never unblocks it).
void block_sigpipe_on_this_thread() {
  thread_local bool blocked = false;
  if (blocked) return;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  blocked = true;
}

class GuardedTlsServer final : public GuardedServerBase {
 public:
  GuardedTlsServer(SSL_CTX* ctx, const ReadLimits& limits, TlsHandshakeHooks hooks)
      : GuardedServerBase(limits), ctx_(ctx), hooks_(std::move(hooks)) {
    SSL_CTX_set_client_hello_cb(ctx_, on_client_hello, this);
  }
  ~GuardedTlsServer() override { SSL_CTX_free(ctx_); }
  GuardedTlsServer(const GuardedTlsServer&) = delete;
  GuardedTlsServer& operator=(const GuardedTlsServer&) = delete;

 private:
  // Runs before OpenSSL picks a version, so a client offering only TLS 1.1 is seen here too.
  static int on_client_hello(SSL* ssl, int* alert, void* arg) {
    auto* self = static_cast<GuardedTlsServer*>(arg);
    auto* state = static_cast<HandshakeState*>(SSL_get_app_data(ssl));
    state->hello_seen = true;
    state->offered_version = highest_offered_version(ssl);
    if (self->hooks_.refuse_handshake) {
      if (auto why = self->hooks_.refuse_handshake()) state->injected = std::move(*why);
    }
    // OpenSSL refuses a version below the minimum (TLS 1.2) right after this callback.
    if ((!state->injected.empty() || state->offered_version < TLS1_2_VERSION) &&
        self->hooks_.handshake_failing) {
      state->announced = true;
      self->hooks_.handshake_failing();
    }
    if (state->injected.empty()) return SSL_CLIENT_HELLO_SUCCESS;
    *alert = SSL_AD_PROTOCOL_VERSION;  // what SR sends a client offering TLS 1.0 or 1.1
    return SSL_CLIENT_HELLO_ERROR;
  }

  bool process_and_close_socket(socket_t sock) override {
    block_sigpipe_on_this_thread();
    ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
    bool ret = false;
    if (SSL* ssl = SSL_new(ctx_)) {
      HandshakeState state;
      SSL_set_app_data(ssl, &state);
      SSL_set_fd(ssl, sock);
      if (accept_handshake(ssl, sock, state)) {
        TlsTransport transport(ssl, sock);
        ret = serve_connection(transport, [ssl](httplib::Request& req) { req.ssl = ssl; });
        if (!transport.broken()) SSL_shutdown(ssl);  // close_notify, not waiting for the reply
      }
      SSL_free(ssl);
    }
    ERR_clear_error();
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ret;
  }

  // SSL_accept until the handshake ends, the deadline passes or the server stops.
  bool accept_handshake(SSL* ssl, socket_t sock, const HandshakeState& state) {
    const auto until = SteadyClock::now() + limits().handshake_deadline;
    const auto running = [this] { return this->running(); };
    for (;;) {
      ERR_clear_error();
      const int r = SSL_accept(ssl);
      if (r == 1) return true;
      const int err = SSL_get_error(ssl, r);
      const short want = err == SSL_ERROR_WANT_READ    ? POLLIN
                         : err == SSL_ERROR_WANT_WRITE ? POLLOUT
                                                       : 0;
      if (want != 0 && wait_sliced(sock, want, until, running) > 0) continue;
      const std::string why =
          want != 0
              ? "not finished within " + std::to_string(limits().handshake_deadline.count()) + " ms"
              : openssl_reasons();
      // An announced failure is always recorded: its trace position is already taken.
      if (state.hello_seen && (this->running() || state.announced) && hooks_.handshake_failed) {
        hooks_.handshake_failed(failure(state, why));
      }
      return false;
    }
  }

  static TlsHandshakeFailure failure(const HandshakeState& state, const std::string& why) {
    TlsHandshakeFailure f;
    f.offered_version = state.offered_version;
    f.injected = state.injected;
    if (!state.injected.empty()) {
      f.reason =
          "TLS handshake refused with a protocol_version alert: fault injected: " + state.injected;
    } else if (state.offered_version != 0 && state.offered_version < TLS1_2_VERSION) {
      f.reason = "TLS handshake refused: the client offered " +
                 tls_version_name(state.offered_version) + "; SR requires TLS 1.2 or later";
    } else {
      f.reason = "TLS handshake failed (the client offered " +
                 tls_version_name(state.offered_version) +
                 "): " + (why.empty() ? "the connection closed" : why);
    }
    return f;
  }

  SSL_CTX* ctx_;
  TlsHandshakeHooks hooks_;
};

}  // namespace

std::unique_ptr<httplib::Server> make_guarded_tls_server(const TlsServerOptions& options,
                                                         const ReadLimits& limits,
                                                         TlsHandshakeHooks hooks) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) {
    throw std::runtime_error("TLS server setup: cannot create the TLS context: " +
                             openssl_reasons());
  }
  // Each SSL is read and written by one worker; partial writes are retried with the same
  // bytes, and a session is never resumed by a ticket the client was not meant to keep.
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  std::string failure;
  if (!configure_server_tls_context(*ctx, options, failure)) {
    SSL_CTX_free(ctx);
    throw std::runtime_error("TLS server setup: " + failure);
  }
  return std::make_unique<GuardedTlsServer>(ctx, limits, std::move(hooks));
}

}  // namespace oauthsim::common::detail
