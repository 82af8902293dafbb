#include "oauthsim/authz/introspection.h"

#include "oauthsim/authz/client_authentication.h"
#include "oauthsim/authz/token_endpoint.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::authz {

using common::OAuthError;

nlohmann::json introspection_body(const common::TokenInfo& info) {
  if (!info.active) return {{"active", false}};
  nlohmann::json j{{"active", true},
                   {"scope", info.scope},
                   {"client_id", info.client_id},
                   {"token_type", info.token_type},
                   {"exp", info.exp},
                   {"iat", info.iat},
                   {"sub", info.username.empty() ? info.client_id : info.username},
                   {"grant_id", info.grant_id}};
  if (!info.username.empty()) j["username"] = info.username;
  if (!info.certificate_thumbprint.empty()) {
    j["cnf"] = {{"x5t#S256", info.certificate_thumbprint}};
  }
  return j;
}

IntrospectionResult introspect_token(const common::Config& config, common::TokenVerifier& verifier,
                                     const common::Params& form,
                                     const std::optional<std::string>& authorization,
                                     const std::optional<PresentedCertificate>& certificate) {
  reject_repeated_params(form);
  const PresentedCredentials creds = extract_client_credentials(form, authorization, certificate);
  bool resource_server = false;
  if (creds.client_id == config.resource_server.client_id) {
    if (!common::constant_time_equals(creds.client_secret, config.resource_server.client_secret)) {
      throw OAuthError::invalid_client("resource server authentication failed", creds.used_basic);
    }
    resource_server = true;
  } else {
    (void)authenticate_client(config, creds);
  }
  const auto token = form.get("token");
  if (!token || token->empty()) throw OAuthError::invalid_request("token is missing");

  const common::TokenInfo info = verifier.verify(*token);
  if (info.active && !resource_server && info.client_id != creds.client_id) {
    // A client learns nothing about other clients' tokens, not even that they exist.
    return {{{"active", false}}, "introspection refused: token belongs to another client"};
  }
  return {introspection_body(info), info.active ? "token active" : "token inactive"};
}

}  // namespace oauthsim::authz
