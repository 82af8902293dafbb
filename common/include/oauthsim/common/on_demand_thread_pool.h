#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace oauthsim::common {

// The worker pool of an HttpServer. httplib's own pool starts all of its threads (8 on a small
// machine) when the server starts; a scenario world runs three servers for a few dozen requests,
// and creating and tearing down those 24 threads was the largest cost of `oauthsim run` (issue
// 14's profile). This one starts a thread only when a job finds none idle, up to max_threads,
// and keeps it for the next job: a busy server ends up with the same pool, an idle one with one
// or two threads.
class OnDemandThreadPool final : public httplib::TaskQueue {
 public:
  explicit OnDemandThreadPool(std::size_t max_threads);
  ~OnDemandThreadPool() override;
  OnDemandThreadPool(const OnDemandThreadPool&) = delete;
  OnDemandThreadPool& operator=(const OnDemandThreadPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  // Runs the jobs already queued, then joins every thread.
  void shutdown() override;

  std::size_t threads_started() const;

  // httplib's default pool size: the same ceiling as before, so a loaded server keeps its
  // concurrency.
  static std::size_t default_max_threads();

 private:
  void work();

  const std::size_t max_threads_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool shutdown_ = false;
};

}  // namespace oauthsim::common
