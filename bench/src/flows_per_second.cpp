// Full ten-step four-party flows per second in one process, for bench/run. A flow: the user at
// the vendor app -> authorize -> login -> consent -> allow -> callback -> code exchange ->
// tokens -> API call -> the app's answer, over real HTTP on 127.0.0.1.
//
//   bench_flows_per_second SECONDS USERS kept
//     One world kept up, as a long-running `oauthsim serve` is: the three servers start once,
//     USERS users at once (a thread each; bench/run gives as many as wrk has connections) run
//     whole flows back to back for SECONDS, each flow a fresh browser (cookies) on its user's
//     keep-alive connections, the app's back channel keeping its own.
//     A flow counts only when it ended in the app's "connected" page, which the app serves after
//     a 200 from the Customer API's /users/me; any other end is a failure (exit 1).
//   bench_flows_per_second SECONDS USERS fresh
//     What one scenario of `oauthsim run` costs: the catalog's `allow` scenario, each run in a
//     fresh world (three servers started and stopped, new connections) and judged.
//
// Prints {"mode": M, "flows": N, "failed": F, "seconds": S, "flows_per_second": R}.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/scenario/browser/user_agent.h"
#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/world/world.h"

namespace {

using Clock = std::chrono::steady_clock;
using oauthsim::scenario::World;

struct Counts {
  std::atomic<long> done{0};
  std::atomic<long> failed{0};
};

// Starts `threads` threads; each makes its flow with per_thread() and runs it again and again
// until `seconds` pass.
template <typename PerThread>
double run_for(double seconds, int threads, Counts& counts, PerThread per_thread) {
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      auto flow = per_thread();
      while (Clock::now() < deadline) {
        const bool ok = flow();
        ++counts.done;
        if (!ok) ++counts.failed;
      }
    });
  }
  for (auto& w : workers) w.join();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A load test raises SR's Customer API rate limit (10 requests/s per credential), as the README
// says a vendor's load test of the mock should.
oauthsim::scenario::WorldOptions kept_world_options() {
  oauthsim::scenario::WorldOptions options;
  options.config.rate_limit.requests_per_second = 1'000'000;
  options.config.rate_limit.concurrent = 10'000;
  options.connections = oauthsim::common::ConnectionReuse::kKeepAlive;
  return options;
}

double kept_world(double seconds, int users, Counts& counts) {
  World world(kept_world_options());
  const std::string start_url = world.connect_url();
  oauthsim::scenario::UserScript alice{"alice@example.com", "wonderland", std::nullopt,
                                       oauthsim::scenario::Decision::kAllow};
  return run_for(seconds, users, counts, [&] {
    // One browser's connections per user, kept alive across the user's flows.
    auto http = std::make_shared<oauthsim::common::SocketHttpTransport>(
        10, oauthsim::common::HttpResponseLimits{}, std::nullopt,
        oauthsim::common::ConnectionReuse::kKeepAlive);
    return std::function<bool()>([http, &start_url, &alice, &world] {
      oauthsim::scenario::UserAgent user(*http, &world.clock());  // a fresh cookie jar
      const auto r = user.run_flow(start_url, alice);
      if (r.error || r.final_response.status != 200 ||
          r.final_response.body.find("status-ok\">Connected as") == std::string::npos) {
        if (r.error) std::cerr << "flow failed: " << *r.error << "\n";
        return false;
      }
      return true;
    });
  });
}

double fresh_worlds(double seconds, int threads, Counts& counts) {
  const auto flows = oauthsim::scenario::mission_flows();
  const oauthsim::scenario::MissionFlow* allow = nullptr;
  for (const auto& f : flows) {
    if (f.name == "allow") allow = &f;
  }
  if (!allow) throw std::runtime_error("the catalog has no 'allow' scenario");
  return run_for(seconds, threads, counts, [allow] {
    return std::function<bool()>(
        [allow] { return oauthsim::scenario::run_mission_flow(*allow).passed; });
  });
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc == 4 ? std::atof(argv[1]) : 0;
  const int threads = argc == 4 ? std::atoi(argv[2]) : 0;
  const std::string mode = argc == 4 ? argv[3] : "";
  if (seconds <= 0 || threads <= 0 || (mode != "kept" && mode != "fresh")) {
    std::cerr << "usage: bench_flows_per_second SECONDS USERS kept|fresh\n";
    return 2;
  }
  Counts counts;
  double elapsed = 0;
  try {
    elapsed = mode == "kept" ? kept_world(seconds, threads, counts)
                             : fresh_worlds(seconds, threads, counts);
  } catch (const std::exception& e) {
    std::cerr << "bench_flows_per_second: " << e.what() << "\n";
    return 1;
  }
  const long done = counts.done;
  const long failed = counts.failed;
  std::cout << "{\"mode\": \"" << mode << "\", \"flows\": " << done << ", \"failed\": " << failed
            << ", \"seconds\": " << elapsed
            << ", \"flows_per_second\": " << static_cast<double>(done) / elapsed << "}\n";
  return failed == 0 && done > 0 ? 0 : 1;
}
