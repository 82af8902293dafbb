#pragma once
#include <optional>
#include <string>

#include "oauthsim/authz/client_authentication.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

// POST /identity/oauth/revoke (RFC 7009) without the HTTP. The client must authenticate;
// unknown tokens succeed silently; revoking a refresh token revokes its whole grant, access
// tokens included. `certificate` is the TLS client certificate, the credential of clients
// registered for RFC 8705 authentication. Throws common::OAuthError. Returns a trace note.
std::string revoke_token(const common::Config& config, TokenStore& tokens,
                         const common::Params& form,
                         const std::optional<std::string>& authorization,
                         const std::optional<PresentedCertificate>& certificate = std::nullopt);

}  // namespace oauthsim::authz
