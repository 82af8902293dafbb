#pragma once
#include <string>
#include <string_view>

namespace oauthsim::authz {

// RFC 7636: "S256" or "plain"; the method defaults to plain when a challenge comes alone.
bool is_supported_pkce_method(std::string_view method);
// code_challenge / code_verifier syntax: 43-128 characters of [A-Za-z0-9-._~] (RFC 7636 4.1).
bool is_valid_pkce_value(std::string_view value);
// True when `verifier` transforms (per method) into `challenge`; compared in constant time.
bool verify_pkce(std::string_view verifier, std::string_view challenge, std::string_view method);
// BASE64URL(SHA256(verifier)): what a client sends as an S256 challenge.
std::string s256_challenge(std::string_view verifier);

}  // namespace oauthsim::authz
