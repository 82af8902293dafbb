#pragma once
// Small text helpers shared by the test files (a unity build puts several files in one
// translation unit, so each helper must exist once).
#include <string_view>

namespace oauthsim::test_support {

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The authorization code of RFC 6749's examples (section 4.1.2).
inline constexpr const char* kRfcExampleCode = "SplxlOBeZQQYbYS6WxSbIA";
// The access token of RFC 6749's examples (section 4.1.4).
inline constexpr const char* kRfcExampleAccessToken = "2YotnFZFEjr1zCsicMWpAA";

}  // namespace oauthsim::test_support
