#include <algorithm>

#include "oauthsim/authz/grant_handlers.h"
#include "oauthsim/authz/scopes.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::authz {

using common::OAuthError;
using common::RefusalReason;

IssuedTokens RefreshTokenGrant::handle(const common::ClientConfig& client,
                                       const common::Params& form, const std::string& bind_to,
                                       std::string& note) {
  const auto token = form.get("refresh_token");
  if (!token || token->empty()) throw OAuthError::invalid_request("refresh_token is missing");

  // Validate the requested scope before spending the token, so a bad scope does not
  // cost the client its only refresh token.
  const auto requested = form.get("scope");
  const auto known = ctx_.tokens.find_refresh_token(*token);
  if (requested && known && known->client_id == client.client_id) {
    const auto wanted = split_scopes(*requested);
    if (wanted.empty()) throw OAuthError::invalid_scope("the scope parameter is present but empty");
    for (const auto& s : wanted) {
      if (std::find(known->scopes.begin(), known->scopes.end(), s) == known->scopes.end()) {
        note = "refresh refused: scope wider than the grant";
        throw OAuthError::invalid_scope("scope '" + s + "' was not part of the original grant",
                                        RefusalReason::kScopeWiderThanGrant);
      }
    }
  }

  const bool revoke_on_reuse =
      ctx_.config.refresh_token_reuse == common::RefreshTokenReuse::kRevokeGrant;
  const ConsumeResult r = ctx_.tokens.consume_refresh_token(*token, client.client_id,
                                                            ctx_.clock.now_ms(), revoke_on_reuse);
  switch (r.status) {
    case ConsumeStatus::kUnknown:
      note = "refresh refused: unknown token";
      throw OAuthError::invalid_grant("the refresh token is invalid",
                                      RefusalReason::kRefreshTokenUnknown);
    case ConsumeStatus::kWrongClient:
      note = "refresh refused: issued to another client";
      throw OAuthError::invalid_grant("the refresh token was issued to another client",
                                      RefusalReason::kRefreshTokenIssuedToAnotherClient);
    case ConsumeStatus::kExpired:
      note = "refresh refused: expired";
      throw OAuthError::invalid_grant("the refresh token has expired",
                                      RefusalReason::kRefreshTokenExpired);
    case ConsumeStatus::kRevoked:
      note = "refresh refused: grant revoked";
      throw OAuthError::invalid_grant("the refresh token has been revoked",
                                      RefusalReason::kRefreshTokenRevoked);
    case ConsumeStatus::kReused:
      if (!revoke_on_reuse) {
        note = "refresh token reused after rotation: token refused (policy refuse_token)";
        throw OAuthError::invalid_grant(
            "the refresh token was already used (it is one-time use); use the one its refresh "
            "returned",
            RefusalReason::kRefreshTokenReused);
      }
      note = "refresh token reused after rotation: grant revoked";
      throw OAuthError::invalid_grant(
          "the refresh token was already used (it is one-time use); the grant is revoked",
          RefusalReason::kRefreshTokenReused);
    case ConsumeStatus::kConsumed:
      break;
  }
  const RefreshTokenRecord& rec = *r.record;
  if (!rec.username.empty() && !ctx_.users.exists(rec.username)) {
    ctx_.tokens.revoke_grant(rec.grant_id);
    note = "refresh refused: user no longer exists";
    throw OAuthError::invalid_grant("the user who gave this authorization no longer exists",
                                    RefusalReason::kUserDeleted);
  }

  const std::vector<std::string> access_scopes = requested ? split_scopes(*requested) : rec.scopes;
  Grant grant{rec.grant_id, rec.client_id, rec.username, rec.scopes, 0};
  note = "refresh token rotated";
  return ctx_.issuer.issue(grant, access_scopes, true, bind_to);
}

}  // namespace oauthsim::authz
