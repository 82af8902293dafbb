#pragma once
#include <string>
#include <vector>

#include "oauthsim/client/client_settings.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/scope.h"
#include "oauthsim/common/sr_paths.h"

namespace oauthsim::client {

// What the client app's command line says beyond the shared server options.
struct AppOptions {
  std::string authz_url;  // base URL of the authorization server
  std::string api_url;    // base URL of the Customer API
  std::string client_id;  // empty: the first client in the configuration
  std::string scope;      // space separated; empty: no scope parameter
  bool pkce = false;
  bool basic_auth = false;
};

// SR's endpoint paths on the authorization server.
inline constexpr const char* kAuthorizationPath = common::sr_paths::kAuthorize;
inline constexpr const char* kTokenPath = common::sr_paths::kToken;
inline constexpr const char* kRevocationPath = common::sr_paths::kRevoke;

// The client's registration (id and secret) and SR's endpoints on the given base URLs: what
// every embedding of the reference client (its own executable, serve, a scenario world) shares.
void register_as(ClientSettings& s, const common::ClientConfig& registration,
                 const std::string& authz_base_url, const std::string& api_base_url);

// Builds the settings from the configuration's client entry (secret, first redirect_uri).
// Throws common::ConfigError naming the file when the client is missing or has no
// redirect_uri, and common::UsageError when a URL option is not an absolute http(s) URL.
ClientSettings settings_from_config(const common::Config& config, const AppOptions& options);

using common::join_scopes;
using common::split_scopes;

}  // namespace oauthsim::client
