#pragma once
#include <string>
#include <string_view>

#include "oauthsim/client/client_error.h"
#include "oauthsim/client/client_settings.h"
#include "oauthsim/client/token_set.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/random.h"

namespace oauthsim::client {

// The authorization-code flow as a vendor's backend runs it. Holds no per-user state, so
// one instance serves every session; all network traffic goes through the transport.
// Failures throw ClientError.
class OAuthClient {
 public:
  OAuthClient(ClientSettings settings, common::HttpTransport& transport, const common::Clock& clock,
              common::Random& random);

  // A fresh state (256 bits) and, when enabled, a PKCE S256 verifier, plus the URL to send
  // the user agent to.
  PendingAuthorization begin_authorization();

  // Checks the redirect back from the authorization server; returns the code.
  std::string handle_callback(const common::Params& callback_query,
                              const PendingAuthorization& pending) const;

  // Redeems the code at the token endpoint (sends redirect_uri, and code_verifier with PKCE).
  TokenSet exchange_code(const std::string& code, const PendingAuthorization& pending);

  // Uses the refresh token; keeps the rotated refresh token from the answer (SR rotates).
  TokenSet refresh(const TokenSet& current);

  // RFC 7009: asks the revocation endpoint to revoke `token`, authenticating as for the token
  // endpoint. token_type_hint is "access_token" or "refresh_token" (std::invalid_argument
  // otherwise, or for an empty token). Throws ClientError: kMissingEndpoint when the settings
  // have no revocation_endpoint, kRevocationRefused on any answer but 200.
  void revoke(const std::string& token, std::string_view token_type_hint);

  struct ApiResponse {
    int status = 0;
    std::string body;
    common::Params headers;
  };
  // Calls the Customer API with the bearer token (header only, never the URL). Refreshes
  // first when the clock says the token expired; otherwise on a 401 refreshes once and
  // retries once. `tokens` is updated in place whenever a refresh happened.
  ApiResponse call_api(const std::string& method, const std::string& path, TokenSet& tokens,
                       const std::string& json_body = "");

  const ClientSettings& settings() const { return settings_; }

 private:
  TokenSet request_tokens(common::Params form, ClientError::Kind refusal_kind,
                          const std::string& what, const std::string& requested_scope);
  // A form POST carrying the client authentication the settings choose (RFC 6749 2.3.1).
  common::HttpRequest authenticated_post(const std::string& url, common::Params form) const;
  common::HttpResponse send(const common::HttpRequest& request, const std::string& what);
  common::HttpResponse send_api(const std::string& method, const std::string& url,
                                const TokenSet& tokens, const std::string& json_body);

  ClientSettings settings_;
  common::HttpTransport& transport_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace oauthsim::client
