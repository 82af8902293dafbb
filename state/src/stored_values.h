// How values are written to the state file's columns.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oauthsim::state::stored {

// Codes and tokens are kept as base64url(SHA-256(value)): every lookup starts from the value
// the client presents, so the file never needs the value itself, and a copied state file
// hands out no working credential.
std::string digest(std::string_view secret);

// Scopes as a JSON array, so no scope spelling can break the encoding.
std::string scopes_text(const std::vector<std::string>& scopes);
std::vector<std::string> scopes_from(const std::string& text);

// Expired rows are deleted once every this many writes (as the in-memory stores sweep).
inline constexpr std::size_t kSweepEvery = 1024;

}  // namespace oauthsim::state::stored
