#include "oauthsim/client/app_settings.h"

#include "oauthsim/common/cli.h"
#include "oauthsim/common/url.h"

namespace oauthsim::client {
namespace {

// A base URL without a trailing slash, so base + "/path" is never "//path".
std::string checked_base_url(const std::string& option, const std::string& value) {
  std::string error;
  auto url = common::parse_url(value, &error);
  if (!url) throw common::UsageError("--" + option + " '" + value + "' is not a URL: " + error);
  std::string base = value;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

ClientAuthMethod auth_method_for(const std::string& token_endpoint_auth_method) {
  if (token_endpoint_auth_method == "client_secret_basic") {
    return ClientAuthMethod::kClientSecretBasic;
  }
  if (token_endpoint_auth_method == "tls_client_auth") return ClientAuthMethod::kTlsClientAuth;
  if (token_endpoint_auth_method == "self_signed_tls_client_auth") {
    return ClientAuthMethod::kSelfSignedTlsClientAuth;
  }
  return ClientAuthMethod::kClientSecretPost;
}

void register_as(ClientSettings& s, const common::ClientConfig& registration,
                 const std::string& authz_base_url, const std::string& api_base_url) {
  s.client_id = registration.client_id;
  s.client_secret = registration.client_secret;
  s.auth_method = auth_method_for(registration.token_endpoint_auth_method);
  s.authorization_endpoint = authz_base_url + kAuthorizationPath;
  s.token_endpoint = authz_base_url + kTokenPath;
  s.revocation_endpoint = authz_base_url + kRevocationPath;
  s.api_base_url = api_base_url;
}

ClientSettings settings_from_config(const common::Config& config, const AppOptions& options) {
  const common::ClientConfig* client = nullptr;
  if (options.client_id.empty()) {
    if (config.clients.empty()) {
      throw common::ConfigError(config.source + ": /clients is empty; the client app needs one");
    }
    client = &config.clients.front();
  } else {
    client = config.find_client(options.client_id);
    if (!client) {
      throw common::ConfigError(config.source + ": /clients has no client_id '" +
                                options.client_id + "'");
    }
  }
  if (client->redirect_uris.empty()) {
    throw common::ConfigError(config.source + ": client '" + client->client_id +
                              "' has no redirect_uris");
  }

  ClientSettings s;
  register_as(s, *client, checked_base_url("authz-url", options.authz_url),
              checked_base_url("api-url", options.api_url));
  s.redirect_uri = client->redirect_uris.front();
  s.scopes = split_scopes(options.scope);
  s.use_pkce = options.pkce;
  // --basic-auth overrides a secret method; a certificate registration keeps its method.
  if (options.basic_auth && (s.auth_method == ClientAuthMethod::kClientSecretPost)) {
    s.auth_method = ClientAuthMethod::kClientSecretBasic;
  }
  return s;
}

}  // namespace oauthsim::client
