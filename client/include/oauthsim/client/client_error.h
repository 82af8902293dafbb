#pragma once
#include <stdexcept>
#include <string>

namespace oauthsim::client {

// Every way the OAuth flow can fail on the client's side. what() says what happened in
// words a vendor's support desk understands and never holds a secret, token or code.
class ClientError : public std::runtime_error {
 public:
  enum class Kind {
    kStateMismatch,         // callback state differs from the one sent (CSRF, RFC 6749 10.12)
    kMissingState,          // callback carried no state
    kAccessDenied,          // the user pressed Deny (error=access_denied)
    kAuthorizationError,    // any other error on the callback
    kMissingCode,           // callback had neither code nor error
    kTokenEndpointError,    // token endpoint refused the code (RFC 6749 5.2 body)
    kInvalidTokenResponse,  // 200 from the token endpoint but not a usable token response
    kTransport,             // could not reach a server
    kApiUnauthorized,       // the Customer API still answered 401 after the one refresh
    kNoRefreshToken,        // a refresh was needed but the grant has no refresh token
    kRefreshRefused,        // token endpoint refused the refresh token
    kRevocationRefused,     // revocation endpoint answered anything but 200 (RFC 7009 2.2)
    kMissingEndpoint,       // the settings lack the endpoint an operation needs
  };

  ClientError(Kind kind, const std::string& message, std::string oauth_error = "")
      : std::runtime_error(message), kind_(kind), oauth_error_(std::move(oauth_error)) {}

  Kind kind() const { return kind_; }
  // The RFC 6749 / 6750 error code when the other side sent one, else empty.
  const std::string& oauth_error() const { return oauth_error_; }

 private:
  Kind kind_;
  std::string oauth_error_;
};

// "state_mismatch", "access_denied", ...: stable names for logs and tests.
const char* kind_name(ClientError::Kind kind);

}  // namespace oauthsim::client
