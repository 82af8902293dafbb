#include "oauthsim/client/client_error.h"

namespace oauthsim::client {

const char* kind_name(ClientError::Kind kind) {
  using K = ClientError::Kind;
  switch (kind) {
    case K::kStateMismatch:
      return "state_mismatch";
    case K::kMissingState:
      return "missing_state";
    case K::kAccessDenied:
      return "access_denied";
    case K::kAuthorizationError:
      return "authorization_error";
    case K::kMissingCode:
      return "missing_code";
    case K::kTokenEndpointError:
      return "token_endpoint_error";
    case K::kInvalidTokenResponse:
      return "invalid_token_response";
    case K::kTransport:
      return "transport";
    case K::kApiUnauthorized:
      return "api_unauthorized";
    case K::kNoRefreshToken:
      return "no_refresh_token";
    case K::kRefreshRefused:
      return "refresh_refused";
    case K::kRevocationRefused:
      return "revocation_refused";
    case K::kMissingEndpoint:
      return "missing_endpoint";
  }
  return "unknown";
}

}  // namespace oauthsim::client
