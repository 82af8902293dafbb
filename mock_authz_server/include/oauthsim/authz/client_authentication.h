#pragma once
#include <optional>
#include <string>

#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

// The client certificate a TLS connection presented (RFC 8705), as the TLS layer read it.
struct PresentedCertificate {
  std::string subject_dn;       // RFC 4514
  std::string thumbprint_s256;  // x5t#S256
  bool chains_to_trusted_ca = false;
  bool within_validity = false;
};

// Credentials a request presented, before anyone checked them.
struct PresentedCredentials {
  std::string client_id;
  std::string client_secret;
  bool used_basic = false;  // client_secret_basic (else client_secret_post, or no secret at all)
  std::optional<PresentedCertificate> certificate;

  bool presented_secret() const { return used_basic || !client_secret.empty(); }
};

// Reads client credentials from an Authorization header (RFC 6749 2.3.1: Basic over the
// form-urlencoded id and secret), from client_id + client_secret form fields, or from client_id
// alone (RFC 8705 2: the certificate on the connection is the credential; without one,
// authenticate_client refuses it).
// Throws OAuthError: invalid_request when both secret methods are used at once or the header is
// malformed, invalid_client (401) when no client_id came at all.
PresentedCredentials extract_client_credentials(
    const common::Params& form, const std::optional<std::string>& authorization,
    const std::optional<PresentedCertificate>& certificate = std::nullopt);

// Checks presented credentials against the registry: unknown client, wrong secret, a
// certificate that is not the registered one (RFC 8705: subject DN from the trusted CA, or the
// self-signed thumbprint), or an authentication method the client did not register is
// invalid_client. Secrets are compared in constant time.
const common::ClientConfig& authenticate_client(const common::Config& config,
                                                const PresentedCredentials& credentials);

}  // namespace oauthsim::authz
