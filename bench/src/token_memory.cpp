// Memory per live token, for bench/run: COUNT client_credentials tokens issued into the
// in-memory token store exactly as the token endpoint does (one grant and one access token
// each), then the growth of the resident set divided by COUNT.
//
// Usage: bench_token_memory COUNT
// Prints {"tokens": N, "rss_growth_bytes": B, "bytes_per_token": R}.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/random.h"

namespace {

long resident_bytes() {
  long pages_total = 0;
  long pages_resident = 0;
  std::ifstream("/proc/self/statm") >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc == 2 ? std::atol(argv[1]) : 0;
  if (count <= 0) {
    std::cerr << "usage: bench_token_memory COUNT\n";
    return 2;
  }
  oauthsim::common::VirtualClock clock(1'800'000'000'000);
  oauthsim::common::SeededRandom random(1);
  const oauthsim::common::Lifetimes lifetimes;
  oauthsim::authz::InMemoryTokenStore store;
  oauthsim::authz::TokenIssuer issuer(store, lifetimes, clock, random);
  const std::vector<std::string> scopes = {"configuration_read"};
  const long before = resident_bytes();
  for (long i = 0; i < count; ++i) {
    oauthsim::authz::Grant grant{random.token(16), "acme-ats", "", scopes, clock.now_ms()};
    store.add_grant(grant);
    issuer.issue(grant, grant.scopes, false);
  }
  const long growth = resident_bytes() - before;
  std::cout << "{\"tokens\": " << count << ", \"rss_growth_bytes\": " << growth
            << ", \"bytes_per_token\": " << static_cast<double>(growth) / static_cast<double>(count)
            << "}\n";
  return 0;
}
