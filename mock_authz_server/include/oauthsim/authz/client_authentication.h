#pragma once
#include <optional>
#include <string>

#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

// Credentials a request presented, before anyone checked them.
struct PresentedCredentials {
  std::string client_id;
  std::string client_secret;
  bool used_basic = false;  // client_secret_basic (else client_secret_post)
};

// Reads client credentials from an Authorization header (RFC 6749 2.3.1: Basic over the
// form-urlencoded id and secret) or from client_id + client_secret form fields.
// Throws OAuthError: invalid_request when both methods are used at once or the header is
// malformed, invalid_client (401) when no credentials came at all.
PresentedCredentials extract_client_credentials(const common::Params& form,
                                                const std::optional<std::string>& authorization);

// Checks presented credentials against the registry: unknown client, wrong secret or an
// authentication method the client did not register is invalid_client (401).
// Secrets are compared in constant time.
const common::ClientConfig& authenticate_client(const common::Config& config,
                                                const PresentedCredentials& credentials);

}  // namespace oauthsim::authz
