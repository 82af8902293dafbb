#include "oauthsim/authz/token_endpoint.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "oauthsim/authz/client_authentication.h"
#include "oauthsim/authz/scopes.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::authz {

using common::OAuthError;

bool client_allows_grant(const common::ClientConfig& client, std::string_view grant_type) {
  if (client.grant_types.empty()) return true;
  return std::find(client.grant_types.begin(), client.grant_types.end(), grant_type) !=
         client.grant_types.end();
}

void reject_repeated_params(const common::Params& params) {
  // One pass with a hash set: a form of many fields must not cost quadratic time before the
  // client is even authenticated.
  std::unordered_set<std::string_view> seen;
  seen.reserve(params.items().size());
  for (const auto& [name, value] : params.items()) {
    if (!seen.insert(name).second) {
      throw OAuthError::invalid_request(name + " was sent more than once");
    }
  }
}

std::string access_token_binding(const common::ClientConfig& client,
                                 const std::optional<PresentedCertificate>& certificate) {
  if (!client.tls_client_certificate_bound_access_tokens) return "";
  if (!certificate) {
    throw OAuthError::invalid_request(
        "this client's access tokens are bound to its client certificate (RFC 8705 3), but the "
        "request came without one");
  }
  return certificate->thumbprint_s256;
}

nlohmann::json TokenEndpoint::handle(const common::Params& form,
                                     const std::optional<std::string>& authorization,
                                     std::string& note,
                                     const std::optional<PresentedCertificate>& certificate) {
  reject_repeated_params(form);
  const auto& client =
      authenticate_client(config_, extract_client_credentials(form, authorization, certificate));
  const auto grant_type = form.get("grant_type");
  if (!grant_type || grant_type->empty())
    throw OAuthError::invalid_request("grant_type is missing");
  auto it = handlers_.find(*grant_type);
  if (it == handlers_.end()) {
    throw OAuthError::unsupported_grant_type("grant_type '" + *grant_type + "' is not supported");
  }
  if (!client_allows_grant(client, *grant_type)) {
    throw OAuthError::unauthorized_client("this client may not use the " + *grant_type + " grant");
  }
  const IssuedTokens t =
      it->second->handle(client, form, access_token_binding(client, certificate), note);
  nlohmann::json body = {{"access_token", t.access_token},
                         {"token_type", "Bearer"},
                         {"expires_in", t.expires_in},
                         {"scope", join_scopes(t.scopes)}};
  if (!t.refresh_token.empty()) body["refresh_token"] = t.refresh_token;
  return body;
}

}  // namespace oauthsim::authz
