#pragma once
#include <atomic>
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
  int concurrent_limit = 0;
  int concurrent_remaining = 0;
  std::int64_t retry_after_seconds = 0;  // when refused: until the window resets (>= 1)
};

// SR's limits: N requests per endpoint per credential in fixed one-second windows of the
// shared clock (a test advances a VirtualClock instead of sleeping), plus at most M requests
// in flight per credential. The map look-up takes a short lock; releasing an in-flight slot is
// a single atomic decrement.
class RateLimiter {
 public:
  // Holds one in-flight slot (when allowed) until destroyed.
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
    Permit(RateLimitStatus status, std::atomic<int>* in_flight)
        : status_(status), in_flight_(in_flight) {}
    RateLimitStatus status_;
    std::atomic<int>* in_flight_;  // null when no slot is held
  };

  RateLimiter(const common::Clock& clock, int requests_per_second, int concurrent);

  // credential: who is calling (client_id + user); endpoint: the route ("GET /jobs/{id}").
  Permit acquire(const std::string& credential, const std::string& endpoint);

 private:
  struct Window {
    std::int64_t second = -1;
    int count = 0;
  };
  struct Credential {
    std::atomic<int> in_flight{0};
    std::unordered_map<std::string, Window> windows;  // by endpoint, guarded by mu_
  };

  const common::Clock& clock_;
  const int per_second_;
  const int concurrent_;
  std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Credential>> credentials_;
};

}  // namespace oauthsim::rs
