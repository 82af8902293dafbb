// Memory per live token, for bench/run (and by hand): fills an in-memory token store exactly as
// the token endpoint does and reports the resident set's growth per live token, indexes and
// grants included. One kind per process (memory a first store gave back would be reused by a
// second one in the same process, and not show in its growth):
//   client_credentials (default): what one client_credentials request leaves (a grant and an
//                                 access token);
//   --code-flow: what one authorization-code redemption leaves (a grant, an access token and a
//                refresh token), counted as two tokens.
// The store's live-token cap is raised to COUNT, and the program fails unless all COUNT tokens
// of each kind are still live at the end: a cap that evicted most of them once made this
// report 44 bytes per token.
//
// Usage: bench_token_memory COUNT [--code-flow]
// Prints {"kind": "client_credentials" or "code_flow", "grants": COUNT, "live_tokens": N,
// "rss_growth_bytes": B, "bytes_per_token": R}.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/random.h"

namespace {

using namespace oauthsim;

long resident_bytes() {
  long pages_total = 0;
  long pages_resident = 0;
  std::ifstream("/proc/self/statm") >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

struct Measured {
  std::size_t live_tokens = 0;
  long rss_growth_bytes = 0;
};

// `count` grants issued into a fresh store whose cap holds them all; with `refresh`, each grant
// is a user's (code flow) and gets a refresh token too.
Measured fill_store(long count, bool refresh) {
  common::VirtualClock clock(1'800'000'000'000);
  common::SeededRandom random(1);
  const common::Lifetimes lifetimes;
  authz::InMemoryTokenStore store(authz::TokenStoreLimits{static_cast<std::size_t>(count)});
  authz::TokenIssuer issuer(store, lifetimes, clock, random);
  const std::vector<std::string> scopes = {"configuration_read"};
  const long before = resident_bytes();
  for (long i = 0; i < count; ++i) {
    authz::Grant grant{random.token(16), "acme-ats", refresh ? "alice@example.com" : "", scopes,
                       clock.now_ms()};
    store.add_grant(grant);
    issuer.issue(grant, grant.scopes, refresh);
  }
  const long growth = resident_bytes() - before;
  const std::size_t access = store.access_token_count();
  const std::size_t refresh_tokens = store.refresh_token_count();
  const auto expected = static_cast<std::size_t>(count);
  if (access != expected || refresh_tokens != (refresh ? expected : 0)) {
    std::cerr << "bench_token_memory: expected " << count << " live access tokens"
              << (refresh ? " and as many refresh tokens" : "") << ", the store holds " << access
              << " and " << refresh_tokens << " (did its cap evict some?)\n";
    std::exit(1);
  }
  return {access + refresh_tokens, growth};
}

}  // namespace

int main(int argc, char** argv) {
  long count = 0;
  bool code_flow = false;
  bool usage_error = argc < 2 || argc > 3;
  for (int i = 1; i < argc && !usage_error; ++i) {
    const std::string arg = argv[i];
    char* end = nullptr;
    if (arg == "--code-flow") {
      code_flow = true;
    } else if ((count = std::strtol(arg.c_str(), &end, 10)) <= 0 || *end != '\0') {
      usage_error = true;
    }
  }
  if (usage_error || count <= 0) {
    std::cerr << "usage: bench_token_memory COUNT [--code-flow]   (COUNT: grants, e.g. 1000000)\n";
    return 2;
  }
  const Measured m = fill_store(count, code_flow);
  std::cout << "{\"kind\": \"" << (code_flow ? "code_flow" : "client_credentials")
            << "\", \"grants\": " << count << ", \"live_tokens\": " << m.live_tokens
            << ", \"rss_growth_bytes\": " << m.rss_growth_bytes << ", \"bytes_per_token\": "
            << static_cast<double>(m.rss_growth_bytes) / static_cast<double>(m.live_tokens)
            << "}\n";
  return 0;
}
