#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/authz/client_authentication.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/token_info.h"

namespace oauthsim::authz {

struct IntrospectionResult {
  nlohmann::json body;
  std::string note;
};

// POST /identity/oauth/introspect (RFC 7662) without the HTTP. The caller is the resource
// server (Config::resource_server, may introspect any token) or a registered client (only
// its own tokens: anything else is {"active": false}), a client possibly authenticating with
// its TLS `certificate` (RFC 8705). Throws common::OAuthError.
IntrospectionResult introspect_token(
    const common::Config& config, common::TokenVerifier& verifier, const common::Params& form,
    const std::optional<std::string>& authorization,
    const std::optional<PresentedCertificate>& certificate = std::nullopt);

// The RFC 7662 body for a verified token: active, scope, client_id, username, token_type,
// exp, iat, sub, grant_id, and for a certificate-bound token cnf {"x5t#S256": ...} (RFC 8705
// 3.2), or just active=false.
nlohmann::json introspection_body(const common::TokenInfo& info);

}  // namespace oauthsim::authz
