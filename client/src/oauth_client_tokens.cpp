// Leg two: the token endpoint (code exchange and refresh with rotation).
#include "oauthsim/client/app_settings.h"
#include "oauthsim/client/oauth_client.h"
#include "token_response.h"

namespace oauthsim::client {

TokenSet OAuthClient::exchange_code(const std::string& code, const PendingAuthorization& pending) {
  common::Params form;
  form.add("grant_type", "authorization_code");
  form.add("code", code);
  // SR does not require it, but when sent it must match: sending it closes the
  // code-injection hole of a client with several redirect URIs (RFC 6749 4.1.3).
  form.add("redirect_uri", settings_.redirect_uri);
  if (!pending.code_verifier.empty()) form.add("code_verifier", pending.code_verifier);
  return request_tokens(std::move(form), ClientError::Kind::kTokenEndpointError, "code",
                        join_scopes(settings_.scopes));
}

TokenSet OAuthClient::refresh(const TokenSet& current) {
  if (current.refresh_token.empty()) {
    throw ClientError(ClientError::Kind::kNoRefreshToken,
                      "a refresh was needed but the grant has no refresh token");
  }
  common::Params form;
  form.add("grant_type", "refresh_token");
  form.add("refresh_token", current.refresh_token);
  TokenSet next = request_tokens(std::move(form), ClientError::Kind::kRefreshRefused,
                                 "refresh token", current.scope);
  // SR rotates: the answer's refresh token replaces ours and the old one is dead. A server
  // that does not rotate sends none, and then the old one stays valid.
  if (next.refresh_token.empty()) next.refresh_token = current.refresh_token;
  return next;
}

TokenSet OAuthClient::request_tokens(common::Params form, ClientError::Kind refusal_kind,
                                     const std::string& what, const std::string& requested_scope) {
  common::HttpRequest request;
  if (settings_.auth_method == ClientAuthMethod::kClientSecretBasic) {
    // RFC 6749 2.3.1: each part form-encoded before base64. client_id stays out of the body,
    // so the server does not see two authentication methods at once.
    const std::string credentials =
        common::url_encode(settings_.client_id) + ":" + common::url_encode(settings_.client_secret);
    request = common::HttpRequest::post_form(settings_.token_endpoint, form);
    request.headers.add("Authorization", "Basic " + common::base64_encode(credentials));
  } else {
    form.add("client_id", settings_.client_id);
    form.add("client_secret", settings_.client_secret);
    request = common::HttpRequest::post_form(settings_.token_endpoint, form);
  }
  request.headers.add("Accept", "application/json");

  const common::HttpResponse response = send(request, "token endpoint");
  if (response.status >= 200 && response.status < 300) {
    return detail::parse_token_response(response.body, clock_.now_ms(), requested_scope);
  }
  if (auto error = detail::parse_error_body(response.body)) {
    throw ClientError(refusal_kind,
                      "token endpoint refused the " + what + ": " + detail::describe(*error),
                      error->error);
  }
  throw ClientError(refusal_kind, "token endpoint answered HTTP " +
                                      std::to_string(response.status) + " to the " + what +
                                      " without an OAuth error body");
}

}  // namespace oauthsim::client
