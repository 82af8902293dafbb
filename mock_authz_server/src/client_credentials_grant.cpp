#include "oauthsim/authz/grant_handlers.h"
#include "oauthsim/authz/scopes.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::authz {

using common::OAuthError;

IssuedTokens ClientCredentialsGrant::handle(const common::ClientConfig& client,
                                            const common::Params& form, const std::string& bind_to,
                                            std::string& note) {
  const auto scopes = resolve_scopes(form.get("scope"), client.scopes, client.default_scopes);
  if (!scopes.ok()) {
    note = "client_credentials refused: " + scopes.error;
    throw OAuthError::invalid_scope(scopes.error);
  }
  Grant grant{ctx_.random.token(16), client.client_id, "", scopes.scopes, ctx_.clock.now_ms()};
  ctx_.tokens.add_grant(grant);
  note = "client_credentials token issued";
  // RFC 6749 4.4.3: no refresh token; the client can simply ask again.
  return ctx_.issuer.issue(grant, grant.scopes, false, bind_to);
}

}  // namespace oauthsim::authz
