#pragma once
// The server half of TLS for HttpServer: the SSL_CTX set up from TlsServerOptions.
#include <openssl/ssl.h>

#include <string>

#include "oauthsim/common/tls_options.h"

namespace oauthsim::common::detail {

// TLS 1.2 at least (1.2 only when pinned), the certificate chain and key, and with a client CA
// a request for client certificates that lets any one through (the handler judges it). False
// with `failure` naming the file OpenSSL could not use.
bool configure_server_tls_context(SSL_CTX& ctx, const TlsServerOptions& options,
                                  std::string& failure);

// The name of a protocol version as SR's documentation writes it: "TLS 1.1"; "SSL 3.0".
std::string tls_version_name(int version);

}  // namespace oauthsim::common::detail
