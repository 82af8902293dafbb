// Full ten-step four-party flows per second in one process, for bench/run: the catalog's
// `allow` scenario (connect, authorize, log in, consent, allow, callback, code exchange, tokens,
// API call, answer), each run in a fresh world and judged, on THREADS threads at once for
// SECONDS of wall time.
//
// Usage: bench_flows_per_second SECONDS THREADS
// Prints {"flows": N, "failed": F, "seconds": S, "flows_per_second": R}.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "oauthsim/scenario/runner/mission_flows.h"

int main(int argc, char** argv) {
  const double seconds = argc == 3 ? std::atof(argv[1]) : 0;
  const int threads = argc == 3 ? std::atoi(argv[2]) : 0;
  if (seconds <= 0 || threads <= 0) {
    std::cerr << "usage: bench_flows_per_second SECONDS THREADS\n";
    return 2;
  }
  const oauthsim::scenario::MissionFlow* allow = nullptr;
  const auto flows = oauthsim::scenario::mission_flows();
  for (const auto& f : flows) {
    if (f.name == "allow") allow = &f;
  }
  if (!allow) {
    std::cerr << "bench_flows_per_second: the catalog has no 'allow' scenario\n";
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  std::atomic<long> done{0};
  std::atomic<long> failed{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      while (Clock::now() < deadline) {
        const auto result = oauthsim::scenario::run_mission_flow(*allow);
        ++done;
        if (!result.passed) ++failed;
      }
    });
  }
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::cout << "{\"flows\": " << done << ", \"failed\": " << failed << ", \"seconds\": " << elapsed
            << ", \"flows_per_second\": " << static_cast<double>(done) / elapsed << "}\n";
  return failed == 0 ? 0 : 1;
}
