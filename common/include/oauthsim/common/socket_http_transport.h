#pragma once
#include <memory>
#include <optional>

#include "oauthsim/common/http_response_parser.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/tls_options.h"

namespace oauthsim::common {

// HTTP/1.1 client over POSIX sockets that returns response header values byte-exact (the
// cpp-httplib client percent-decodes them, which corrupts %26/%3D/%2B in redirect Locations).
// One connection per request (`Connection: close`); never follows redirects. https:// needs
// `tls` (the CA to verify servers against, optionally a client certificate); without it an
// https URL is an error, never an unverified connection. timeout_seconds bounds connecting to
// each address, the TLS handshake, and each wait for the peer to accept or send bytes.
// Throws TransportError at construction when a TLS file cannot be used.
namespace detail {
class TlsClientContext;
}
class SocketHttpTransport final : public HttpTransport {
 public:
  explicit SocketHttpTransport(int timeout_seconds = 10, HttpResponseLimits limits = {},
                               std::optional<TlsClientOptions> tls = std::nullopt);
  HttpResponse send(const HttpRequest& request) override;

 private:
  int timeout_seconds_;
  HttpResponseLimits limits_;
  std::shared_ptr<const detail::TlsClientContext> tls_;
};

}  // namespace oauthsim::common
