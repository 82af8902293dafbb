#include "oauthsim/rs/rate_limiter.h"

#include <algorithm>

namespace oauthsim::rs {

RateLimiter::Permit::Permit(Permit&& other) noexcept
    : status_(other.status_),
      in_flight_(other.in_flight_),
      endpoint_in_flight_(other.endpoint_in_flight_) {
  other.in_flight_ = nullptr;
  other.endpoint_in_flight_ = nullptr;
}

RateLimiter::Permit::~Permit() {
  if (endpoint_in_flight_) endpoint_in_flight_->fetch_sub(1, std::memory_order_acq_rel);
  if (in_flight_) in_flight_->fetch_sub(1, std::memory_order_acq_rel);
}

RateLimiter::RateLimiter(const common::Clock& clock, int requests_per_second, int concurrent)
    : clock_(&clock),
      per_second_(std::max(1, requests_per_second)),
      concurrent_(std::max(1, concurrent)) {}

void RateLimiter::use_clock(const common::Clock& clock) {
  std::lock_guard lock(mu_);
  clock_ = &clock;
  credentials_.clear();  // windows of the old clock mean nothing on the new one
}

RateLimitStatus RateLimiter::unspent(EndpointLimits limits) const {
  RateLimitStatus st;
  st.limit = limits.requests_per_second > 0 ? limits.requests_per_second : per_second_;
  st.remaining = st.limit;
  st.concurrent_limit =
      limits.concurrent > 0 ? std::min(limits.concurrent, concurrent_) : concurrent_;
  st.concurrent_remaining = st.concurrent_limit;
  return st;
}

std::size_t RateLimiter::tracked_credentials() const {
  std::lock_guard lock(mu_);
  return credentials_.size();
}

bool RateLimiter::busy(const Credential& c) {
  bool busy = c.in_flight.load(std::memory_order_acquire) != 0;
  for (const auto& [name, n] : c.endpoint_in_flight) busy = busy || n->load() != 0;
  return busy;
}

void RateLimiter::forget_idle(std::int64_t second) {
  if (second - last_sweep_second_ < kIdleSeconds) return;
  last_sweep_second_ = second;
  for (auto it = credentials_.begin(); it != credentials_.end();) {
    // A permit still points at a busy credential's counters: it stays.
    if (!busy(*it->second) && second - it->second->last_second >= kIdleSeconds) {
      it = credentials_.erase(it);
    } else {
      ++it;
    }
  }
}

void RateLimiter::reset() {
  std::lock_guard lock(mu_);
  for (auto it = credentials_.begin(); it != credentials_.end();) {
    if (!busy(*it->second)) {
      it = credentials_.erase(it);
    } else {
      it->second->windows.clear();
      ++it;
    }
  }
}

RateLimiter::Permit RateLimiter::acquire(const std::string& credential, const std::string& endpoint,
                                         EndpointLimits limits) {
  std::lock_guard lock(mu_);
  const std::int64_t now_ms = clock_->now_ms();
  // Floor division so a clock before 1970 still gets whole windows.
  const std::int64_t second = now_ms >= 0 ? now_ms / 1000 : (now_ms - 999) / 1000;
  const std::int64_t until_reset_ms = (second + 1) * 1000 - now_ms;
  forget_idle(second);

  RateLimitStatus st = unspent(limits);
  auto& cred = credentials_[credential];
  if (!cred) cred = std::make_unique<Credential>();
  cred->last_second = second;
  Window& w = cred->windows[endpoint];
  if (w.second != second) {
    w.second = second;
    w.count = 0;
  }
  std::atomic<int>* endpoint_slots = nullptr;
  if (limits.concurrent > 0) {
    auto& slot = cred->endpoint_in_flight[endpoint];
    if (!slot) slot = std::make_unique<std::atomic<int>>(0);
    endpoint_slots = slot.get();
  }

  // Slots are taken and, when refused, given back under the lock, so two callers cannot both
  // see a free last slot.
  const int in_flight = cred->in_flight.fetch_add(1, std::memory_order_acq_rel) + 1;
  const int endpoint_in_flight =
      endpoint_slots ? endpoint_slots->fetch_add(1, std::memory_order_acq_rel) + 1 : 0;
  // Free slots with `extra` more requests in flight than now (-1: this one given back).
  auto free_slots = [&](int extra) {
    int free = concurrent_ - (in_flight + extra);
    if (endpoint_slots) free = std::min(free, st.concurrent_limit - (endpoint_in_flight + extra));
    return std::max(0, free);
  };
  auto give_back = [&] {
    cred->in_flight.fetch_sub(1, std::memory_order_acq_rel);
    if (endpoint_slots) endpoint_slots->fetch_sub(1, std::memory_order_acq_rel);
  };
  if (in_flight > concurrent_ || (endpoint_slots && endpoint_in_flight > st.concurrent_limit)) {
    give_back();
    st.allowed = false;
    st.concurrency_exceeded = true;
    st.remaining = std::max(0, st.limit - w.count);
    st.concurrent_remaining = 0;
    st.retry_after_seconds = 1;  // in-flight requests usually finish within a second
    return Permit(st, nullptr, nullptr);
  }
  if (w.count >= st.limit) {
    give_back();
    st.allowed = false;
    st.remaining = 0;
    st.concurrent_remaining = free_slots(-1);
    st.retry_after_seconds = std::max<std::int64_t>(1, (until_reset_ms + 999) / 1000);
    return Permit(st, nullptr, nullptr);
  }
  ++w.count;
  st.remaining = st.limit - w.count;
  st.concurrent_remaining = free_slots(0);
  return Permit(st, &cred->in_flight, endpoint_slots);
}

}  // namespace oauthsim::rs
