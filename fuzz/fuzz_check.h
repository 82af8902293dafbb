#pragma once
// What every fuzz target shares: a property check that stops the run with a message (libFuzzer
// and the corpus replay both treat an abort as a crash).
#include <cstdio>
#include <cstdlib>
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

}  // namespace oauthsim::fuzz

#define FUZZ_CHECK(cond, detail)                                            \
  do {                                                                      \
    if (!(cond)) ::oauthsim::fuzz::fail(#cond " (" __FILE__ ")", (detail)); \
  } while (0)
