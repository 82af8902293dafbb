#pragma once
// What every fuzz target shares: a property check that stops the run with a message (libFuzzer
// and the corpus replay both treat an abort as a crash).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace oauthsim::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz property broken: %s%s%.*s\n", what, detail.empty() ? "" : ": ",
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

// The input's next line (without its '\n'); rest moves past it. Targets whose input is a few
// header lines and a body read them with this.
inline std::string_view next_line(std::string_view& rest) {
  const auto nl = rest.find('\n');
  const std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  return line;
}

// Replaces every `placeholder` (e.g. "{code}") with a value the target holds, so the fuzzer
// reaches the paths where a credential is right.
inline void replace_all(std::string& s, std::string_view placeholder, const std::string& value) {
  for (auto at = s.find(placeholder); at != std::string::npos;
       at = s.find(placeholder, at + value.size())) {
    s.replace(at, placeholder.size(), value);
  }
}

}  // namespace oauthsim::fuzz

#define FUZZ_CHECK(cond, detail)                                            \
  do {                                                                      \
    if (!(cond)) ::oauthsim::fuzz::fail(#cond " (" __FILE__ ")", (detail)); \
  } while (0)
