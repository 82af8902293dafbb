// Memory per live token: fills an in-memory token store the way the token endpoint does and
// reports the resident set's growth per token, indexes included.
//   bench_live_tokens [N]   (default 1000000)
// Each "token" is what one client_credentials request leaves behind (a grant and its access
// token); with --refresh, what one authorization-code redemption leaves (grant, access token
// and refresh token, counted as two tokens).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"

namespace {

long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

int main(int argc, char** argv) {
  long n = 1'000'000;
  bool refresh = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--refresh") {
      refresh = true;
    } else {
      n = std::strtol(argv[i], nullptr, 10);
    }
  }
  if (n <= 0) {
    std::fprintf(stderr, "usage: bench_live_tokens [N] [--refresh]\n");
    return 2;
  }
  using namespace oauthsim;
  common::VirtualClock clock(1'772'359'200'000);
  common::SeededRandom random(1);
  common::Lifetimes lifetimes;
  authz::InMemoryTokenStore store(authz::TokenStoreLimits{static_cast<std::size_t>(n)});
  authz::TokenIssuer issuer(store, lifetimes, clock, random);
  const std::vector<std::string> scopes = {"candidates.read", "candidates.create", "user.read"};
  const long before = resident_bytes();
  for (long i = 0; i < n; ++i) {
    authz::Grant grant{random.token(16), "acme-ats", refresh ? "alice@example.com" : "", scopes,
                       clock.now_ms()};
    store.add_grant(grant);
    issuer.issue(grant, scopes, refresh);
  }
  const long after = resident_bytes();
  const long tokens = refresh ? 2 * n : n;
  std::printf(
      "%ld %s; RSS %.1f MiB -> %.1f MiB; %.0f bytes per live token (indexes included)\n", tokens,
      refresh ? "tokens (access + refresh, one grant per pair)" : "access tokens (one grant each)",
      before / 1048576.0, after / 1048576.0,
      static_cast<double>(after - before) / static_cast<double>(tokens));
  return 0;
}
