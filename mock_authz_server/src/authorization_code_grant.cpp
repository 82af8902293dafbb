#include "oauthsim/authz/grant_handlers.h"
#include "oauthsim/authz/pkce.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::authz {

using common::OAuthError;
using common::RefusalReason;

IssuedTokens AuthorizationCodeGrant::handle(const common::ClientConfig& client,
                                            const common::Params& form, const std::string& bind_to,
                                            std::string& note) {
  const auto code = form.get("code");
  if (!code || code->empty()) throw OAuthError::invalid_request("code is missing");

  const RedeemResult r = ctx_.codes.redeem(*code, client.client_id, ctx_.clock.now_ms());
  switch (r.status) {
    case RedeemStatus::kUnknown:
      note = "code refused: unknown";
      throw OAuthError::invalid_grant("the authorization code is invalid",
                                      RefusalReason::kCodeUnknown);
    case RedeemStatus::kWrongClient:
      note = "code refused: issued to another client";
      throw OAuthError::invalid_grant("the authorization code was issued to another client",
                                      RefusalReason::kCodeIssuedToAnotherClient);
    case RedeemStatus::kExpired:
      note = "code refused: expired";
      throw OAuthError::invalid_grant("the authorization code has expired",
                                      RefusalReason::kCodeExpired);
    case RedeemStatus::kReplayed:
      // RFC 6749 4.1.2: a code used twice may have been stolen; whatever the first
      // redemption obtained must stop working.
      ctx_.tokens.revoke_grant(r.code->grant_id);
      note = "code replayed: grant revoked";
      throw OAuthError::invalid_grant(
          "the authorization code was already used; tokens issued for it are revoked",
          RefusalReason::kCodeReplayed);
    case RedeemStatus::kRedeemed:
      break;
  }
  const AuthorizationCode& c = *r.code;

  // SR: some clients repeat redirect_uri at the token endpoint and some do not, and both work;
  // when it is sent it must be the one authorized (RFC 6749 4.1.3).
  const auto redirect_uri = form.get("redirect_uri");
  if (redirect_uri && *redirect_uri != c.redirect_uri) {
    note = "code refused: redirect_uri differs from the authorization request";
    throw OAuthError::invalid_grant("redirect_uri does not match the authorization request",
                                    RefusalReason::kRedirectUriMismatch);
  }

  const auto verifier = form.get("code_verifier");
  if (!c.code_challenge.empty()) {
    if (!verifier) {
      note = "code refused: PKCE code_verifier missing";
      throw OAuthError::invalid_grant("code_verifier is required (PKCE)",
                                      RefusalReason::kCodeVerifierMissing);
    }
    if (!verify_pkce(*verifier, c.code_challenge, c.code_challenge_method)) {
      note = "code refused: PKCE verification failed";
      throw OAuthError::invalid_grant("code_verifier does not match the code_challenge",
                                      RefusalReason::kCodeVerifierMismatch);
    }
  } else if (verifier) {
    // RFC 9700 2.1.1: a verifier without a challenge means the flow was tampered with.
    note = "code refused: code_verifier without a code_challenge";
    throw OAuthError::invalid_grant("code_verifier sent but the authorization had no challenge",
                                    RefusalReason::kCodeVerifierWithoutChallenge);
  }

  if (!ctx_.users.exists(c.username)) {
    note = "code refused: user no longer exists";
    throw OAuthError::invalid_grant("the user who authorized this code no longer exists",
                                    RefusalReason::kUserDeleted);
  }

  Grant grant{c.grant_id, c.client_id, c.username, c.scopes, ctx_.clock.now_ms()};
  ctx_.tokens.add_grant(grant);
  note = "code redeemed";
  return ctx_.issuer.issue(grant, grant.scopes, true, bind_to);
}

}  // namespace oauthsim::authz
