#include "oauthsim/common/fault_injector.h"

#include <stdexcept>

namespace oauthsim::common {

std::string InjectedFault::describe() const {
  std::string what;
  if (status != 0) what = std::to_string(status);
  if (delay.count() > 0) {
    what += (what.empty() ? "" : " after ") + std::to_string(delay.count()) + " ms";
    if (status == 0 && !drop_connection) what = "real answer delayed " + what;
  }
  if (drop_connection) what = "connection dropped" + (what.empty() ? "" : " (" + what + ")");
  const std::string count = times == 1 ? "once" : std::to_string(times) + " times";
  return what + " " + count + " on " + (method.empty() ? "any method" : method) + " " + path;
}

void FaultInjector::add(InjectedFault fault) {
  if (fault.times < 1) throw std::invalid_argument("a fault must hit at least one request");
  if (fault.path.empty() || fault.path.front() != '/') {
    throw std::invalid_argument("a fault's path must start with '/', got \"" + fault.path + "\"");
  }
  if (fault.status != 0 && (fault.status < 100 || fault.status > 599)) {
    throw std::invalid_argument("a fault's status must be 100..599, got " +
                                std::to_string(fault.status));
  }
  if (fault.status == 0 && fault.delay.count() <= 0 && !fault.drop_connection) {
    throw std::invalid_argument("a fault needs a status, a delay, a dropped connection or a mix");
  }
  std::lock_guard lock(mu_);
  faults_.push_back(std::move(fault));
  count_.store(faults_.size(), std::memory_order_relaxed);
}

std::optional<InjectedFault> FaultInjector::take(std::string_view method, std::string_view path) {
  if (count_.load(std::memory_order_relaxed) == 0) return std::nullopt;
  std::lock_guard lock(mu_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->matches(method, path)) continue;
    InjectedFault fired = *it;
    fired.times = 1;
    if (--it->times == 0) faults_.erase(it);
    count_.store(faults_.size(), std::memory_order_relaxed);
    return fired;
  }
  return std::nullopt;
}

std::vector<InjectedFault> FaultInjector::pending() const {
  std::lock_guard lock(mu_);
  return faults_;
}

void FaultInjector::clear() {
  std::lock_guard lock(mu_);
  faults_.clear();
  count_.store(0, std::memory_order_relaxed);
}

}  // namespace oauthsim::common
