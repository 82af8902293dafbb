#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/authz/client_authentication.h"
#include "oauthsim/authz/grant_handlers.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

// POST /identity/oauth/token without the HTTP: authenticates the client, refuses repeated
// parameters, and dispatches on grant_type to one handler each. Throws common::OAuthError.
class TokenEndpoint {
 public:
  TokenEndpoint(const common::Config& config, GrantHandlers handlers)
      : config_(config), handlers_(std::move(handlers)) {}

  // Returns the RFC 6749 5.1 success body. `note` gets what the grant handler concluded
  // (for the trace), also when it throws. `certificate` is the client certificate of the TLS
  // connection (RFC 8705): a credential for certificate-registered clients, and what access
  // tokens are bound to for clients registered with bound tokens.
  nlohmann::json handle(const common::Params& form, const std::optional<std::string>& authorization,
                        std::string& note,
                        const std::optional<PresentedCertificate>& certificate = std::nullopt);

 private:
  const common::Config& config_;
  GrantHandlers handlers_;
};

// Grant types a client may use: its registration, or all three when it lists none.
bool client_allows_grant(const common::ClientConfig& client, std::string_view grant_type);
// RFC 8705 3: the x5t#S256 a client's new access tokens are bound to; empty when its
// registration does not ask for bound tokens. Throws OAuthError(invalid_request) when it does
// but no certificate came with the request.
std::string access_token_binding(const common::ClientConfig& client,
                                 const std::optional<PresentedCertificate>& certificate);
// RFC 6749 3.1: request and response parameters must not be included more than once.
// Throws OAuthError(invalid_request) naming the parameter.
void reject_repeated_params(const common::Params& params);

}  // namespace oauthsim::authz
