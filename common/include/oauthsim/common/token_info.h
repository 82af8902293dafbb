#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace oauthsim::common {

// What a resource server learns about an access token (the RFC 7662 response, typed).
struct TokenInfo {
  bool active = false;
  std::string client_id;
  std::string username;  // resource owner; empty for client_credentials tokens
  std::string scope;     // space separated
  std::string token_type = "Bearer";
  std::int64_t exp = 0;  // seconds since epoch
  std::int64_t iat = 0;
  std::string grant_id;  // stable per authorization grant; rate limits key on client + user
  // cnf.x5t#S256 (RFC 8705 3.1): only a caller presenting this certificate may use the token.
  std::string certificate_thumbprint;

  std::vector<std::string> scopes() const;
  bool has_scope(std::string_view s) const;
};

// Thrown when the verifier cannot answer at all (introspection endpoint down): the
// resource server answers 503 rather than pretending the token is invalid.
class VerifierUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The seam between the Customer API and whoever knows the tokens: the authorization
// server's store in the same process, or RFC 7662 introspection over HTTP.
class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  // Inactive (active == false) for unknown, expired, revoked tokens or a broken grant.
  virtual TokenInfo verify(std::string_view access_token) = 0;
};

}  // namespace oauthsim::common
