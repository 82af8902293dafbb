#pragma once
#include <gtest/gtest.h>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/grant_handlers.h"
#include "oauthsim/authz/pkce.h"
#include "oauthsim/authz/store_token_verifier.h"
#include "oauthsim/authz/token_endpoint.h"
#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/oauth_error.h"
#include "unit/authz/test_config.h"

namespace oauthsim::authz::testing {

// The token side of the authorization server, wired with a virtual clock and seeded
// randomness, without HTTP.
class TokenWorld : public ::testing::Test {
 protected:
  static constexpr const char* kRedirect = "http://localhost:9000/callback";

  // Issues a code as the consent step would.
  std::string put_code(const std::string& client_id = "acme-ats", std::string challenge = "",
                       std::string method = "", const std::string& user = "alice@example.com") {
    AuthorizationCode c;
    c.code = random.token(32);
    c.client_id = client_id;
    c.redirect_uri = kRedirect;
    c.username = user;
    c.scopes = {"user_me_read", "jobs_read"};
    c.code_challenge = std::move(challenge);
    c.code_challenge_method = std::move(method);
    c.grant_id = random.token(16);
    c.expires_ms = clock.now_ms() + config.lifetimes.authorization_code * 1000;
    codes.put(c);
    return c.code;
  }

  common::Params code_form(const std::string& code, const std::string& client_id = "acme-ats",
                           const std::string& secret = "acme-secret") {
    return {{"grant_type", "authorization_code"},
            {"code", code},
            {"redirect_uri", kRedirect},
            {"client_id", client_id},
            {"client_secret", secret}};
  }

  common::Params refresh_form(const std::string& refresh_token) {
    return {{"grant_type", "refresh_token"},
            {"refresh_token", refresh_token},
            {"client_id", "acme-ats"},
            {"client_secret", "acme-secret"}};
  }

  nlohmann::json token(const common::Params& form,
                       const std::optional<std::string>& authorization = std::nullopt) {
    std::string note;
    return endpoint.handle(form, authorization, note);
  }

  // The OAuth error code the endpoint answers with, or "" when it succeeds.
  std::string error_of(const common::Params& form,
                       const std::optional<std::string>& authorization = std::nullopt) {
    try {
      std::string note;
      endpoint.handle(form, authorization, note);
      return "";
    } catch (const common::OAuthError& e) {
      return e.error();
    }
  }

  // The typed reason of a refusal (kNone when the request succeeds or the error has none).
  common::RefusalReason reason_of(const common::Params& form) {
    try {
      std::string note;
      endpoint.handle(form, std::nullopt, note);
    } catch (const common::OAuthError& e) {
      return e.reason();
    }
    return common::RefusalReason::kNone;
  }

  bool active(const std::string& access_token) { return verifier.verify(access_token).active; }

  common::Config config = test_config();
  common::VirtualClock clock;
  common::SeededRandom random{42};
  InMemoryCodeStore codes;
  InMemoryTokenStore tokens;
  UserDirectory users{config.users};
  TokenIssuer issuer{tokens, config.lifetimes, clock, random};
  StoreTokenVerifier verifier{tokens, users, clock};
  TokenEndpoint endpoint{config, make_grant_handlers(GrantContext{config, codes, tokens, users,
                                                                  issuer, clock, random})};
};

}  // namespace oauthsim::authz::testing
