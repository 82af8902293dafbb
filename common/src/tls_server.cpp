#include "tls_server.h"

#include "openssl_errors.h"
#include "tls_files.h"

namespace oauthsim::common::detail {
namespace {

// Every client certificate gets through the handshake; SSL_get_verify_result still says
// whether it chained to the client CA, and the request's handler decides.
int accept_any_client_certificate(int, X509_STORE_CTX*) {
  return 1;
}

}  // namespace

bool configure_server_tls_context(SSL_CTX& ctx, const TlsServerOptions& options,
                                  std::string& failure) {
  auto fail = [&failure](const std::string& what) {
    failure = what + ": " + openssl_reasons();
    return false;
  };
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(
      &ctx, options.versions == TlsVersions::kTls12Only ? TLS1_2_VERSION : TLS1_3_VERSION);
  // The files' parses are shared by every context of the process (tls_files.h).
  if (!use_certificate_chain_file(ctx, options.certificate_file)) {
    return fail("cannot load the server certificate " + options.certificate_file);
  }
  if (!use_private_key_file(ctx, options.private_key_file)) {
    return fail("cannot load the server key " + options.private_key_file);
  }
  if (SSL_CTX_check_private_key(&ctx) != 1) {
    return fail("the server key " + options.private_key_file + " does not match " +
                options.certificate_file);
  }
  if (!options.client_ca_file.empty()) {
    if (!load_verify_file(ctx, options.client_ca_file)) {
      return fail("cannot load the client CA file " + options.client_ca_file);
    }
    if (STACK_OF(X509_NAME)* names = load_client_ca_file(options.client_ca_file)) {
      SSL_CTX_set_client_CA_list(&ctx, names);
    }
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, accept_any_client_certificate);
  }
  return true;
}

std::string tls_version_name(int version) {
  switch (version) {
    case SSL3_VERSION:
      return "SSL 3.0";
    case TLS1_VERSION:
      return "TLS 1.0";
    case TLS1_1_VERSION:
      return "TLS 1.1";
    case TLS1_2_VERSION:
      return "TLS 1.2";
    case TLS1_3_VERSION:
      return "TLS 1.3";
    default:
      return "an unknown TLS version";
  }
}

}  // namespace oauthsim::common::detail
