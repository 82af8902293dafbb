#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/common/config.h"

namespace oauthsim::authz {

// Paths the authorization server serves (SR's where SR has them).
namespace paths {
inline constexpr const char* kAuthorize = "/identity/oauth/allow";
inline constexpr const char* kLogin = "/identity/oauth/login";
inline constexpr const char* kConsent = "/identity/oauth/consent";
inline constexpr const char* kToken = "/identity/oauth/token";
inline constexpr const char* kRevoke = "/identity/oauth/revoke";
inline constexpr const char* kIntrospect = "/identity/oauth/introspect";
inline constexpr const char* kMetadata = "/.well-known/oauth-authorization-server";
}  // namespace paths

// RFC 8414 authorization server metadata for a server reachable at issuer (its base URL).
// With `mutual_tls` (the server speaks https and reads client certificates) it also announces
// RFC 8705: tls_client_auth and self_signed_tls_client_auth, and certificate-bound access
// tokens (8705 3.3). Over plain http it does not, since neither can work there.
nlohmann::json server_metadata(const common::Config& config, const std::string& issuer,
                               bool mutual_tls = false);

}  // namespace oauthsim::authz
