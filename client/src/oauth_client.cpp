#include "oauthsim/client/oauth_client.h"

#include "oauthsim/common/url.h"

namespace oauthsim::client {

OAuthClient::OAuthClient(ClientSettings settings, common::HttpTransport& transport,
                         const common::Clock& clock, common::Random& random)
    : settings_(std::move(settings)), transport_(transport), clock_(clock), random_(random) {}

common::HttpRequest OAuthClient::authenticated_post(const std::string& url,
                                                    common::Params form) const {
  common::HttpRequest request;
  if (settings_.has(ClientFlaw::kSecretInQuery)) {
    // The flaw: credentials in the URL, where proxies and server logs keep them.
    request = common::HttpRequest::post_form(
        common::append_query(
            url, {{"client_id", settings_.client_id}, {"client_secret", settings_.client_secret}}),
        form);
  } else if (settings_.auth_method == ClientAuthMethod::kClientSecretBasic) {
    // client_id stays out of the body, so the server does not see two authentication methods
    // at once.
    request = common::HttpRequest::post_form(url, form);
    request.headers.add("Authorization",
                        common::basic_authorization(settings_.client_id, settings_.client_secret));
  } else if (settings_.auth_method == ClientAuthMethod::kTlsClientAuth ||
             settings_.auth_method == ClientAuthMethod::kSelfSignedTlsClientAuth) {
    // RFC 8705 2: the certificate on the connection authenticates; client_id says whose it is.
    form.add("client_id", settings_.client_id);
    request = common::HttpRequest::post_form(url, form);
  } else {
    form.add("client_id", settings_.client_id);
    form.add("client_secret", settings_.client_secret);
    request = common::HttpRequest::post_form(url, form);
  }
  request.headers.add("Accept", "application/json");
  return request;
}

common::HttpResponse OAuthClient::send(const common::HttpRequest& request,
                                       const std::string& what) {
  try {
    return transport_.send(request);
  } catch (const common::TransportError& e) {
    // The transport's message names the host, never the request's secrets.
    throw ClientError(ClientError::Kind::kTransport,
                      "could not reach the " + what + ": " + e.what());
  }
}

}  // namespace oauthsim::client
