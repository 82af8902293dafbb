#include "oauthsim/scenario/world/world_tls.h"

#include <stdexcept>

namespace oauthsim::scenario {

std::optional<AppCertificate> parse_app_certificate(std::string_view word) {
  if (word == "registered") return AppCertificate::kRegistered;
  if (word == "other") return AppCertificate::kOther;
  if (word == "expired") return AppCertificate::kExpired;
  if (word == "foreign") return AppCertificate::kForeign;
  if (word == "none") return AppCertificate::kNone;
  return std::nullopt;
}

const TestClientCertificate* app_certificate(AppCertificate choice,
                                             const common::ClientConfig& registration) {
  const TestPki& pki = test_pki();
  switch (choice) {
    case AppCertificate::kRegistered:
      if (registration.token_endpoint_auth_method == "self_signed_tls_client_auth") {
        return &pki.self_signed;
      }
      // A secret client presents none: its certificate would prove nothing it is registered for.
      return registration.uses_client_certificate() ? &pki.client : nullptr;
    case AppCertificate::kOther:
      return &pki.other;
    case AppCertificate::kExpired:
      return &pki.expired;
    case AppCertificate::kForeign:
      return &pki.foreign;
    case AppCertificate::kNone:
      return nullptr;
  }
  return nullptr;
}

WorldTlsSetup world_tls_setup(const WorldTls& tls, common::ClientConfig& registration) {
  const TestPki& pki = test_pki();
  if (tls.client_authentication == "tls_client_auth") {
    registration.token_endpoint_auth_method = tls.client_authentication;
    registration.tls_client_auth_subject_dn = pki.client.subject_dn;
  } else if (tls.client_authentication == "self_signed_tls_client_auth") {
    registration.token_endpoint_auth_method = tls.client_authentication;
    registration.tls_client_certificate_s256 = pki.self_signed.thumbprint_s256;
  } else if (!tls.client_authentication.empty()) {
    throw std::invalid_argument("unknown client_authentication '" + tls.client_authentication +
                                "': expected tls_client_auth or self_signed_tls_client_auth");
  }
  registration.tls_client_certificate_bound_access_tokens = tls.bound_access_tokens;

  WorldTlsSetup setup;
  setup.server = {pki.folder.server, pki.folder.server_key, pki.folder.ca, tls.versions};
  setup.verify.ca_file = pki.folder.ca;
  setup.verify.versions = tls.versions;
  setup.app = setup.verify;
  setup.app_certificate = app_certificate(tls.certificate, registration);
  if (setup.app_certificate) {
    setup.app.certificate_file = setup.app_certificate->certificate_file;
    setup.app.private_key_file = setup.app_certificate->private_key_file;
  }
  return setup;
}

}  // namespace oauthsim::scenario
