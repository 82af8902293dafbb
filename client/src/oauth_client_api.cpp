// Leg three: calling the Customer API with the bearer token.
#include <stdexcept>

#include "oauthsim/client/oauth_client.h"
#include "oauthsim/common/url.h"
#include "token_response.h"

namespace oauthsim::client {
namespace {

// What kApiErrorRetriedAtOnce takes for a hiccup worth repeating at once.
bool is_retried_by_the_flaw(int status) {
  return status == 429 || status == 403 || (status >= 500 && status <= 599);
}

}  // namespace

common::HttpResponse OAuthClient::send_api(const std::string& method, const std::string& url,
                                           const TokenSet& tokens, const std::string& json_body) {
  common::HttpRequest request;
  request.method = method;
  request.url = url;
  if (settings_.has(ClientFlaw::kTokenInQuery)) {
    request.url = common::append_query(url, {{"access_token", tokens.access_token}});
  } else {
    // RFC 6750 2.1 only: a token in the URL would end up in logs and Referer headers.
    request.headers.add("Authorization", "Bearer " + tokens.access_token);
  }
  request.headers.add("Accept", "application/json");
  if (!json_body.empty()) {
    request.body = json_body;
    request.content_type = "application/json";
  }
  return send(request, "Customer API");
}

OAuthClient::ApiResponse OAuthClient::call_api(const std::string& method, const std::string& path,
                                               TokenSet& tokens, const std::string& json_body) {
  if (path.empty() || path.front() != '/') {
    throw std::invalid_argument("API path must start with '/'");
  }
  std::string base = settings_.api_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string url = base + path;

  // One refresh per call at most: either because the clock says the token is dead, or
  // because the API said so. A second 401 means refreshing does not help; looping would not.
  bool refreshed = false;
  if (settings_.refresh_expired_before_call && tokens.expired(clock_)) {
    tokens = refresh(tokens);
    refreshed = true;
  }
  common::HttpResponse response = send_api(method, url, tokens, json_body);
  if (response.status == 401 && !refreshed) {
    tokens = refresh(tokens);
    refreshed = true;
    response = send_api(method, url, tokens, json_body);
  }
  for (int again = 0; settings_.has(ClientFlaw::kApiErrorRetriedAtOnce) &&
                      is_retried_by_the_flaw(response.status) && again < kFlawedApiRetries;
       ++again) {
    response = send_api(method, url, tokens, json_body);  // the flaw: no back-off, no limit
  }
  if (response.status == 401) {
    const auto error = detail::parse_error_body(response.body);
    throw ClientError(ClientError::Kind::kApiUnauthorized,
                      "the Customer API refused the freshly refreshed access token" +
                          (error ? ": " + detail::describe(*error) : std::string()),
                      error ? error->error : std::string());
  }
  return {response.status, response.body, response.headers};
}

}  // namespace oauthsim::client
