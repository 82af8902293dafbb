#include "oauthsim/authz/pkce.h"

#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

bool is_supported_pkce_method(std::string_view method) {
  return method == "S256" || method == "plain";
}

bool is_valid_pkce_value(std::string_view value) {
  if (value.size() < 43 || value.size() > 128) return false;
  for (char c : value) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (!unreserved) return false;
  }
  return true;
}

std::string s256_challenge(std::string_view verifier) {
  return common::base64url_encode(common::sha256(verifier));
}

bool verify_pkce(std::string_view verifier, std::string_view challenge, std::string_view method) {
  if (!is_valid_pkce_value(verifier)) return false;
  if (method == "S256") return common::constant_time_equals(s256_challenge(verifier), challenge);
  if (method == "plain") return common::constant_time_equals(verifier, challenge);
  return false;
}

}  // namespace oauthsim::authz
