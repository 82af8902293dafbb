// Micro-benchmarks of the paths every request of `oauthsim serve` or every scenario of
// `oauthsim run` goes through (bench/run prints their ns per operation under its table).
#include <benchmark/benchmark.h>

#include <httplib.h>

#include <cstdlib>
#include <memory>

#include "oauthsim/authz/store_token_verifier.h"
#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/http_responses.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/common/trace_recording.h"
#include "oauthsim/rs/bearer_token.h"
#include "oauthsim/scenario/judging/flow_view.h"
#include "oauthsim/scenario/judging/steps.h"
#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/world/world.h"

namespace {

using namespace oauthsim;

const std::vector<std::string> kScopes = {"configuration_read"};

// Live tokens in the store the lookups search: 100,000, or OAUTHSIM_BENCH_LIVE_TOKENS (the
// smoke form of bench/run asks for few, to finish in seconds).
int live_tokens() {
  const char* n = std::getenv("OAUTHSIM_BENCH_LIVE_TOKENS");
  return n && std::atoi(n) > 0 ? std::atoi(n) : 100'000;
}

// A token endpoint's store after `count` client_credentials requests.
struct IssuingWorld {
  common::VirtualClock clock{1'800'000'000'000};
  common::SeededRandom random{1};
  common::Lifetimes lifetimes;
  authz::InMemoryTokenStore store;
  authz::TokenIssuer issuer{store, lifetimes, clock, random};

  std::string issue() {
    authz::Grant grant{random.token(16), "acme-ats", "", kScopes, clock.now_ms()};
    store.add_grant(grant);
    return issuer.issue(grant, grant.scopes, false).access_token;
  }
};

// One client_credentials token: a grant, 256 random bits, two store inserts.
void TokenIssue(benchmark::State& state) {
  IssuingWorld w;
  for (auto _ : state) benchmark::DoNotOptimize(w.issue());
}
BENCHMARK(TokenIssue);

// Finding one of the live access tokens.
void TokenLookup(benchmark::State& state) {
  IssuingWorld w;
  std::vector<std::string> tokens;
  for (int i = 0; i < live_tokens(); ++i) tokens.push_back(w.issue());
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(w.store.find_access_token(tokens[i++ % tokens.size()]));
  }
}
BENCHMARK(TokenLookup);

const std::string kRefreshBody =
    "grant_type=refresh_token&refresh_token=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4"
    "&client_id=acme-ats&client_secret=acme%2Dsecret&scope=user_me_read+jobs_read";

// An x-www-form-urlencoded token request body into name/value pairs.
void FormDecode(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(common::parse_params(kRefreshBody));
}
BENCHMARK(FormDecode);

// What the Customer API does before routing: the Authorization header parsed, the token
// looked up and judged live (one of the live tokens).
void BearerValidation(benchmark::State& state) {
  IssuingWorld w;
  std::vector<std::string> tokens;
  for (int i = 0; i < live_tokens(); ++i) tokens.push_back(w.issue());
  const authz::UserDirectory users(common::default_config().users);
  authz::StoreTokenVerifier verifier(w.store, users, w.clock);
  std::vector<httplib::Request> requests(64);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    requests[i].method = "GET";
    requests[i].path = "/configuration/company";
    requests[i].set_header("Authorization",
                           "Bearer " + tokens[i * tokens.size() / requests.size()]);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const auto token = rs::extract_bearer_token(requests[i++ % requests.size()]);
    benchmark::DoNotOptimize(verifier.verify(token));
  }
}
BENCHMARK(BearerValidation);

const std::string kTokenAnswer =
    R"({"access_token":"Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4","token_type":"bearer",)"
    R"("expires_in":1800,"refresh_token":"cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6",)"
    R"("scope":"user_me_read jobs_read"})";

// One token exchange into the trace as HttpServer records it on every request: the entry's
// plain facts and the raw parts (selected headers, both bodies) its redacted fields are drawn
// from when it is first read.
void TraceRecording(benchmark::State& state) {
  common::Trace trace;
  std::size_t n = 0;
  for (auto _ : state) {
    common::TraceEntry e;
    e.seq = trace.reserve_seq();
    e.observer = e.to = common::party::kAuthorizationServer;
    e.from = common::party::kClient;
    e.method = "POST";
    e.path = "/identity/oauth/token";
    e.status = 200;
    auto raw = std::make_unique<common::UnredactedExchange>();
    raw->request_headers.add("Content-Type", "application/x-www-form-urlencoded");
    raw->request_body = kRefreshBody;
    raw->request_decoded = true;
    raw->response_headers.add("Cache-Control", "no-store");
    raw->response_headers.add("Content-Type", "application/json");
    raw->response_body = kTokenAnswer;
    trace.record(std::move(e), std::move(raw));
    if (++n % 10'000 == 0) trace.clear();  // a long run measures recording, not memory
  }
}
BENCHMARK(TraceRecording);

// What reading that entry costs once (GET /_oauthsim/trace, a scenario's judging): the form
// and the JSON answer parsed and redacted, tokens fingerprinted with SHA-256.
void TraceRedaction(benchmark::State& state) {
  common::UnredactedExchange raw;
  raw.request_headers.add("Content-Type", "application/x-www-form-urlencoded");
  raw.request_body = kRefreshBody;
  raw.request_decoded = true;
  raw.response_headers.add("Cache-Control", "no-store");
  raw.response_headers.add("Content-Type", "application/json");
  raw.response_body = kTokenAnswer;
  for (auto _ : state) {
    common::TraceEntry e;
    common::redact_exchange(e, raw);
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(TraceRedaction);

// The ten steps of the catalog's allow flow judged from its trace (every standard check).
void CheckEvaluation(benchmark::State& state) {
  const auto flows = scenario::mission_flows();
  const auto allow = std::find_if(flows.begin(), flows.end(),
                                  [](const scenario::MissionFlow& f) { return f.name == "allow"; });
  scenario::WorldOptions options;
  if (allow->configure) allow->configure(options);
  scenario::World world(options);
  allow->run(world);
  world.trace().settle();
  const scenario::FlowView view(world.trace().entries(), &world.client_registration(),
                                world.config().lifetimes);
  for (auto _ : state) benchmark::DoNotOptimize(scenario::judge_steps(view, allow->expected));
}
BENCHMARK(CheckEvaluation);

}  // namespace

BENCHMARK_MAIN();
