#pragma once
// The client half of TLS for SocketHttpTransport, on OpenSSL over an already connected,
// non-blocking socket.
#include <openssl/ssl.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "oauthsim/common/tls_options.h"

namespace oauthsim::common::detail {

// The SSL_CTX of a transport: the CA to trust, the client certificate, the versions allowed.
// Transports configured alike (same versions, same file contents) share one. Throws
// TransportError naming the file that could not be used.
class TlsClientContext {
 public:
  explicit TlsClientContext(const TlsClientOptions& options);
  SSL_CTX* get() const { return ctx_.get(); }

 private:
  struct Free {
    void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
  };
  std::unique_ptr<SSL_CTX, Free> ctx_;
};

// One TLS connection. Every call waits at most until `deadline` for the socket; failures call
// `fail` (which throws) with a message naming what went wrong, never the data.
class TlsStream {
 public:
  using Deadline = std::chrono::steady_clock::time_point;
  using Fail = std::function<void(const std::string&)>;  // must throw
  TlsStream(const TlsClientContext& context, int fd, const std::string& host, Fail fail);
  ~TlsStream();
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  // Handshake, with the peer's certificate checked against the CA and the host name or IP.
  void handshake(Deadline deadline);
  void write_all(std::string_view data, Deadline deadline);
  // Bytes read into buf, 0 at the end of the stream, nullopt when the deadline passed.
  std::optional<std::size_t> read_some(char* buf, std::size_t size, Deadline deadline);

 private:
  // Waits for what OpenSSL asked for; false on timeout.
  bool wait(int ssl_error, Deadline deadline) const;
  [[noreturn]] void fail_with(const std::string& doing, int ssl_error) const;

  SSL* ssl_;
  int fd_;
  Fail fail_;
};

}  // namespace oauthsim::common::detail
