// Leg two: the token endpoint (code exchange and refresh with rotation).
#include "oauthsim/client/app_settings.h"
#include "oauthsim/client/oauth_client.h"
#include "token_response.h"

namespace oauthsim::client {
namespace {

bool is_server_error(int status) {
  return status >= 500 && status <= 599;
}

}  // namespace

TokenSet OAuthClient::exchange_code(const std::string& code, const PendingAuthorization& pending) {
  common::Params form;
  form.add("grant_type", "authorization_code");
  form.add("code", code);
  // SR does not require it, but when sent it must match: sending it closes the
  // code-injection hole of a client with several redirect URIs (RFC 6749 4.1.3).
  if (!settings_.has(ClientFlaw::kRedirectUriNotSent)) {
    form.add("redirect_uri", settings_.redirect_uri);
  }
  if (!pending.code_verifier.empty()) form.add("code_verifier", pending.code_verifier);
  if (!settings_.has(ClientFlaw::kCodeRedeemedTwice)) {
    return request_tokens(std::move(form), ClientError::Kind::kTokenEndpointError, "code",
                          join_scopes(settings_.scopes));
  }
  TokenSet tokens = request_tokens(form, ClientError::Kind::kTokenEndpointError, "code",
                                   join_scopes(settings_.scopes));
  // The flaw: the same exchange again, its answer ignored (SR refuses it and revokes `tokens`).
  send(authenticated_post(settings_.token_endpoint, std::move(form)), "token endpoint");
  return tokens;
}

TokenSet OAuthClient::refresh(const TokenSet& current) {
  if (current.refresh_token.empty()) {
    throw ClientError(ClientError::Kind::kNoRefreshToken,
                      "a refresh was needed but the grant has no refresh token");
  }
  common::Params form;
  form.add("grant_type", "refresh_token");
  form.add("refresh_token", current.refresh_token);
  TokenSet next;
  if (!settings_.has(ClientFlaw::kRefreshRetriedForever)) {
    next = request_tokens(std::move(form), ClientError::Kind::kRefreshRefused, "refresh token",
                          current.scope);
  } else {
    // The flaw: a refusal is treated as a hiccup and the same refresh is posted again.
    for (int attempt = 1;; ++attempt) {
      try {
        next = request_tokens(form, ClientError::Kind::kRefreshRefused, "refresh token",
                              current.scope);
        break;
      } catch (const ClientError& e) {
        if (e.kind() != ClientError::Kind::kRefreshRefused || attempt >= kFlawedRefreshAttempts) {
          throw;
        }
      }
    }
  }
  // SR rotates: the answer's refresh token replaces ours and the old one is dead. A server
  // that does not rotate sends none, and then the old one stays valid.
  if (next.refresh_token.empty() || settings_.has(ClientFlaw::kRotatedRefreshTokenNotKept)) {
    next.refresh_token = current.refresh_token;
  }
  return next;
}

TokenSet OAuthClient::request_tokens(common::Params form, ClientError::Kind refusal_kind,
                                     const std::string& what, const std::string& requested_scope) {
  const common::HttpRequest request = authenticated_post(settings_.token_endpoint, std::move(form));
  common::HttpResponse response = send(request, "token endpoint");
  if (is_server_error(response.status)) {
    // One immediate retry, never more. A 5xx means the server failed, not that it judged the
    // grant: typically the request died before a handler spent the code or refresh token
    // (a proxy, a restart), so the same request can still succeed. If the server did spend it
    // before failing, the retry gets invalid_grant, which is final. A second 5xx is final too:
    // a loop would hammer a sick server and stall the user. 429 and other 4xx are verdicts
    // on the request itself, and repeating it at once would get the same answer.
    response = send(request, "token endpoint");
  }
  if (response.status >= 200 && response.status < 300) {
    if (settings_.has(ClientFlaw::kTokenAnswerNotChecked)) {
      return detail::read_token_answer_unchecked(response.header("Content-Type").value_or(""),
                                                 response.body, requested_scope);
    }
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
