#pragma once
// The server half of TLS for HttpServer: an httplib::SSLServer set up from TlsServerOptions.
#include <httplib.h>

#include <memory>

#include "oauthsim/common/tls_options.h"

namespace oauthsim::common::detail {

// Throws std::runtime_error naming the file OpenSSL could not use.
std::unique_ptr<httplib::Server> make_tls_server(const TlsServerOptions& options);

}  // namespace oauthsim::common::detail
