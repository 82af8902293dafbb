#pragma once
// What every fuzz target shares: a property check that stops the run with a message (libFuzzer
// and the corpus replay both treat an abort as a crash), and the switch that lets a long
// fuzzing run look past findings already recorded under fuzz/known/ (see fuzz/README.md).
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace oauthsim::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz property broken: %s%s%.*s\n", what, detail.empty() ? "" : ": ",
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// OAUTHSIM_FUZZ_SKIP_KNOWN=1 (set by fuzz/run): findings another branch is fixing are not
// reported again, so the run explores past them. Replays (ctest) always check everything.
inline bool skip_known_findings() {
  static const bool skip = [] {
    const char* v = std::getenv("OAUTHSIM_FUZZ_SKIP_KNOWN");
    return v != nullptr && v[0] == '1';
  }();
  return skip;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

}  // namespace oauthsim::fuzz

#define FUZZ_CHECK(cond, detail)                                            \
  do {                                                                      \
    if (!(cond)) ::oauthsim::fuzz::fail(#cond " (" __FILE__ ")", (detail)); \
  } while (0)
