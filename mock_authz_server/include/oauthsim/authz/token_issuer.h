#pragma once
#include <string>
#include <vector>

#include "oauthsim/authz/token_store.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/random.h"

namespace oauthsim::authz {

// What the token endpoint hands back on success (RFC 6749 5.1).
struct IssuedTokens {
  std::string access_token;
  std::string refresh_token;  // empty: none issued
  std::int64_t expires_in = 0;
  std::vector<std::string> scopes;
};

// Mints opaque tokens (256 random bits each) for a grant and records them in the store.
class TokenIssuer {
 public:
  TokenIssuer(TokenStore& store, const common::Lifetimes& lifetimes, const common::Clock& clock,
              common::Random& random)
      : store_(store), lifetimes_(lifetimes), clock_(clock), random_(random) {}

  // access_scopes may be narrower than the grant's scopes (refresh with `scope`); the
  // refresh token always carries the grant's full scopes. A non-empty certificate_thumbprint
  // binds the access token to that client certificate (RFC 8705 3); refresh tokens stay
  // unbound (RFC 8705 3: a confidential client's refresh token is bound by its authentication).
  IssuedTokens issue(const Grant& grant, const std::vector<std::string>& access_scopes,
                     bool with_refresh_token, const std::string& certificate_thumbprint = "");

 private:
  TokenStore& store_;
  const common::Lifetimes& lifetimes_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace oauthsim::authz
