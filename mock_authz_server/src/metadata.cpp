#include "oauthsim/authz/metadata.h"

namespace oauthsim::authz {

nlohmann::json server_metadata(const common::Config& config, const std::string& issuer) {
  nlohmann::json scopes = nlohmann::json::array();
  for (const auto& s : config.scopes) scopes.push_back(s.name);
  return {{"issuer", issuer},
          {"authorization_endpoint", issuer + paths::kAuthorize},
          {"token_endpoint", issuer + paths::kToken},
          {"revocation_endpoint", issuer + paths::kRevoke},
          {"introspection_endpoint", issuer + paths::kIntrospect},
          {"response_types_supported", nlohmann::json::array({"code"})},
          {"grant_types_supported",
           nlohmann::json::array({"authorization_code", "refresh_token", "client_credentials"})},
          {"token_endpoint_auth_methods_supported",
           nlohmann::json::array({"client_secret_post", "client_secret_basic"})},
          {"revocation_endpoint_auth_methods_supported",
           nlohmann::json::array({"client_secret_post", "client_secret_basic"})},
          {"introspection_endpoint_auth_methods_supported",
           nlohmann::json::array({"client_secret_post", "client_secret_basic"})},
          {"code_challenge_methods_supported", nlohmann::json::array({"S256", "plain"})},
          {"scopes_supported", scopes}};
}

}  // namespace oauthsim::authz
