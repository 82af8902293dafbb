#pragma once
#include <atomic>
#include <cstdint>

namespace oauthsim::common {

// Milliseconds since the Unix epoch. Every party reads time through a Clock so one
// virtual clock can make "the token expired" happen in microseconds.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;
  std::int64_t now_seconds() const { return now_ms() / 1000; }
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override;
};

// Starts at a fixed instant and moves only when told; safe to read from server threads.
class VirtualClock final : public Clock {
 public:
  static constexpr std::int64_t kDefaultStartMs = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
  explicit VirtualClock(std::int64_t start_ms = kDefaultStartMs) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(); }
  void advance_ms(std::int64_t ms) { now_.fetch_add(ms); }
  void advance_seconds(std::int64_t s) { advance_ms(s * 1000); }
  void set_ms(std::int64_t ms) { now_.store(ms); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace oauthsim::common
