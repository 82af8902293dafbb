#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "guarded_server.h"

namespace oauthsim::common::detail {
namespace {

class ElasticPool final : public httplib::TaskQueue {
 public:
  // No thread starts before the first connection: a scenario world starts three servers,
  // most of whose workers would never run.
  ElasticPool(std::size_t max_threads, std::chrono::milliseconds idle_exit,
              std::shared_ptr<std::atomic<std::size_t>> live_threads)
      : max_(max_threads), idle_exit_(idle_exit), live_threads_(std::move(live_threads)) {}
  ~ElasticPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::vector<std::thread> finished;
    {
      std::lock_guard lock(mu_);
      finished = take_finished();
      jobs_.push_back(std::move(fn));
      if (!stopping_ && idle_ < jobs_.size() && threads_.size() < max_) spawn();
    }
    cv_.notify_one();
    for (auto& t : finished) t.join();
  }

  void shutdown() override {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_all();
    // Workers only leave threads_ under the lock, and none is added once stopping.
    for (auto& t : threads_) t.join();
    for (auto& t : finished_) t.join();
  }

 private:
  void spawn() {
    threads_.emplace_back();
    auto self = std::prev(threads_.end());
    ++*live_threads_;
    *self = std::thread([this, self] { work(self); });
  }

  // Threads that left after idling: joined outside the lock by whoever comes next.
  std::vector<std::thread> take_finished() {
    std::vector<std::thread> out(std::make_move_iterator(finished_.begin()),
                                 std::make_move_iterator(finished_.end()));
    finished_.clear();
    return out;
  }

  void work(std::list<std::thread>::iterator self) {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mu_);
        ++idle_;
        const bool woken =
            cv_.wait_for(lock, idle_exit_, [this] { return stopping_ || !jobs_.empty(); });
        --idle_;
        if (!woken) {
          // A burst of connections is over: this thread is not kept for the next one. Its
          // std::thread moves to finished_, to be joined by the next enqueue or by shutdown.
          finished_.push_back(std::move(*self));
          threads_.erase(self);
          --*live_threads_;
          return;
        }
        if (jobs_.empty()) {  // stopping, nothing left to do
          --*live_threads_;
          return;
        }
        fn = std::move(jobs_.front());
        jobs_.pop_front();
      }
      fn();
    }
  }

  const std::size_t max_;
  const std::chrono::milliseconds idle_exit_;
  const std::shared_ptr<std::atomic<std::size_t>> live_threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::list<std::thread> threads_;  // a list: a worker that leaves erases its own entry
  std::vector<std::thread> finished_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace

httplib::TaskQueue* make_elastic_pool(std::size_t max_threads, std::chrono::milliseconds idle_exit,
                                      std::shared_ptr<std::atomic<std::size_t>> live_threads) {
  return new ElasticPool(max_threads, idle_exit, std::move(live_threads));
}

}  // namespace oauthsim::common::detail
