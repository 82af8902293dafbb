#include "oauthsim/authz/store_token_verifier.h"

#include "oauthsim/authz/scopes.h"

namespace oauthsim::authz {

common::TokenInfo StoreTokenVerifier::verify(std::string_view access_token) {
  common::TokenInfo info;  // inactive
  const auto found = tokens_.find_access_token(std::string(access_token));
  if (!found || found->revoked) return info;
  const AccessTokenRecord& r = found->record;
  if (clock_.now_ms() >= r.expires_ms) return info;
  if (!r.username.empty() && !users_.exists(r.username)) return info;
  info.active = true;
  info.client_id = r.client_id;
  info.username = r.username;
  info.scope = join_scopes(r.scopes);
  info.exp = r.expires_ms / 1000;
  info.iat = r.issued_ms / 1000;
  info.grant_id = r.grant_id;
  info.certificate_thumbprint = r.certificate_thumbprint;
  return info;
}

}  // namespace oauthsim::authz
