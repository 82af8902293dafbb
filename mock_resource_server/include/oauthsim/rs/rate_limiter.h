#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "oauthsim/common/clock.h"

namespace oauthsim::rs {

// What the limiter decided; the numbers become the X-RateLimit-* headers.
struct RateLimitStatus {
  bool allowed = true;
  bool concurrency_exceeded = false;  // refused for too many in-flight requests
  int limit = 0;                      // requests per second for this endpoint
  int remaining = 0;                  // left in the current one-second window
  int concurrent_limit = 0;           // in flight at once, for this endpoint
  int concurrent_remaining = 0;
  std::int64_t retry_after_seconds = 0;  // when refused: until the window resets (>= 1)
};

// An endpoint's own limits where SR documents lower ones than the default; 0: the default.
struct EndpointLimits {
  int requests_per_second = 0;  // SR: 2 for POST/DELETE /jobs/{id}/publication
  int concurrent = 0;           // SR: 1 for GET /candidates (within the credential's 8)
};

// SR's limits: N requests per endpoint per credential in fixed one-second windows of a clock
// (the virtual one in scenarios, so a test advances it instead of sleeping; the wall clock in
// `serve`), plus at most M requests in flight per credential, and fewer for an endpoint with
// its own concurrency limit. The map look-up takes a short lock; releasing an in-flight slot is
// an atomic decrement. Credentials idle for kIdleSeconds are forgotten.
class RateLimiter {
 public:
  static constexpr std::int64_t kIdleSeconds = 60;

  // Holds its in-flight slots (when allowed) until destroyed.
  class Permit {
   public:
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    ~Permit();
    const RateLimitStatus& status() const { return status_; }
    bool allowed() const { return status_.allowed; }

   private:
    friend class RateLimiter;
    Permit(RateLimitStatus status, std::atomic<int>* in_flight,
           std::atomic<int>* endpoint_in_flight)
        : status_(status), in_flight_(in_flight), endpoint_in_flight_(endpoint_in_flight) {}
    RateLimitStatus status_;
    std::atomic<int>* in_flight_;           // null when no slot is held
    std::atomic<int>* endpoint_in_flight_;  // null unless the endpoint has its own limit
  };

  RateLimiter(const common::Clock& clock, int requests_per_second, int concurrent);

  // credential: who is calling (client_id + user); endpoint: the route ("GET /jobs/{id}").
  Permit acquire(const std::string& credential, const std::string& endpoint,
                 EndpointLimits limits = {});
  // The headers' figures for an answer that used no budget (no valid credential).
  RateLimitStatus unspent(EndpointLimits limits = {}) const;
  // Which clock the windows follow; call before requests arrive (serve: the wall clock).
  void use_clock(const common::Clock& clock);
  std::size_t tracked_credentials() const;
  // Every window empty and every idle credential forgotten, as at start (POST /_oauthsim/reset).
  // Requests in flight keep their slots: they are still in flight.
  void reset();

 private:
  struct Window {
    std::int64_t second = -1;
    int count = 0;
  };
  struct Credential {
    std::atomic<int> in_flight{0};
    std::int64_t last_second = 0;                     // guarded by mu_
    std::unordered_map<std::string, Window> windows;  // by endpoint, guarded by mu_
    // Endpoints with their own concurrency limit; the counters never move once made.
    std::unordered_map<std::string, std::unique_ptr<std::atomic<int>>> endpoint_in_flight;
  };
  void forget_idle(std::int64_t second);  // mu_ held
  static bool busy(const Credential& c);  // a permit holds one of its slots

  const common::Clock* clock_;
  const int per_second_;
  const int concurrent_;
  mutable std::mutex mu_;
  std::int64_t last_sweep_second_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Credential>> credentials_;
};

}  // namespace oauthsim::rs
