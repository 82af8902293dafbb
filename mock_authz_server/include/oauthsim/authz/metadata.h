#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/common/config.h"
#include "oauthsim/common/sr_paths.h"

namespace oauthsim::authz {

// The paths the authorization server serves: SR's (common/sr_paths.h), one definition for the
// servers, the reference client and the checks.
namespace paths = common::sr_paths;

// RFC 8414 authorization server metadata for a server reachable at issuer (its base URL).
// With `mutual_tls` (the server speaks https and reads client certificates) it also announces
// RFC 8705: tls_client_auth and self_signed_tls_client_auth, and certificate-bound access
// tokens (8705 3.3). Over plain http it does not, since neither can work there.
nlohmann::json server_metadata(const common::Config& config, const std::string& issuer,
                               bool mutual_tls = false);

}  // namespace oauthsim::authz
