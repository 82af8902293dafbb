#include "oauthsim/authz/token_issuer.h"

namespace oauthsim::authz {

IssuedTokens TokenIssuer::issue(const Grant& grant, const std::vector<std::string>& access_scopes,
                                bool with_refresh_token,
                                const std::string& certificate_thumbprint) {
  const std::int64_t now = clock_.now_ms();
  IssuedTokens out;
  out.access_token = random_.token(32);
  out.expires_in = lifetimes_.access_token;
  out.scopes = access_scopes;
  store_.add_access_token(
      AccessTokenRecord{out.access_token, grant.id, grant.client_id, grant.username, access_scopes,
                        now, now + lifetimes_.access_token * 1000, certificate_thumbprint});
  if (with_refresh_token) {
    out.refresh_token = random_.token(32);
    store_.add_refresh_token(RefreshTokenRecord{out.refresh_token, grant.id, grant.client_id,
                                                grant.username, grant.scopes,
                                                now + lifetimes_.refresh_token * 1000});
  }
  return out;
}

}  // namespace oauthsim::authz
