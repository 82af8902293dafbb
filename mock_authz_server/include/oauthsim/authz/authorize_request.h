#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

// A validated request to the authorization endpoint.
struct AuthorizeRequest {
  std::string client_id;
  std::string redirect_uri;
  std::vector<std::string> scopes;
  std::optional<std::string> state;  // echoed verbatim; nullopt when not sent
  std::string code_challenge;        // empty: no PKCE
  std::string code_challenge_method;
};

// Why the request was refused. When the client or redirect_uri cannot be trusted the user
// sees an error page at the server (RFC 6749 4.1.2.1: never redirect to an unverified URI);
// otherwise the error goes back to the client by redirect.
struct AuthorizeError {
  bool redirect = false;
  std::string error;  // RFC 6749 4.1.2.1 code
  std::string description;
  std::string redirect_uri;          // set when redirect
  std::optional<std::string> state;  // echoed when redirect

  // redirect_uri?error=..&error_description=..[&state=..]
  std::string location() const;
};

using AuthorizeResult = std::variant<AuthorizeRequest, AuthorizeError>;

AuthorizeResult validate_authorize_request(const common::Config& config,
                                           const common::Params& query);

}  // namespace oauthsim::authz
