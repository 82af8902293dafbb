#pragma once
#include "oauthsim/common/http_response_parser.h"
#include "oauthsim/common/http_transport.h"

namespace oauthsim::common {

// HTTP/1.1 client over POSIX sockets that returns response header values byte-exact (the
// cpp-httplib client percent-decodes them, which corrupts %26/%3D/%2B in redirect Locations).
// One connection per request (`Connection: close`); http:// only; never follows redirects.
// timeout_seconds bounds connecting to each address and each wait for the peer to accept or
// send bytes.
class SocketHttpTransport final : public HttpTransport {
 public:
  explicit SocketHttpTransport(int timeout_seconds = 10, HttpResponseLimits limits = {})
      : timeout_seconds_(timeout_seconds), limits_(limits) {}
  HttpResponse send(const HttpRequest& request) override;

 private:
  int timeout_seconds_;
  HttpResponseLimits limits_;
};

}  // namespace oauthsim::common
