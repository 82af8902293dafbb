#pragma once
#include "oauthsim/authz/token_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/token_info.h"

namespace oauthsim::authz {

// Access-token validation straight against the authorization server's store: what an
// in-process Customer API uses, and what the introspection endpoint answers from.
class StoreTokenVerifier final : public common::TokenVerifier {
 public:
  StoreTokenVerifier(const TokenStore& tokens, const UserDirectory& users,
                     const common::Clock& clock)
      : tokens_(tokens), users_(users), clock_(clock) {}

  // Inactive for unknown, expired or revoked tokens, revoked grants, and grants whose user
  // was deleted.
  common::TokenInfo verify(std::string_view access_token) override;

 private:
  const TokenStore& tokens_;
  const UserDirectory& users_;
  const common::Clock& clock_;
};

}  // namespace oauthsim::authz
