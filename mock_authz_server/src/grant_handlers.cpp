#include "oauthsim/authz/grant_handlers.h"

namespace oauthsim::authz {

GrantHandlers make_grant_handlers(const GrantContext& ctx) {
  GrantHandlers h;
  h.emplace("authorization_code", std::make_unique<AuthorizationCodeGrant>(ctx));
  h.emplace("refresh_token", std::make_unique<RefreshTokenGrant>(ctx));
  h.emplace("client_credentials", std::make_unique<ClientCredentialsGrant>(ctx));
  return h;
}

}  // namespace oauthsim::authz
