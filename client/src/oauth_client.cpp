#include "oauthsim/client/oauth_client.h"

namespace oauthsim::client {

OAuthClient::OAuthClient(ClientSettings settings, common::HttpTransport& transport,
                         const common::Clock& clock, common::Random& random)
    : settings_(std::move(settings)), transport_(transport), clock_(clock), random_(random) {}

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
