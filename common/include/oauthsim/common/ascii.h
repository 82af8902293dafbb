#pragma once
#include <algorithm>
#include <string>
#include <string_view>

namespace oauthsim::common {

// ASCII-only case folding, for protocol tokens (header names, schemes, HTML tags): never
// locale-dependent, never touching bytes above 0x7f.
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

}  // namespace oauthsim::common
