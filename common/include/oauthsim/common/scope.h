#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace oauthsim::common {

// Scope strings as they travel on the wire: names separated by spaces (RFC 6749 3.3).
// "  a b  c " -> {"a", "b", "c"}; runs of spaces and edge spaces yield no empty names.
std::vector<std::string> split_scopes(std::string_view scope);
// {"a", "b"} -> "a b".
std::string join_scopes(const std::vector<std::string>& scopes);

}  // namespace oauthsim::common
