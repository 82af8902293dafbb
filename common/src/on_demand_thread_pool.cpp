#include "oauthsim/common/on_demand_thread_pool.h"

#include <algorithm>

namespace oauthsim::common {

OnDemandThreadPool::OnDemandThreadPool(std::size_t max_threads)
    : max_threads_(std::max<std::size_t>(1, max_threads)) {}

OnDemandThreadPool::~OnDemandThreadPool() {
  shutdown();
}

std::size_t OnDemandThreadPool::default_max_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return std::max(8u, cores > 0 ? cores - 1 : 0u);
}

void OnDemandThreadPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back(std::move(fn));
    // Idle threads that have not woken yet still count as idle: one per queued job suffices.
    if (jobs_.size() > idle_ && threads_.size() < max_threads_) {
      threads_.emplace_back([this] { work(); });
    }
  }
  wake_.notify_one();
}

void OnDemandThreadPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    shutdown_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& t : threads) t.join();
}

std::size_t OnDemandThreadPool::threads_started() const {
  std::lock_guard lock(mu_);
  return threads_.size();
}

void OnDemandThreadPool::work() {
  std::unique_lock lock(mu_);
  for (;;) {
    ++idle_;
    wake_.wait(lock, [this] { return !jobs_.empty() || shutdown_; });
    --idle_;
    if (jobs_.empty()) return;  // shut down, nothing left to run
    auto fn = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    fn();
    lock.lock();
  }
}

}  // namespace oauthsim::common
