#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "oauthsim/common/config.h"
#include "oauthsim/common/tls_options.h"
#include "oauthsim/scenario/world/test_pki.h"

namespace oauthsim::scenario {

// Which certificate the reference app presents on its TLS connections (RFC 8705 scenarios).
enum class AppCertificate {
  kRegistered,  // the one its registration names (none for a secret client)
  kOther,       // same CA, another client's subject
  kExpired,     // the registered subject, validity over
  kForeign,     // the registered subject, another CA
  kNone,
};
// "registered", "other", "expired", "foreign", "none": the scenario files' words.
std::optional<AppCertificate> parse_app_certificate(std::string_view word);

// A world whose parties all speak HTTPS with certificates from the test PKI.
struct WorldTls {
  // Registers the client for this RFC 8705 method ("tls_client_auth" or
  // "self_signed_tls_client_auth") with the test PKI's subject DN or thumbprint; empty: the
  // registration keeps its own method.
  std::string client_authentication;
  AppCertificate certificate = AppCertificate::kRegistered;
  bool bound_access_tokens = false;  // RFC 8705 3
  common::TlsVersions versions = common::TlsVersions::kTls12And13;
};

struct WorldTlsSetup {
  common::TlsServerOptions server;  // every party's server, client certificates requested
  common::TlsClientOptions verify;  // callers without a certificate (user agent, harness)
  common::TlsClientOptions app;     // the reference app's back channel, with its certificate
  const TestClientCertificate* app_certificate = nullptr;  // null: none presented
};

// Patches `registration` as `tls` says and returns the options for the parties. Throws
// std::invalid_argument naming an unknown client_authentication.
WorldTlsSetup world_tls_setup(const WorldTls& tls, common::ClientConfig& registration);

// The test PKI certificate `choice` means for a client registered like `registration`.
const TestClientCertificate* app_certificate(AppCertificate choice,
                                             const common::ClientConfig& registration);

}  // namespace oauthsim::scenario
