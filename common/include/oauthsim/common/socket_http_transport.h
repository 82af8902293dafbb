#pragma once
#include <memory>
#include <optional>

#include "oauthsim/common/http_response_parser.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/tls_options.h"

namespace oauthsim::common {

// HTTP/1.1 client over POSIX sockets that returns response header values byte-exact (the
// cpp-httplib client percent-decodes them, which corrupts %26/%3D/%2B in redirect Locations).
// One connection per request (`Connection: close`) unless kept alive (below); never follows
// redirects. https:// needs
// `tls` (the CA to verify servers against, optionally a client certificate); without it an
// https URL is an error, never an unverified connection. timeout_seconds bounds connecting to
// each address, the TLS handshake, and each wait for the peer to accept or send bytes.
// Throws TransportError at construction when a TLS file cannot be used.
namespace detail {
class TlsClientContext;
class IdleConnections;
}  // namespace detail

// Whether a plain http connection outlives its exchange.
enum class ConnectionReuse {
  // `Connection: close`: every exchange has a connection of its own (a scenario's trace shows
  // each request as sent on its own).
  kClose,
  // HTTP/1.1 persistent connections, as a browser or an HTTP client library keeps them: after a
  // response framed by Content-Length or chunks that did not say `Connection: close`, the
  // connection waits, per origin, for the next request to it from any thread. A kept connection
  // the server closed in the meantime is replaced by a new one before any answer is read from
  // it. https always closes.
  kKeepAlive,
};

class SocketHttpTransport final : public HttpTransport {
 public:
  explicit SocketHttpTransport(int timeout_seconds = 10, HttpResponseLimits limits = {},
                               std::optional<TlsClientOptions> tls = std::nullopt,
                               ConnectionReuse reuse = ConnectionReuse::kClose);
  ~SocketHttpTransport() override;  // closes the kept connections
  SocketHttpTransport(const SocketHttpTransport&) = delete;
  SocketHttpTransport& operator=(const SocketHttpTransport&) = delete;
  HttpResponse send(const HttpRequest& request) override;

  // Connections kept for reuse right now (0 with ConnectionReuse::kClose).
  std::size_t idle_connections() const;
  // Closes the kept connections (a server waiting on one sees it end at once).
  void close_idle_connections();

 private:
  int timeout_seconds_;
  HttpResponseLimits limits_;
  std::shared_ptr<const detail::TlsClientContext> tls_;
  std::unique_ptr<detail::IdleConnections> idle_;  // null with ConnectionReuse::kClose
};

}  // namespace oauthsim::common
