// Disconnecting: RFC 7009 token revocation.
#include <stdexcept>

#include "oauthsim/client/oauth_client.h"
#include "token_response.h"

namespace oauthsim::client {

void OAuthClient::revoke(const std::string& token, std::string_view token_type_hint) {
  if (token_type_hint != "access_token" && token_type_hint != "refresh_token") {
    throw std::invalid_argument("token_type_hint must be access_token or refresh_token");
  }
  if (token.empty()) throw std::invalid_argument("there is no token to revoke");
  if (settings_.revocation_endpoint.empty()) {
    throw ClientError(ClientError::Kind::kMissingEndpoint,
                      "cannot revoke: the client settings have no revocation_endpoint");
  }
  common::Params form;
  form.add("token", token);
  form.add("token_type_hint", std::string(token_type_hint));
  const common::HttpResponse response = send(
      authenticated_post(settings_.revocation_endpoint, std::move(form)), "revocation endpoint");
  // RFC 7009 2.2: 200 whether or not the token was known, so 200 is the only success.
  if (response.status == 200) return;
  const std::string what = "revocation endpoint refused to revoke the " +
                           std::string(token_type_hint == "access_token" ? "access" : "refresh") +
                           " token";
  if (auto error = detail::parse_error_body(response.body)) {
    throw ClientError(ClientError::Kind::kRevocationRefused, what + ": " + detail::describe(*error),
                      error->error);
  }
  throw ClientError(
      ClientError::Kind::kRevocationRefused,
      what + ": HTTP " + std::to_string(response.status) + " without an OAuth error body");
}

}  // namespace oauthsim::client
