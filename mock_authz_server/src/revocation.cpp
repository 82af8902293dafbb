#include "oauthsim/authz/revocation.h"

#include "oauthsim/authz/client_authentication.h"
#include "oauthsim/authz/token_endpoint.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::authz {

using common::OAuthError;

namespace {

OAuthError not_yours() {
  // RFC 7009 2.1: a client may revoke only tokens issued to it.
  return {"unauthorized_client", "the token was not issued to this client"};
}

}  // namespace

std::string revoke_token(const common::Config& config, TokenStore& tokens,
                         const common::Params& form,
                         const std::optional<std::string>& authorization,
                         const std::optional<PresentedCertificate>& certificate) {
  reject_repeated_params(form);
  const auto& client =
      authenticate_client(config, extract_client_credentials(form, authorization, certificate));
  const auto token = form.get("token");
  if (!token || token->empty()) throw OAuthError::invalid_request("token is missing");
  // token_type_hint only says where to look first (RFC 7009 2.1); both kinds are searched.
  const bool refresh_first = form.get_or("token_type_hint", "") == "refresh_token";

  auto try_refresh = [&]() -> std::optional<std::string> {
    const auto rec = tokens.find_refresh_token(*token);
    if (!rec) return std::nullopt;
    if (rec->client_id != client.client_id) throw not_yours();
    tokens.revoke_grant(rec->grant_id);
    return std::string("refresh token revoked with its grant");
  };
  auto try_access = [&]() -> std::optional<std::string> {
    const auto found = tokens.find_access_token(*token);
    if (!found) return std::nullopt;
    if (found->record.client_id != client.client_id) throw not_yours();
    tokens.revoke_access_token(*token);
    return std::string("access token revoked");
  };

  std::optional<std::string> note = refresh_first ? try_refresh() : try_access();
  if (!note) note = refresh_first ? try_access() : try_refresh();
  return note ? *note : "revocation of an unknown token (answered 200, RFC 7009 2.2)";
}

}  // namespace oauthsim::authz
