#pragma once
// Bytes over TLS on loopback, for requests no HTTPS client library would send (oversized,
// trickled, chunked past the limit), and for handshakes capped at an old TLS version. The
// socket blocks with a receive timeout, so a server that never answers ends a read, not a test.
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <string_view>

namespace oauthsim::test_support {

class RawTlsConnection {
 public:
  // Connects and handshakes, verifying the server against `ca_file`; `max_version` (e.g.
  // TLS1_1_VERSION) caps what the ClientHello offers, 0: OpenSSL's default.
  RawTlsConnection(int port, const std::string& ca_file, int max_version = 0,
                   std::chrono::milliseconds wait = std::chrono::seconds(20)) {
    ::signal(SIGPIPE, SIG_IGN);  // a server that refuses mid-request closes under our writes
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{static_cast<time_t>(wait.count() / 1000),
               static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    ctx_ = SSL_CTX_new(TLS_client_method());
    SSL_CTX_load_verify_locations(ctx_, ca_file.c_str(), nullptr);
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
    if (max_version != 0) {
      SSL_CTX_set_min_proto_version(ctx_, 0);
      SSL_CTX_set_max_proto_version(ctx_, max_version);
      // OpenSSL 3 allows TLS 1.0 and 1.1 only at security level 0 (their SHA-1 signatures).
      SSL_CTX_set_cipher_list(ctx_, "DEFAULT:@SECLEVEL=0");
    }
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd_);
    SSL_set_tlsext_host_name(ssl_, "localhost");
    ERR_clear_error();
    handshaken_ = SSL_connect(ssl_) == 1;
    if (!handshaken_) {
      char buf[256];
      ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
      error_ = buf;
      ERR_clear_error();
    }
  }
  ~RawTlsConnection() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (ctx_ != nullptr) SSL_CTX_free(ctx_);
    if (fd_ >= 0) ::close(fd_);
  }
  RawTlsConnection(const RawTlsConnection&) = delete;
  RawTlsConnection& operator=(const RawTlsConnection&) = delete;

  bool handshaken() const { return handshaken_; }
  // OpenSSL's reason for a failed handshake, e.g. "...:tlsv1 alert protocol version".
  const std::string& handshake_error() const { return error_; }
  std::string version() const { return ssl_ != nullptr ? SSL_get_version(ssl_) : ""; }

  // Sends what the server accepts; false once it stops accepting.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const int n = SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()));
      if (n <= 0) {
        ERR_clear_error();
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Everything until the server closes the connection or the receive timeout passes.
  std::string read_to_close() {
    std::string out;
    char buf[16384];
    for (;;) {
      const int n = SSL_read(ssl_, buf, sizeof buf);
      if (n <= 0) {
        const int err = SSL_get_error(ssl_, n);
        // The receive timeout passed with the connection still open.
        closed_ = !(err == SSL_ERROR_WANT_READ ||
                    (err == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK)));
        ERR_clear_error();
        return out;
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
  }
  bool closed_by_server() const { return closed_; }

 private:
  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  bool handshaken_ = false;
  bool closed_ = false;
  std::string error_;
};

}  // namespace oauthsim::test_support
