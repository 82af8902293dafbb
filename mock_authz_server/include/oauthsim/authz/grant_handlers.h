#pragma once
#include <map>
#include <memory>
#include <string>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/random.h"

namespace oauthsim::authz {

// Everything a grant handler may touch.
struct GrantContext {
  const common::Config& config;
  CodeStore& codes;
  TokenStore& tokens;
  UserDirectory& users;
  TokenIssuer& issuer;
  const common::Clock& clock;
  common::Random& random;
};

// One grant type of the token endpoint. The client is already authenticated and allowed
// to use this grant type. `bind_to` is the x5t#S256 the new access token is bound to (RFC 8705
// 3), empty for a plain bearer token. Throws common::OAuthError; `note` receives a short trace
// note.
class GrantHandler {
 public:
  virtual ~GrantHandler() = default;
  virtual IssuedTokens handle(const common::ClientConfig& client, const common::Params& form,
                              const std::string& bind_to, std::string& note) = 0;
};

class AuthorizationCodeGrant final : public GrantHandler {
 public:
  explicit AuthorizationCodeGrant(GrantContext ctx) : ctx_(ctx) {}
  IssuedTokens handle(const common::ClientConfig& client, const common::Params& form,
                      const std::string& bind_to, std::string& note) override;

 private:
  GrantContext ctx_;
};

class RefreshTokenGrant final : public GrantHandler {
 public:
  explicit RefreshTokenGrant(GrantContext ctx) : ctx_(ctx) {}
  IssuedTokens handle(const common::ClientConfig& client, const common::Params& form,
                      const std::string& bind_to, std::string& note) override;

 private:
  GrantContext ctx_;
};

class ClientCredentialsGrant final : public GrantHandler {
 public:
  explicit ClientCredentialsGrant(GrantContext ctx) : ctx_(ctx) {}
  IssuedTokens handle(const common::ClientConfig& client, const common::Params& form,
                      const std::string& bind_to, std::string& note) override;

 private:
  GrantContext ctx_;
};

using GrantHandlers = std::map<std::string, std::unique_ptr<GrantHandler>, std::less<>>;
// authorization_code, refresh_token, client_credentials.
GrantHandlers make_grant_handlers(const GrantContext& ctx);

}  // namespace oauthsim::authz
