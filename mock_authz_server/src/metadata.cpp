#include "oauthsim/authz/metadata.h"

namespace oauthsim::authz {

nlohmann::json server_metadata(const common::Config& config, const std::string& issuer,
                               bool mutual_tls) {
  nlohmann::json scopes = nlohmann::json::array();
  for (const auto& s : config.scopes) scopes.push_back(s.name);
  nlohmann::json auth_methods =
      nlohmann::json::array({"client_secret_post", "client_secret_basic"});
  if (mutual_tls) {
    auth_methods.push_back("tls_client_auth");
    auth_methods.push_back("self_signed_tls_client_auth");
  }
  nlohmann::json m = {
      {"issuer", issuer},
      {"authorization_endpoint", issuer + paths::kAuthorize},
      {"token_endpoint", issuer + paths::kToken},
      {"revocation_endpoint", issuer + paths::kRevoke},
      {"introspection_endpoint", issuer + paths::kIntrospect},
      {"response_types_supported", nlohmann::json::array({"code"})},
      {"grant_types_supported",
       nlohmann::json::array({"authorization_code", "refresh_token", "client_credentials"})},
      {"token_endpoint_auth_methods_supported", auth_methods},
      {"revocation_endpoint_auth_methods_supported", auth_methods},
      {"introspection_endpoint_auth_methods_supported", auth_methods},
      {"code_challenge_methods_supported", nlohmann::json::array({"S256", "plain"})},
      {"scopes_supported", scopes}};
  if (mutual_tls) m["tls_client_certificate_bound_access_tokens"] = true;
  return m;
}

}  // namespace oauthsim::authz
