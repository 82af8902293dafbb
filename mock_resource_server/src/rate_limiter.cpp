#include "oauthsim/rs/rate_limiter.h"

#include <algorithm>

namespace oauthsim::rs {

RateLimiter::Permit::Permit(Permit&& other) noexcept
    : status_(other.status_), in_flight_(other.in_flight_) {
  other.in_flight_ = nullptr;
}

RateLimiter::Permit::~Permit() {
  if (in_flight_) in_flight_->fetch_sub(1, std::memory_order_acq_rel);
}

RateLimiter::RateLimiter(const common::Clock& clock, int requests_per_second, int concurrent)
    : clock_(clock),
      per_second_(std::max(1, requests_per_second)),
      concurrent_(std::max(1, concurrent)) {}

RateLimiter::Permit RateLimiter::acquire(const std::string& credential,
                                         const std::string& endpoint) {
  const std::int64_t now_ms = clock_.now_ms();
  // Floor division so a clock before 1970 still gets whole windows.
  const std::int64_t second = now_ms >= 0 ? now_ms / 1000 : (now_ms - 999) / 1000;
  const std::int64_t until_reset_ms = (second + 1) * 1000 - now_ms;

  RateLimitStatus st;
  st.limit = per_second_;
  st.concurrent_limit = concurrent_;

  std::lock_guard lock(mu_);
  auto& cred = credentials_[credential];
  if (!cred) cred = std::make_unique<Credential>();
  Window& w = cred->windows[endpoint];
  if (w.second != second) {
    w.second = second;
    w.count = 0;
  }

  int in_flight = cred->in_flight.fetch_add(1, std::memory_order_acq_rel) + 1;
  if (in_flight > concurrent_) {
    cred->in_flight.fetch_sub(1, std::memory_order_acq_rel);
    st.allowed = false;
    st.concurrency_exceeded = true;
    st.remaining = std::max(0, per_second_ - w.count);
    st.concurrent_remaining = 0;
    st.retry_after_seconds = 1;  // in-flight requests finish well within a second
    return Permit(st, nullptr);
  }
  if (w.count >= per_second_) {
    cred->in_flight.fetch_sub(1, std::memory_order_acq_rel);
    st.allowed = false;
    st.remaining = 0;
    st.concurrent_remaining = std::max(0, concurrent_ - (in_flight - 1));
    st.retry_after_seconds = std::max<std::int64_t>(1, (until_reset_ms + 999) / 1000);
    return Permit(st, nullptr);
  }
  ++w.count;
  st.remaining = per_second_ - w.count;
  st.concurrent_remaining = concurrent_ - in_flight;
  return Permit(st, &cred->in_flight);
}

}  // namespace oauthsim::rs
